package dev.sheepop.generate;

/**
 * The decoder's numeric kernels over contiguous row-major float arrays. Loops are written so that HotSpot's
 * C2 compiler vectorises the inner ones (axpy form: {@code y[j] += x_i · W[i, j]} over contiguous {@code j})
 * without the incubating Vector API, so no extra JVM flags are needed.
 */
final class Kernels {
    private Kernels() {
    }

    /** {@code y[yo, yo+out) = x[xo, xo+in) · W (+ bias)} with W [in, out] row-major. */
    static void matvec(float[] x, int xo, float[] w, int in, int out, float[] bias, float[] y, int yo) {
        if (bias != null) {
            System.arraycopy(bias, 0, y, yo, out);
        } else {
            java.util.Arrays.fill(y, yo, yo + out, 0f);
        }
        int i = 0;
        for (; i + 3 < in; i += 4) { // four rows of W per pass: a quarter of the loads and stores of y
            float x0 = x[xo + i];
            float x1 = x[xo + i + 1];
            float x2 = x[xo + i + 2];
            float x3 = x[xo + i + 3];
            int b0 = i * out;
            int b1 = b0 + out;
            int b2 = b1 + out;
            int b3 = b2 + out;
            for (int j = 0; j < out; j++) {
                y[yo + j] += x0 * w[b0 + j] + x1 * w[b1 + j] + x2 * w[b2 + j] + x3 * w[b3 + j];
            }
        }
        for (; i < in; i++) {
            float xi = x[xo + i];
            int b = i * out;
            for (int j = 0; j < out; j++) {
                y[yo + j] += xi * w[b + j];
            }
        }
    }

    /** Row-wise {@code Y[rows, out] = X[rows, in] · W (+ bias)}. */
    static void matmul(float[] x, int rows, int in, float[] w, int out, float[] bias, float[] y) {
        for (int r = 0; r < rows; r++) {
            matvec(x, r * in, w, in, out, bias, y, r * out);
        }
    }

    /** LayerNorm of each of {@code rows} rows of width {@code c}: {@code (x − mean)/sqrt(var + eps)·g + b} (biased variance). */
    static void layerNorm(float[] x, int rows, int c, float[] g, float[] b, float eps, float[] y) {
        for (int r = 0; r < rows; r++) {
            layerNormRow(x, r * c, c, g, b, eps, y, r * c);
        }
    }

    /** LayerNorm of {@code x[xo, xo+c)} into {@code y[yo, yo+c)}. */
    static void layerNormRow(float[] x, int xo, int c, float[] g, float[] b, float eps, float[] y, int yo) {
        float mean = 0;
        for (int i = 0; i < c; i++) {
            mean += x[xo + i];
        }
        mean /= c;
        float var = 0;
        for (int i = 0; i < c; i++) {
            float d = x[xo + i] - mean;
            var += d * d;
        }
        var /= c;
        // SameDiff's layer_norm standardises with no ε and maps 0/0 to 0: a constant row gives just the bias
        float inv = var + eps > 0 ? (float) (1.0 / Math.sqrt(var + eps)) : 0f;
        for (int i = 0; i < c; i++) {
            y[yo + i] = (x[xo + i] - mean) * inv * g[i] + b[i];
        }
    }

    /** SameDiff's gelu, {@code x·sigmoid(1.702·x)}, in place over {@code [0, n)}. */
    static void gelu(float[] x, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[i];
            x[i] = (float) (v / (1.0 + Math.exp(-1.702 * v)));
        }
    }

    static void relu(float[] x, int n) {
        for (int i = 0; i < n; i++) {
            x[i] = Math.max(0f, x[i]);
        }
    }

    /** {@code x[i] += y[i]} over {@code [0, n)}. */
    static void addInPlace(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
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
            float e = (float) Math.exp(x[i] - max);
            x[i] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int i = 0; i < n; i++) {
            x[i] *= inv;
        }
    }
}
