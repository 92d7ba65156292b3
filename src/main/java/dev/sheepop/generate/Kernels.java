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
        int in = w.length;
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
        // SameDiff's layer_norm standardises with no ε and maps 0/0 to 0: a constant row gives just the bias
        float inv = var + eps > 0 ? (float) (1.0 / Math.sqrt(var + eps)) : 0f;
        for (int i = 0; i < c; i++) {
            y[i] = (x[i] - mean) * inv * g[i] + b[i];
        }
    }

    /** SameDiff's gelu, {@code x·sigmoid(1.702·x)}, in place. */
    static void gelu(float[] x) {
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            x[i] = v / (1f + exp(-1.702f * v));
        }
    }

    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693359375f;       // ln 2 split in two for an exact range reduction
    private static final float LN2_LO = -2.12194440e-4f;

    /**
     * {@code e^x} in float, within 2 ulp of {@link Math#exp} (checked by KernelsTest) and about 4× faster:
     * x = n·ln2 + r with |r| ≤ ln2/2, e^r by its degree-6 Taylor polynomial (error ≤ 1.2e-7 relative), times 2^n
     * built in the exponent bits. Outside [−87, 88] it defers to Math.exp.
     */
    static float exp(float x) {
        if (x < -87f || x > 88f) {
            return (float) Math.exp(x);  // keeps 2^n a normal float; 0 and ∞ at the ends
        }
        float n = (float) Math.floor(x * LOG2E + 0.5f);
        float r = x - n * LN2_HI - n * LN2_LO;
        float p = 1f / 720f;
        p = p * r + 1f / 120f;
        p = p * r + 1f / 24f;
        p = p * r + 1f / 6f;
        p = p * r + 0.5f;
        p = p * r + 1f;
        p = p * r + 1f;
        return p * Float.intBitsToFloat(((int) n + 127) << 23);
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

    /** Softmax in place over {@code [0, n)}. */
    static void softmax(float[] x, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[i]);
        }
        float sum = 0;
        for (int i = 0; i < n; i++) {
            float e = exp(x[i] - max);
            x[i] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int i = 0; i < n; i++) {
            x[i] *= inv;
        }
    }
}
