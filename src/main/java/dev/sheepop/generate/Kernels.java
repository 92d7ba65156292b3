package dev.sheepop.generate;

/**
 * The decoder's numeric kernels over contiguous row-major float arrays. Loops are written so that HotSpot's
 * C2 compiler vectorises the inner ones (axpy form: {@code y[j] = fma(x_i, W_i[j], y[j])} over contiguous
 * {@code j}, every array indexed from 0) without the incubating Vector API, so no extra JVM flags are needed.
 * Every output element accumulates {@code i = 0, 1, …} in order with fused multiply-adds, however rows are
 * blocked: one token stepped alone and the same token inside a prefill block give bit-identical results
 * (which makes the prompt cache and the sliding window exact).
 */
final class Kernels {
    private Kernels() {
    }

    /**
     * {@code y = x · W (+ bias)} with W {@code [in][out]} (one array per row). Four rows of W per pass: a
     * quarter of the loads and stores of {@code y}; the inner loop indexes every array from 0 so C2 vectorises it.
     */
    static void matvec(float[] x, float[][] w, float[] bias, float[] y) {
        matvec(x, w, w.length, bias, y);
    }

    /** {@code y = x[0..in) · W[0..in) (+ bias)}: only the first {@code in} rows of W (e.g. the filled part of a cache). */
    static void matvec(float[] x, float[][] w, int in, float[] bias, float[] y) {
        int out = y.length;
        if (bias != null) {
            System.arraycopy(bias, 0, y, 0, out);
        } else {
            java.util.Arrays.fill(y, 0f);
        }
        int i = 0;
        for (; i + 3 < in; i += 4) {
            float x0 = x[i];
            float x1 = x[i + 1];
            float x2 = x[i + 2];
            float x3 = x[i + 3];
            float[] w0 = w[i];
            float[] w1 = w[i + 1];
            float[] w2 = w[i + 2];
            float[] w3 = w[i + 3];
            for (int j = 0; j < out; j++) {
                y[j] = Math.fma(x3, w3[j], Math.fma(x2, w2[j], Math.fma(x1, w1[j], Math.fma(x0, w0[j], y[j]))));
            }
        }
        for (; i < in; i++) {
            float xi = x[i];
            float[] wi = w[i];
            for (int j = 0; j < out; j++) {
                y[j] = Math.fma(xi, wi[j], y[j]);
            }
        }
    }

