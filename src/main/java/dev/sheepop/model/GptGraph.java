package dev.sheepop.model;

import dev.sheepop.config.GptConfig;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The decoder-only transformer as a SameDiff graph, built in the order of the forward pass for one fixed
 * context length {@code T} (the causal mask is a [T, T] constant). Inputs: {@link #IDX} [B, T] INT32 and,
 * for the loss, {@link #LABELS} [B, T] INT32. Outputs: {@link #LOGITS} [B·T, V] and {@link #LOSS} (scalar mean
 * cross-entropy). The parameter arrays are the caller's: the graph reads and the optimizer updates them in place.
 * <p>Embedding lookups are one-hot × matmul, because {@code sd.gather}'s gradient drops repeated indices
 * (in ND4J 1.0.0-M2.1, measured: a token seen twice in a batch got one update); the built-in attention ops cannot take a causal mask, so attention is written out.
 */
public final class GptGraph {
    public static final String IDX = "idx";
    public static final String LABELS = "labels";
    public static final String LOGITS = "logits";
    public static final String LOSS = "loss";
    /** MIXED training graphs only: the scalar FLOAT loss-scale placeholder and the scaled loss that is differentiated. */
    public static final String LOSS_SCALE = "loss_scale";
    public static final String SCALED_LOSS = "scaled_loss";

    private final SameDiff sd;
    private final GptConfig config;
    private final int seqLen;
    private final List<String> paramNames;
    private final Map<String, long[]> dropoutMasks;   // placeholder name → shape per sequence (batch dim omitted)
    private StepMemory stepMemory;

    private GptGraph(SameDiff sd, GptConfig config, int seqLen, List<String> paramNames, Map<String, long[]> dropoutMasks) {
        this.sd = sd;
        this.config = config;
        this.seqLen = seqLen;
        this.paramNames = paramNames;
        this.dropoutMasks = dropoutMasks;
    }

    /**
     * Builds the graph over {@code weights} (names and shapes of {@link ParamNames#shapes}; the arrays are used
     * as they are, not copied). {@code training} switches dropout on (when the config has any).
     */
    public static GptGraph build(GptConfig config, int seqLen, boolean training, Map<String, INDArray> weights) {
        return build(config, seqLen, training, weights, Precision.FP32);
    }

    /**
     * As {@link #build(GptConfig, int, boolean, Map)}, in the given precision. A MIXED training graph differentiates
     * {@link #SCALED_LOSS} = {@link #LOSS} × {@link #LOSS_SCALE} (a placeholder), so its gradients come out scaled.
     */
    public static GptGraph build(GptConfig config, int seqLen, boolean training, Map<String, INDArray> weights,
                                 Precision precision) {
        if (seqLen < 1 || seqLen > config.maxSeqLen()) {
            throw new IllegalArgumentException("sequence length " + seqLen + " outside [1, max_seq_len=" + config.maxSeqLen() + "]");
        }
        var shapes = ParamNames.shapes(config);
        SameDiff sd = SameDiff.create();
        var names = new ArrayList<String>();
        for (var entry : shapes.entrySet()) {
            INDArray w = weights.get(entry.getKey());
            if (w == null) {
                throw new IllegalArgumentException("missing weight " + entry.getKey());
            }
            if (!java.util.Arrays.equals(w.shape(), entry.getValue())) {
                throw new IllegalArgumentException("weight " + entry.getKey() + " has shape " + java.util.Arrays.toString(w.shape())
                        + ", expected " + java.util.Arrays.toString(entry.getValue()));
            }
            sd.var(entry.getKey(), w);
            names.add(entry.getKey());
        }
        var builder = new Builder(sd, config, seqLen, training && config.dropout() > 0, precision);
        builder.forward();
        if (training && precision == Precision.MIXED) {
            SDVariable scale = sd.placeHolder(LOSS_SCALE, DataType.FLOAT);                    // scalar
            sd.setLossVariables(sd.getVariable(LOSS).mul(SCALED_LOSS, scale));
        }
        if (training) {
            createGradientsQuietly(sd);
        }
        return new GptGraph(sd, config, seqLen, List.copyOf(names), java.util.Collections.unmodifiableMap(builder.masks));
    }

    /**
     * Builds the backward graph now. SameDiff 1.0.0-M2.1 prints one "Added differentiated op" line per op to
     * System.out while doing so; the core must not print, so stdout is muted for those milliseconds.
     */
    private static void createGradientsQuietly(SameDiff sd) {
        synchronized (GptGraph.class) {
            java.io.PrintStream original = System.out;
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                sd.createGradFunction(LOSS);
            } finally {
                System.setOut(original);
            }
        }
    }

    /**
     * Installs one {@link StepMemory} in the execution sessions of this thread (forward and gradient) and returns it;
     * the caller calls {@link StepMemory#recycle()} between steps. Sessions are created by the first execution on a
     * thread, so call this after one step; it replaces whatever manager they had (and is idempotent).
     */
    public StepMemory useStepMemory() {
        if (stepMemory == null) {
            stepMemory = new StepMemory();
        }
        for (SameDiff s : new SameDiff[]{sd, sd.getFunction("grad")}) {
            if (s == null) {
                continue;
            }
            var session = s.getSessions().get(Thread.currentThread().getId());
            if (session != null && session.getMmgr() != stepMemory) {
                session.setMmgr(stepMemory);
            }
        }
        return stepMemory;
    }

    public SameDiff sameDiff() {
        return sd;
    }

    public GptConfig config() {
        return config;
    }

    public int seqLen() {
        return seqLen;
    }

    /** The trainable variables, in forward-pass order. */
    public List<String> paramNames() {
        return paramNames;
    }

    /**
     * Dropout masks for one training batch of {@code batchSize} sequences: each element is 0 with probability
     * {@code dropout}, else 1/(1 − dropout) (inverted dropout). Empty when the graph has no dropout. SameDiff's own
     * dropout ops have no gradient in 1.0.0-M2.1, so the masks are placeholders drawn by the caller's seeded RNG
     * (which also makes runs with dropout reproducible and exactly resumable).
     */
    public Map<String, INDArray> dropoutMasks(int batchSize, java.util.SplittableRandom random) {
        var masks = new java.util.LinkedHashMap<String, INDArray>();
        float keep = (float) (1.0 / (1.0 - config.dropout()));
        for (var entry : dropoutMasks.entrySet()) {
            long[] perSequence = entry.getValue();
            long[] shape = perSequence.clone();
            shape[0] *= batchSize;
            int n = (int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextDouble() < config.dropout() ? 0f : keep;
            }
            masks.put(entry.getKey(), Nd4j.create(values, shape, 'c'));
        }
        return masks;
    }

    /** The live array of a parameter (updated in place by the optimizer). */
    public INDArray param(String name) {
        return sd.getVariable(name).getArr();
    }

    /** Writes the graph's ops, in order, one per line (for profiling and docs). */
    public String summary() {
        return sd.summary();
    }

    private static final class Builder {
        private final SameDiff sd;
        private final GptConfig cfg;
        private final int t;
        private final boolean dropout;
        private final Precision precision;
        private final long c;
        final Map<String, long[]> masks = new java.util.LinkedHashMap<>();

        Builder(SameDiff sd, GptConfig cfg, int t, boolean dropout, Precision precision) {
            this.sd = sd;
            this.cfg = cfg;
            this.t = t;
            this.dropout = dropout;
            this.precision = precision;
            this.c = cfg.dModel();
        }

        void forward() {
            int v = cfg.vocabSize();
            SDVariable idx = sd.placeHolder(IDX, DataType.INT32, -1, t);                      // [B, T]
            SDVariable labels = sd.placeHolder(LABELS, DataType.INT32, -1, t);                // [B, T]
            SDVariable flatIdx = sd.reshape(idx, -1);                                          // [B·T]
            SDVariable oneHot = sd.oneHot("onehot", flatIdx, v, -1, 1.0, 0.0, DataType.FLOAT); // [B·T, V]
            SDVariable wte = sd.getVariable(ParamNames.WTE);                                   // [V, C]
            SDVariable tok = oneHot.mmul(wte);                                                 // [B·T, C]
            SDVariable pos;                                                                    // [T, C]
            if (cfg.positionalEncoding() == GptConfig.PositionalEncoding.LEARNED) {
                pos = sd.slice(sd.getVariable(ParamNames.WPE), new int[]{0, 0}, t, (int) c);
            } else {
                pos = sd.constant("pe", sinusoidal(t, (int) c));
            }
            SDVariable x = sd.reshape(sd.reshape(tok, -1, t, c).add(pos), -1, c);              // [B·T, C]
            x = drop(x, c);
            SDVariable mask = sd.constant("causal_mask", causalMask(t));                       // [T, T]
            for (int layer = 0; layer < cfg.numLayers(); layer++) {
                x = block(x, mask, layer);
            }
            x = layerNorm(x, sd.getVariable(ParamNames.LNF_G), sd.getVariable(ParamNames.LNF_B));
            SDVariable logits;                                                                 // [B·T, V]
            if (cfg.tieEmbeddings()) {
                logits = mm(LOGITS, x, wte, false, true);
            } else {
                logits = mm(x, sd.getVariable(ParamNames.HEAD_W), false, false);
                if (cfg.bias()) {
                    logits = logits.add(sd.getVariable(ParamNames.HEAD_B));
                }
                logits = sd.identity(LOGITS, logits);
            }
            // Not sparseSoftmaxCrossEntropy(...).mean(): its backward ignores the mean's 1/N, so every gradient came
            // out B·T times too large (checked against finite differences). softmaxCrossEntropy's own mean is right.
            SDVariable target = sd.oneHot(sd.reshape(labels, -1), v, -1, 1.0, 0.0, DataType.FLOAT); // [B·T, V]
            if (precision == Precision.MIXED) {
                // the loss ops' backward ignores the incoming gradient (M2.1: loss × scale gave unscaled gradients),
                // so for loss scaling the same mean cross-entropy is spelt out: −mean_rows Σ_v target · log_softmax
                SDVariable logProbs = sd.nn.logSoftmax(logits);                                   // [B·T, V] (last axis)
                sd.math.neg(LOSS, logProbs.mul(target).sum(1).mean());                             // scalar
                return;
            }
            sd.loss.softmaxCrossEntropy(LOSS, target, logits, null,
                    org.nd4j.autodiff.loss.LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0);            // scalar
        }

        /**
         * LayerNorm over the last axis with ε = {@link ParamNames#LAYER_NORM_EPS}, as PyTorch's:
         * (x − mean) / √(var + ε) · g + b with the biased variance. SameDiff's fused layer_norm op has no ε; spelt out,
         * the ε costs about a tenth of a training step of the reference model (measured against the fused op, and
         * against the fused op rescaled per row by (1 + ε / var)^−½, which was slower still).
         */
        private SDVariable layerNorm(SDVariable x, SDVariable g, SDVariable b) {           // x [N, C]
            SDVariable mean = x.mean(true, 1);                                                 // [N, 1]
            SDVariable centred = x.sub(mean);                                                  // [N, C]
            SDVariable variance = centred.mul(centred).mean(true, 1);                          // [N, 1]
            SDVariable inverse = sd.math.rsqrt(variance.add(ParamNames.LAYER_NORM_EPS));       // [N, 1]
            return centred.mul(inverse).mul(g).add(b);                                         // [N, C]
        }

        private SDVariable block(SDVariable x, SDVariable mask, int layer) {
            int h = cfg.numHeads();
            long hs = cfg.headSize();
            boolean pre = cfg.normPosition() == GptConfig.NormPosition.PRE;
            SDVariable ln1g = sd.getVariable(ParamNames.ln1G(layer));
            SDVariable ln1b = sd.getVariable(ParamNames.ln1B(layer));
            // attention: pre-LN x + Wo · softmax(QKᵀ/√hs + mask) V of LN(x); post-LN LN(x + that of x)
            SDVariable a = pre ? layerNorm(x, ln1g, ln1b) : x;
            // Q, K and V from slices of the fused [C, 3C] weight, three [B·T, C] products: slicing the weight ([C, C] each)
            // instead of the [B·T, 3C] product saves the large slice / slice_bp arrays (−2 to −3 % of a step,
            // measured; folding the scale into the query weight: another −2 %)
            SDVariable w = sd.getVariable(ParamNames.wqkv(layer));                              // [C, 3C]
            SDVariable[] qkv = new SDVariable[3];
            for (int i = 0; i < 3; i++) {
                SDVariable wi = sd.slice(w, new int[]{0, (int) (i * c)}, (int) c, (int) c);      // [C, C]
                if (i == 0) {
                    wi = wi.mul(1.0 / Math.sqrt(hs));   // 1/√hs on the [C, C] query weight, not on the [B, H, T, T] scores
                }
                SDVariable y = mm(a, wi, false, false);                                          // [B·T, C]
                if (cfg.bias()) {
                    SDVariable bi = sd.slice(sd.getVariable(ParamNames.bqkv(layer)), new int[]{(int) (i * c)}, (int) c);
                    y = y.add(i == 0 ? bi.mul(1.0 / Math.sqrt(hs)) : bi);
                }
                qkv[i] = sd.reshape(y, -1, t, h, hs).permute(0, 2, 1, 3);                     // [B, H, T, hs]
            }
            SDVariable scores = mm(qkv[0], qkv[1], false, true).add(mask);                     // [B, H, T, T]
            SDVariable probs = drop(sd.nn.softmax(attentionName(layer), scores, 3), h, t, t);  // [B, H, T, T]
            SDVariable att = mm(probs, qkv[2], false, false);                                  // [B, H, T, hs]
            att = sd.reshape(att.permute(0, 2, 1, 3), -1, c);                                  // [B·T, C]
            SDVariable proj = mm(att, sd.getVariable(ParamNames.wo(layer)), false, false);     // [B·T, C]
            if (cfg.bias()) {
                proj = proj.add(sd.getVariable(ParamNames.bo(layer)));
            }
            x = x.add(drop(proj, c));
            SDVariable ln2g = sd.getVariable(ParamNames.ln2G(layer));
            SDVariable ln2b = sd.getVariable(ParamNames.ln2B(layer));
            if (!pre) {
                x = layerNorm(x, ln1g, ln1b);
            }
            // feed-forward: pre-LN x + W2 · act(W1 · LN(x)); post-LN LN(x + W2 · act(W1 · x))
            SDVariable m = pre ? layerNorm(x, ln2g, ln2b) : x;
            SDVariable hidden = mm(m, sd.getVariable(ParamNames.w1(layer)), false, false);    // [B·T, F]
            if (cfg.bias()) {
                hidden = hidden.add(sd.getVariable(ParamNames.b1(layer)));
            }
            hidden = switch (cfg.activation()) {
                case GELU -> sd.nn.gelu(hidden);
                case GELU_TANH -> geluTanh(sd, hidden);
                case RELU -> sd.nn.relu(hidden, 0);
            };
            SDVariable out = mm(hidden, sd.getVariable(ParamNames.w2(layer)), false, false);   // [B·T, C]
            if (cfg.bias()) {
                out = out.add(sd.getVariable(ParamNames.b2(layer)));
            }
            x = x.add(drop(out, c));
            return pre ? x : layerNorm(x, ln2g, ln2b);
        }

        /**
         * Every linear and attention matmul goes through here. MIXED: inputs cast to HALF, product cast back to FLOAT
         * (the casts' gradients cast back too, so the variables and their gradients stay FP32).
         */
        private SDVariable mm(SDVariable a, SDVariable b, boolean transposeA, boolean transposeB) {
            return mm(null, a, b, transposeA, transposeB);
        }

        private SDVariable mm(String name, SDVariable a, SDVariable b, boolean transposeA, boolean transposeB) {
            if (precision == Precision.FP32) {
                return sd.mmul(name, a, b, transposeA, transposeB, false);
            }
            return sd.mmul(a.castTo(DataType.HALF), b.castTo(DataType.HALF), transposeA, transposeB, false)
                    .castTo(name, DataType.FLOAT);
        }

        /** x × mask, the mask a placeholder of shape [B·T, C] or [B, H, T, T] (see {@link #dropoutMasks}). */
        private SDVariable drop(SDVariable x, long... perItem) {
            if (!dropout) {
                return x;
            }
            String name = "dropmask" + masks.size();
            long[] placeholderShape = new long[perItem.length + 1];
            placeholderShape[0] = -1;
            System.arraycopy(perItem, 0, placeholderShape, 1, perItem.length);
            long[] perSequence = placeholderShape.clone();
            perSequence[0] = perItem.length == 1 ? t : 1;       // rows per sequence: T for [B·T, C], 1 for [B, H, T, T]
            masks.put(name, perSequence);
            return x.mul(sd.placeHolder(name, DataType.FLOAT, placeholderShape));
        }
    }

    /** The name of layer {@code layer}'s attention weights in the graph: [B, H, T, T], each row summing to 1. */
    public static String attentionName(int layer) {
        return "h" + layer + ".attn.probs";
    }

    /** [T, T]: 0 on and below the diagonal, -1e9 above (future positions). */
    static INDArray causalMask(int t) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                m[i * t + j] = -1e9f;
            }
        }
        return Nd4j.create(m, new long[]{t, t}, DataType.FLOAT);
    }

    /**
     * GPT-2's GELU, 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), composed of elementwise ops (SameDiff 1.0.0-M2.1's
     * {@code preciseGelu} computes neither this nor the exact GELU, measured).
     */
    private static SDVariable geluTanh(SameDiff sd, SDVariable x) {
        // 0.5·(1 + tanh(z)) = sigmoid(2z): x·sigmoid(x·(a + b·x²)), a = 2√(2/π), b = a·0.044715 (six ops, not nine)
        double a = 2 * Math.sqrt(2 / Math.PI);
        return x.mul(sd.nn.sigmoid(x.mul(x.mul(x).mul(a * 0.044715).add(a))));
    }

    /** The [T, C] table of {@link SinusoidalPositions}. */
    public static INDArray sinusoidal(int t, int c) {
        float[] pe = SinusoidalPositions.table(t, c);
        return Nd4j.create(pe, new long[]{t, c}, DataType.FLOAT);
    }
}
