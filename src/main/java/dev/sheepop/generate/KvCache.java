package dev.sheepop.generate;

/**
 * Per-layer keys and values of the tokens seen so far, over plain float arrays sized for the model's
 * context. Keys are stored channel-major ({@code [C, T]}) so that the attention scores of one query are an
 * axpy over contiguous memory; values are position-major ({@code [T, C]}) so that the weighted sum is one too.
 * Not thread-safe: one per decoder.
 */
public final class KvCache {
    final int layers;
    final int channels;
    final int capacity;
    final float[][] keys;   // [L][C * T]: key of channel c at position t is keys[l][c * T + t]
    final float[][] values; // [L][T * C]: value of channel c at position t is values[l][t * C + c]
    private int length;

    public KvCache(int layers, int channels, int capacity) {
        this.layers = layers;
        this.channels = channels;
        this.capacity = capacity;
        this.keys = new float[layers][channels * capacity];
        this.values = new float[layers][capacity * channels];
    }

    /** Tokens cached. */
    public int length() {
        return length;
    }

    public int capacity() {
        return capacity;
    }

    public void clear() {
        length = 0;
    }

    void advance(int n) {
        if (length + n > capacity) {
            throw new IllegalStateException("KV cache full: " + length + " + " + n + " > " + capacity);
        }
        length += n;
    }

    /** A compact copy of the first {@code n} positions (a prompt-cache entry). */
    public Snapshot snapshot(int n) {
        if (n > length) {
            throw new IllegalArgumentException("snapshot of " + n + " positions, cache holds " + length);
        }
        float[][] k = new float[layers][channels * n];
        float[][] v = new float[layers][n * channels];
        for (int l = 0; l < layers; l++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(keys[l], c * capacity, k[l], c * n, n);
            }
            System.arraycopy(values[l], 0, v[l], 0, n * channels);
        }
        return new Snapshot(n, k, v);
    }

    /** Replaces the contents with a snapshot's positions. */
    public void restore(Snapshot s) {
        if (s.length() > capacity || s.keys().length != layers) {
            throw new IllegalArgumentException("snapshot does not fit this cache");
        }
        int n = s.length();
        for (int l = 0; l < layers; l++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(s.keys()[l], c * n, keys[l], c * capacity, n);
            }
            System.arraycopy(s.values()[l], 0, values[l], 0, n * channels);
        }
        length = n;
    }

    /** The keys and values of {@code length} positions, copied out of a cache. */
    public record Snapshot(int length, float[][] keys, float[][] values) {
        public long bytes() {
            return keys.length == 0 ? 0 : 2L * 4 * keys.length * keys[0].length; // [L][C * n] twice
        }
    }
}
