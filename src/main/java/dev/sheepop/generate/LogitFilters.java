package dev.sheepop.generate;

import java.util.Arrays;

/** The sampling steps as plain functions over a row of logits or probabilities, each testable alone. */
public final class LogitFilters {
    private LogitFilters() {
    }

    public static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Divides every logit by {@code t} (> 0). */
    public static void temperature(float[] logits, float t) {
        if (t == 1f) {
            return;
        }
        float inv = 1f / t;
        for (int i = 0; i < logits.length; i++) {
            logits[i] *= inv;
        }
    }

    /**
     * Keeps the {@code k} largest logits (ties broken by the lower id) and sets the rest to -∞.
     * {@code k >= logits.length} keeps everything.
     */
    public static void topK(float[] logits, int k) {
        if (k <= 0 || k >= logits.length) {
            return;
        }
        int[] order = descending(logits);
        for (int r = k; r < order.length; r++) {
            logits[order[r]] = Float.NEGATIVE_INFINITY;
        }
    }

    /** Softmax of the logits (−∞ gives probability 0) in a new array. */
    public static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        float[] p = new float[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            float e = logits[i] == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp(logits[i] - max);
            p[i] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int i = 0; i < p.length; i++) {
            p[i] *= inv;
        }
        return p;
    }

    /**
     * Nucleus filtering: keeps the smallest set of most likely tokens whose probabilities sum to at least
     * {@code p} (always at least one), zeroes the rest and renormalises.
     */
    public static void topP(float[] probs, float p) {
        if (p >= 1f) {
            return;
        }
        int[] order = descending(probs);
        double cumulative = 0;
        int keep = 0;
        while (keep < order.length) {
            cumulative += probs[order[keep]];
            keep++;
            if (cumulative >= p) {
                break;
            }
        }
        for (int r = keep; r < order.length; r++) {
            probs[order[r]] = 0f;
        }
        float inv = (float) (1.0 / cumulative);
        for (int i = 0; i < probs.length; i++) {
            probs[i] *= inv;
        }
    }

    /** The token whose cumulative probability first exceeds {@code u} in [0, 1) (inverse-CDF draw). */
    public static int draw(float[] probs, double u) {
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < probs.length; i++) {
            if (probs[i] > 0) {
                cumulative += probs[i];
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last >= 0 ? last : argmax(probs); // rounding: u just above the float sum
    }

    /**
     * The repetition penalty (CTRL / Hugging Face rule): for every distinct token in {@code context}, a positive
     * logit is divided by {@code penalty} and a negative one multiplied by it.
     */
    public static void repetitionPenalty(float[] logits, int[] context, int from, int to, float penalty) {
        if (penalty == 1f) {
            return;
        }
        boolean[] seen = new boolean[logits.length];
        for (int i = from; i < to; i++) {
            int t = context[i];
            if (t >= 0 && t < logits.length && !seen[t]) {
                seen[t] = true;
                logits[t] = logits[t] > 0 ? logits[t] / penalty : logits[t] * penalty;
            }
        }
    }

    /**
     * Indices sorted by value, largest first; equal values keep the lower index first. Sorts primitive longs
     * (an order-preserving int image of the float in the high half, the complemented index in the low half):
     * no boxing on the per-token path.
     */
    static int[] descending(float[] x) {
        int n = x.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits(x[i]);
            int ordered = bits ^ ((bits >> 31) & 0x7fffffff);   // monotonic in x as a signed int
            keys[i] = ((long) ordered << 32) | (~i & 0xffffffffL);
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int r = 0; r < n; r++) {
            order[r] = ~(int) keys[n - 1 - r];
        }
        return order;
    }
}
