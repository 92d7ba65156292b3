package dev.sheepop.data;

import dev.sheepop.config.DataConfig;

import java.util.SplittableRandom;

/**
 * Cuts a token stream into batches of windows of {@code T + 1} tokens. Every batch is a pure function of
 * (seed, step, micro-step): no hidden RNG state, so a resumed run draws exactly the batches the uninterrupted
 * run would have drawn.
 * <ul>
 *   <li>{@code random}: each window starts at a uniformly drawn position (nanoGPT);</li>
 *   <li>{@code strided}: windows start every {@code stride} tokens; each epoch visits them all in an order
 *       shuffled with (seed, epoch) (SheepOp LLM's original max_length/stride).</li>
 * </ul>
 */
public final class Batches {
    private final int[] tokens;
    private final int seqLen;
    private final int batchSize;
    private final int stride;
    private final DataConfig.Sampling sampling;
    private final long seed;
    private final int windows;
    private int[] order;
    private int orderEpoch = -1;

    public Batches(int[] tokens, int seqLen, int batchSize, DataConfig.Sampling sampling, int stride, long seed) {
        if (tokens.length < seqLen + 1) {
            throw new IllegalArgumentException("need at least " + (seqLen + 1) + " tokens, got " + tokens.length);
        }
        this.tokens = tokens;
        this.seqLen = seqLen;
        this.batchSize = batchSize;
        this.stride = stride;
        this.sampling = sampling;
        this.seed = seed;
        this.windows = sampling == DataConfig.Sampling.STRIDED
                ? (tokens.length - seqLen - 1) / stride + 1
                : Math.max(1, (tokens.length - 1) / seqLen);   // random: an epoch ≈ one pass over the tokens
    }

    /** Windows per epoch: strided windows, or tokens / T for random sampling. */
    public int windowsPerEpoch() {
        return windows;
    }

    /** Batches per epoch at {@code perStep} batches per optimizer step (≥ 1 step). */
    public int stepsPerEpoch(int perStep) {
        return Math.max(1, windows / (batchSize * perStep));
    }

    /** The {@code micro}-th of {@code perStep} batches of optimizer step {@code step}. */
    public Batch batch(long step, int micro, int perStep, int stepsPerEpoch) {
        int[][] x = new int[batchSize][seqLen];
        int[][] y = new int[batchSize][seqLen];
        if (sampling == DataConfig.Sampling.RANDOM) {
            // one stream per optimizer step; micro-batch m takes draws [m·B, (m+1)·B), so k micro-batches of B
            // are exactly the windows of one batch of k·B (accumulation equivalence)
            var random = new SplittableRandom(mix(seed, step, 0));
            for (int skip = 0; skip < micro * batchSize; skip++) {
                random.nextInt(tokens.length - seqLen);
            }
            for (int b = 0; b < batchSize; b++) {
                fill(x[b], y[b], random.nextInt(tokens.length - seqLen));
            }
        } else {
            int epoch = (int) (step / stepsPerEpoch);
            long first = ((step % stepsPerEpoch) * perStep + micro) * (long) batchSize;
            int[] perm = order(epoch);
            for (int b = 0; b < batchSize; b++) {
                fill(x[b], y[b], perm[(int) ((first + b) % windows)] * stride);
            }
        }
        return new Batch(x, y);
    }

    /** Evaluation batch {@code i}: random windows drawn from a fixed seed, the same at every evaluation. */
    public Batch evalBatch(int i) {
        var random = new SplittableRandom(mix(seed ^ 0x5EEDL, -1 - i, 0));
        int[][] x = new int[batchSize][seqLen];
        int[][] y = new int[batchSize][seqLen];
        for (int b = 0; b < batchSize; b++) {
            fill(x[b], y[b], random.nextInt(tokens.length - seqLen));
        }
        return new Batch(x, y);
    }

    private void fill(int[] x, int[] y, int start) {
        System.arraycopy(tokens, start, x, 0, seqLen);
        System.arraycopy(tokens, start + 1, y, 0, seqLen);
    }

    private int[] order(int epoch) {
        if (epoch != orderEpoch) {
            int[] perm = new int[windows];
            for (int i = 0; i < windows; i++) {
                perm[i] = i;
            }
            var random = new SplittableRandom(mix(seed, epoch, 7));
            for (int i = windows - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            order = perm;
            orderEpoch = epoch;
        }
        return order;
    }

    static long mix(long seed, long a, long b) {
        long h = seed * 0x9E3779B97F4A7C15L + a;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + b;
        return h ^ (h >>> 29);
    }
}