    /**
     * {@code Y[r] = X[r] · W (+ bias)} for the first {@code rows} rows. Four rows at a time share each pass over
     * W (the prefill's win: W streams from memory once per four tokens instead of once per token).
     */
    static void matmul(float[][] x, int rows, float[][] w, float[] bias, float[][] y) {
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            matmul4(x[r], x[r + 1], x[r + 2], x[r + 3], w, bias, y[r], y[r + 1], y[r + 2], y[r + 3]);
        }
        for (; r < rows; r++) {
            matvec(x[r], w, bias, y[r]);
        }
    }

    private static void matmul4(float[] xa, float[] xb, float[] xc, float[] xd, float[][] w, float[] bias,
                                float[] ya, float[] yb, float[] yc, float[] yd) {
        int in = w.length;
        int out = ya.length;
        for (float[] y : new float[][]{ya, yb, yc, yd}) {
            if (bias != null) {
                System.arraycopy(bias, 0, y, 0, out);
            } else {
                java.util.Arrays.fill(y, 0f);
            }
        }
        int i = 0;
        for (; i + 1 < in; i += 2) {
            float a0 = xa[i], a1 = xa[i + 1];
            float b0 = xb[i], b1 = xb[i + 1];
            float c0 = xc[i], c1 = xc[i + 1];
            float d0 = xd[i], d1 = xd[i + 1];
            float[] w0 = w[i];
            float[] w1 = w[i + 1];
            for (int j = 0; j < out; j++) {
                float u = w0[j];
                float v = w1[j];
                ya[j] = Math.fma(a1, v, Math.fma(a0, u, ya[j]));
                yb[j] = Math.fma(b1, v, Math.fma(b0, u, yb[j]));
                yc[j] = Math.fma(c1, v, Math.fma(c0, u, yc[j]));
                yd[j] = Math.fma(d1, v, Math.fma(d0, u, yd[j]));
            }
        }
        for (; i < in; i++) {
            float[] wi = w[i];
            for (int j = 0; j < out; j++) {
                ya[j] = Math.fma(xa[i], wi[j], ya[j]);
                yb[j] = Math.fma(xb[i], wi[j], yb[j]);
                yc[j] = Math.fma(xc[i], wi[j], yc[j]);
                yd[j] = Math.fma(xd[i], wi[j], yd[j]);
            }
        }
    }

    /** LayerNorm of {@code x} into {@code y}: {@code (x − mean)/sqrt(var + eps)·g + b} (biased variance). */
    static void layerNorm(float[] x, float[] g, float[] b, float eps, float[] y) {
        int c = x.length;
        float mean = 0;
        for (int i = 0; i < c; i++) {
            mean += x[i];
        }
        mean /= c;
        float var = 0;
        for (int i = 0; i < c; i++) {
            float d = x[i] - mean;
            var += d * d;
        }
        var /= c;
        float inv = (float) (1.0 / Math.sqrt(var + eps));
        for (int i = 0; i < c; i++) {
            y[i] = (x[i] - mean) * inv * g[i] + b[i];
        }
    }

    /** SameDiff's gelu, {@code x·sigmoid(1.702·x)}, in place; {@code z} and {@code t} are scratch (≥ x.length). */
    static void gelu(float[] x, float[] z, float[] t) {
        int n = x.length;
        for (int i = 0; i < n; i++) {
            z[i] = -1.702f * x[i];
        }
        exp(z, n, t);
        for (int i = 0; i < n; i++) {
            x[i] = x[i] / (1f + z[i]);
        }
    }

    /** GPT-2's GELU, {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}, in place. */
    static void geluTanh(float[] x) {
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            x[i] = (float) (0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v))));
        }
    }

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693359375f;       // ln 2 split in two for an exact range reduction
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f;           // 1.5·2^23: adding it rounds to an integer in the low bits
    private static final int ROUND_BITS = 0x4B400000;       // Float.floatToRawIntBits(ROUND)

    /**
     * {@code x[i] = e^x[i]} for {@code i < n}, within 3e-7 relative of {@link Math#exp} (checked by SamplerTest),
     * with {@code t} as scratch. x = k·ln2 + r with |r| ≤ ln2/2 and e^r by its degree-6 Taylor polynomial; the
     * first and last loops are plain float arithmetic that C2 vectorises, only building 2^k from its exponent
     * bits is scalar (4–5× faster than calling Math.exp). Inputs are clamped to [−87, 88], so the result
     * stays a normal float (e^−87 ≈ 1.6e-38 stands in for smaller values).
     */
    static void exp(float[] x, int n, float[] t) {
        for (int i = 0; i < n; i++) {
            float z = Math.max(-87f, Math.min(88f, x[i]));
            float rounded = z * LOG2E + ROUND;
            float k = rounded - ROUND;
            float r = z - k * LN2_HI - k * LN2_LO;
            float p = 1f / 720f;
            p = p * r + 1f / 120f;
            p = p * r + 1f / 24f;
            p = p * r + 1f / 6f;
            p = p * r + 0.5f;
            p = p * r + 1f;
            p = p * r + 1f;
            x[i] = p;
            t[i] = rounded;
        }
        for (int i = 0; i < n; i++) {
            t[i] = Float.intBitsToFloat((Float.floatToRawIntBits(t[i]) - ROUND_BITS + 127) << 23); // 2^k
        }
        for (int i = 0; i < n; i++) {
            x[i] *= t[i];
        }
    }

    static void relu(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0f, x[i]);
        }
    }

    /** {@code x[i] += y[i]}. */
    static void addInPlace(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }

    /** Softmax in place over {@code [0, n)}; {@code t} is scratch (≥ n). */
    static void softmax(float[] x, int n, float[] t) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[i]);
        }
        for (int i = 0; i < n; i++) {
            x[i] -= max;
        }
        exp(x, n, t);
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[i];
        }
        float inv = 1f / sum;
        for (int i = 0; i < n; i++) {
            x[i] *= inv;
        }
    }
}
