package dev.sheepop.model;

import dev.sheepop.config.GptConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deliberately naive GPT forward pass (double precision, index by index, no cache, no layout tricks), written
 * straight from {@link ParamNames}' conventions: the reference that the SameDiff graph and the KV-cache decoder are
 * both checked against. Pre-LN: x + Attn(LN1(x)), x + MLP(LN2(x)); post-LN: LN1(x + Attn(x)), LN2(x + MLP(x));
 * a final LN in both.
 */
public final class ReferenceGpt {
    private final GptConfig cfg;
    private final Map<String, float[]> w;

    /** Over flat row-major arrays, by parameter name. */
    public ReferenceGpt(GptConfig cfg, Map<String, float[]> weights) {
        this.cfg = cfg;
        this.w = weights;
    }

    /** Over ND4J weights. */
    public static ReferenceGpt of(GptConfig cfg, Map<String, INDArray> weights) {
        var flat = new LinkedHashMap<String, float[]>();
        weights.forEach((k, v) -> flat.put(k, v.dup('c').reshape(-1).toFloatVector()));
        return new ReferenceGpt(cfg, flat);
    }

    /** Logits after every token: [T][V]. */
    public double[][] logits(int[] tokens) {
        int t = tokens.length;
        int c = cfg.dModel();
        int f = cfg.dFf();
        int heads = cfg.numHeads();
        int hs = cfg.headSize();
        boolean pre = cfg.normPosition() == GptConfig.NormPosition.PRE;
        double[][] x = new double[t][c];
        float[] pe = cfg.positionalEncoding() == GptConfig.PositionalEncoding.LEARNED
                ? w.get(ParamNames.WPE) : GptGraph.sinusoidal(cfg.maxSeqLen(), c).reshape(-1).toFloatVector();
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < c; i++) {
                x[p][i] = w.get(ParamNames.WTE)[tokens[p] * c + i] + pe[p * c + i];
            }
        }
        for (int l = 0; l < cfg.numLayers(); l++) {
            double[][] h = pre ? norm(x, w.get(ParamNames.ln1G(l)), w.get(ParamNames.ln1B(l))) : x;
            double[][] qkv = linear(h, w.get(ParamNames.wqkv(l)), w.get(ParamNames.bqkv(l)), 3 * c);
            double[][] att = new double[t][c];
            for (int hd = 0; hd < heads; hd++) {
                for (int p = 0; p < t; p++) {
                    double[] s = new double[p + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u <= p; u++) {
                        for (int d = 0; d < hs; d++) {
                            s[u] += qkv[p][hd * hs + d] * qkv[u][c + hd * hs + d];
                        }
                        s[u] /= Math.sqrt(hs);
                        max = Math.max(max, s[u]);
                    }
                    double sum = 0;
                    for (int u = 0; u <= p; u++) {
                        s[u] = Math.exp(s[u] - max);
                        sum += s[u];
                    }
                    for (int u = 0; u <= p; u++) {
                        for (int d = 0; d < hs; d++) {
                            att[p][hd * hs + d] += s[u] / sum * qkv[u][2 * c + hd * hs + d];
                        }
                    }
                }
            }
            x = sum(x, linear(att, w.get(ParamNames.wo(l)), w.get(ParamNames.bo(l)), c));
            if (!pre) {
                x = norm(x, w.get(ParamNames.ln1G(l)), w.get(ParamNames.ln1B(l)));
            }
            double[][] m = linear(pre ? norm(x, w.get(ParamNames.ln2G(l)), w.get(ParamNames.ln2B(l))) : x,
                    w.get(ParamNames.w1(l)), w.get(ParamNames.b1(l)), f);
            for (double[] row : m) {
                for (int i = 0; i < f; i++) {
                    double v = row[i];
                    row[i] = switch (cfg.activation()) {
                        case GELU -> v / (1 + Math.exp(-1.702 * v));
                        case GELU_TANH -> 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
                        case RELU -> Math.max(0, v);
                    };
                }
            }
            x = sum(x, linear(m, w.get(ParamNames.w2(l)), w.get(ParamNames.b2(l)), c));
            if (!pre) {
                x = norm(x, w.get(ParamNames.ln2G(l)), w.get(ParamNames.ln2B(l)));
            }
        }
        double[][] h = norm(x, w.get(ParamNames.LNF_G), w.get(ParamNames.LNF_B));
        int v = cfg.vocabSize();
        double[][] out = new double[t][v];
        for (int p = 0; p < t; p++) {
            for (int k = 0; k < v; k++) {
                double s = cfg.tieEmbeddings() || w.get(ParamNames.HEAD_B) == null ? 0 : w.get(ParamNames.HEAD_B)[k];
                for (int i = 0; i < c; i++) {
                    s += h[p][i] * (cfg.tieEmbeddings() ? w.get(ParamNames.WTE)[k * c + i] : w.get(ParamNames.HEAD_W)[i * v + k]);
                }
                out[p][k] = s;
            }
        }
        return out;
    }

    private static double[][] linear(double[][] x, float[] wt, float[] b, int out) {
        int in = x[0].length;
        double[][] y = new double[x.length][out];
        for (int r = 0; r < x.length; r++) {
            for (int j = 0; j < out; j++) {
                double s = b == null ? 0 : b[j];
                for (int i = 0; i < in; i++) {
                    s += x[r][i] * wt[i * out + j];
                }
                y[r][j] = s;
            }
        }
        return y;
    }

    /** LayerNorm with ε: (x − mean) / √(var + ε) · g + b (biased variance). */
    private static double[][] norm(double[][] x, float[] g, float[] b) {
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            int c = x[r].length;
            double mean = 0;
            double var = 0;
            for (double v : x[r]) {
                mean += v;
            }
            mean /= c;
            for (double v : x[r]) {
                var += (v - mean) * (v - mean);
            }
            var /= c;
            y[r] = new double[c];
            for (int i = 0; i < c; i++) {
                y[r][i] = (x[r][i] - mean) / Math.sqrt(var + ParamNames.LAYER_NORM_EPS) * g[i] + b[i];
            }
        }
        return y;
    }

    private static double[][] sum(double[][] x, double[][] y) {
        double[][] z = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            z[r] = new double[x[r].length];
            for (int i = 0; i < x[r].length; i++) {
                z[r][i] = x[r][i] + y[r][i];
            }
        }
        return z;
    }
}
