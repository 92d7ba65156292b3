package dev.sheepop.generate;

import dev.sheepop.common.UserException;
import dev.sheepop.config.GptConfig;
import dev.sheepop.model.ParamNames;
import dev.sheepop.model.SinusoidalPositions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A model's weights in the layout of {@link ParamNames} ({@code y = x·W}, W {@code [in, out]}), ready for the
 * plain-Java decoder: every matrix as one {@code float[]} per row, so that the kernels index each row from 0
 * (HotSpot C2 on Java 17 vectorises {@code y[j] += x_i·W_i[j]} only then: measured 11–15 GMAC/s against
 * ~2 with offsets into one flat array). Immutable once built; shared by every decoder of a checkpoint. The
 * output matrix is stored pre-transposed as {@code [C][V]} so that the logits are one more {@code x·W}.
 */
public final class DecoderWeights {
    final GptConfig config;
    final float[][] wte;     // [V][C]
    final float[][] pos;     // [T][C] learned table, or the sinusoidal table
    final Layer[] layers;
    final float[] lnfG;      // [C]
    final float[] lnfB;      // [C]
    final float[][] head;    // [C][V] (wteᵀ when tied)
    final float[] headB;     // [V] or null

    record Layer(float[] ln1G, float[] ln1B, float[][] wqkv /* [C][3C] */, float[] bqkv /* [3C] or null */,
                 float[][] wo /* [C][C] */, float[] bo, float[] ln2G, float[] ln2B,
                 float[][] w1 /* [C][F] */, float[] b1, float[][] w2 /* [F][C] */, float[] b2) {
    }

    private DecoderWeights(GptConfig config, Map<String, float[]> w) {
        this.config = config;
        int c = config.dModel();
        int v = config.vocabSize();
        int f = config.dFf();
        this.wte = rows(w.get(ParamNames.WTE), v, c);
        this.pos = rows(config.positionalEncoding() == GptConfig.PositionalEncoding.LEARNED
                ? w.get(ParamNames.WPE) : SinusoidalPositions.table(config.maxSeqLen(), c), config.maxSeqLen(), c);
        this.layers = new Layer[config.numLayers()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = new Layer(w.get(ParamNames.ln1G(i)), w.get(ParamNames.ln1B(i)),
                    rows(w.get(ParamNames.wqkv(i)), c, 3 * c), w.get(ParamNames.bqkv(i)),
                    rows(w.get(ParamNames.wo(i)), c, c), w.get(ParamNames.bo(i)),
                    w.get(ParamNames.ln2G(i)), w.get(ParamNames.ln2B(i)), rows(w.get(ParamNames.w1(i)), c, f),
                    w.get(ParamNames.b1(i)), rows(w.get(ParamNames.w2(i)), f, c), w.get(ParamNames.b2(i)));
        }
        this.lnfG = w.get(ParamNames.LNF_G);
        this.lnfB = w.get(ParamNames.LNF_B);
        this.head = rows(config.tieEmbeddings() ? transpose(w.get(ParamNames.WTE), v, c) : w.get(ParamNames.HEAD_W), c, v);
        this.headB = config.tieEmbeddings() ? null : w.get(ParamNames.HEAD_B);
    }

    /** From flat row-major arrays named as in {@link ParamNames}; every shape is checked. */
    public static DecoderWeights of(GptConfig config, Map<String, float[]> weights) {
        for (var e : ParamNames.shapes(config).entrySet()) {
            float[] a = weights.get(e.getKey());
            if (a == null) {
                throw new UserException("Weights: missing variable '" + e.getKey() + "'");
            }
            long n = Arrays.stream(e.getValue()).reduce(1, (x, y) -> x * y);
            if (a.length != n) {
                throw new UserException("Weights: variable '" + e.getKey() + "' has " + a.length
                        + " values, expected shape " + Arrays.toString(e.getValue()));
            }
        }
        return new DecoderWeights(config, weights);
    }

    /** From ND4J arrays (any data type and order), e.g. a loaded checkpoint's weights. */
    public static DecoderWeights fromNd4j(GptConfig config, Map<String, INDArray> weights) {
        var flat = new LinkedHashMap<String, float[]>();
        for (var e : ParamNames.shapes(config).entrySet()) {
            INDArray a = weights.get(e.getKey());
            if (a == null) {
                throw new UserException("Weights: missing variable '" + e.getKey() + "'");
            }
            if (!Arrays.equals(a.shape(), e.getValue())) {
                throw new UserException("Weights: variable '" + e.getKey() + "' has shape " + Arrays.toString(a.shape())
                        + ", expected " + Arrays.toString(e.getValue()));
            }
            flat.put(e.getKey(), a.castTo(DataType.FLOAT).dup('c').reshape(a.length()).toFloatVector());
        }
        return new DecoderWeights(config, flat);
    }

    /**
     * Random weights of the shape {@code config} describes (GPT-2 style: N(0, 0.02) matrices, unit gains, zero
     * biases), reproducible from {@code seed}: for benchmarks and tests.
     */
    public static Map<String, float[]> randomArrays(GptConfig config, long seed) {
        var rng = new SplittableRandom(seed);
        var out = new LinkedHashMap<String, float[]>();
        for (var e : ParamNames.shapes(config).entrySet()) {
            int n = (int) Arrays.stream(e.getValue()).reduce(1, (x, y) -> x * y);
            float[] a = new float[n];
            String name = e.getKey();
            if (name.endsWith(".g")) {
                Arrays.fill(a, 1f);
                for (int i = 0; i < n; i++) {
                    a[i] += (float) (0.1 * gaussian(rng)); // not exactly 1, so tests see the gain
                }
            } else if (e.getValue().length == 2) {
                for (int i = 0; i < n; i++) {
                    a[i] = (float) (0.02 * gaussian(rng) * (name.equals(ParamNames.WTE) ? 10 : 1));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    a[i] = (float) (0.01 * gaussian(rng));
                }
            }
            out.put(name, a);
        }
        return out;
    }

    public GptConfig config() {
        return config;
    }

    /** Bytes of the float arrays (the tied output matrix counted once more: it is a transposed copy). */
    public long bytes() {
        long c = config.dModel();
        return 4L * (config.parameterCount() + (config.tieEmbeddings() ? c * config.vocabSize() : 0)
                + (config.positionalEncoding() == GptConfig.PositionalEncoding.SINUSOIDAL ? config.maxSeqLen() * c : 0));
    }

    /** {@code PE[p, 2i] = sin(p / 10000^(2i/C))}, {@code PE[p, 2i+1] = cos(p / 10000^(2i/C))}: [T, C]. */

    private static float[][] rows(float[] a, int rows, int cols) {
        float[][] m = new float[rows][];
        for (int r = 0; r < rows; r++) {
            m[r] = java.util.Arrays.copyOfRange(a, r * cols, (r + 1) * cols);
        }
        return m;
    }

    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                t[col * rows + r] = a[r * cols + col];
            }
        }
        return t;
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
