package dev.sheepop.generate;

/**
 * Per-layer keys and values of the tokens seen so far, over plain float arrays sized for the model's
 * context. Keys are channel-major ({@code [C][T]}) so that a query's attention scores are an axpy over one
 * contiguous row per channel; values are {@code [H][T][hs]} so that the weighted sum of a head is an axpy
 * over contiguous rows too (both vectorised by C2). Not thread-safe: one per decoder.
 */
public final class KvCache {
    final int layers;
    final int channels;
    final int heads;
    final int capacity;
    final float[][][] keys;     // [L][C][T]
    final float[][][][] values; // [L][H][T][hs]
    private int length;

    public KvCache(int layers, int channels, int heads, int capacity) {
        this.layers = layers;
        this.channels = channels;
        this.heads = heads;
        this.capacity = capacity;
        this.keys = new float[layers][channels][capacity];
        this.values = new float[layers][heads][capacity][channels / heads];
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
        int hs = channels / heads;
        float[][] k = new float[layers][channels * n];  // [L][C·n]
        float[][] v = new float[layers][heads * n * hs]; // [L][H·n·hs]
        for (int l = 0; l < layers; l++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(keys[l][c], 0, k[l], c * n, n);
            }
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < n; t++) {
                    System.arraycopy(values[l][h][t], 0, v[l], (h * n + t) * hs, hs);
                }
            }
        }
        return new Snapshot(n, k, v);
    }

    /** Replaces the contents with a snapshot's positions. */
    public void restore(Snapshot s) {
        int n = s.length();
        if (n > capacity || s.keys().length != layers || (n > 0 && s.keys()[0].length != channels * n)) {
            throw new IllegalArgumentException("snapshot does not fit this cache");
        }
        int hs = channels / heads;
        for (int l = 0; l < layers; l++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(s.keys()[l], c * n, keys[l][c], 0, n);
            }
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < n; t++) {
                    System.arraycopy(s.values()[l], (h * n + t) * hs, values[l][h][t], 0, hs);
                }
            }
        }
        length = n;
    }

    /** The keys and values of {@code length} positions, copied out of a cache. */
    public record Snapshot(int length, float[][] keys, float[][] values) {
        public long bytes() {
            return keys.length == 0 ? 0 : 2L * 4 * keys.length * keys[0].length; // [L][C·n] twice
        }
    }
}
