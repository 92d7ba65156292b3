package dev.sheepop.generate;

import dev.sheepop.config.GptConfig;
import dev.sheepop.model.ParamNames;

import java.util.Map;

/**
 * A deliberately naive GPT forward pass (double precision, index by index, no cache, no layout tricks),
 * written straight from ParamNames' conventions: the reference the fast decoder is checked against in
 * tests that do not need the SameDiff graph.
 */
final class ReferenceForward {
    private final GptConfig cfg;
    private final Map<String, float[]> w;

    ReferenceForward(GptConfig cfg, Map<String, float[]> w) {
        this.cfg = cfg;
        this.w = w;
    }

    /** Logits after every token: [T][V]. */
    double[][] logits(int[] tokens) {
        int t = tokens.length;
        int c = cfg.dModel();
        int f = cfg.dFf();
        int heads = cfg.numHeads();
        int hs = cfg.headSize();
        double[][] x = new double[t][c];
        float[] pe = cfg.positionalEncoding() == GptConfig.PositionalEncoding.LEARNED
                ? w.get(ParamNames.WPE) : DecoderWeights.sinusoidal(cfg.maxSeqLen(), c);
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < c; i++) {
                x[p][i] = w.get(ParamNames.WTE)[tokens[p] * c + i] + pe[p * c + i];
            }
        }
        for (int l = 0; l < cfg.numLayers(); l++) {
            double[][] h = norm(x, w.get(ParamNames.ln1G(l)), w.get(ParamNames.ln1B(l)));
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
            add(x, linear(att, w.get(ParamNames.wo(l)), w.get(ParamNames.bo(l)), c));
            double[][] m = linear(norm(x, w.get(ParamNames.ln2G(l)), w.get(ParamNames.ln2B(l))),
                    w.get(ParamNames.w1(l)), w.get(ParamNames.b1(l)), f);
            for (double[] row : m) {
                for (int i = 0; i < f; i++) {
                    row[i] = cfg.activation() == GptConfig.Activation.GELU
                            ? row[i] / (1 + Math.exp(-1.702 * row[i])) : Math.max(0, row[i]);
                }
            }
            add(x, linear(m, w.get(ParamNames.w2(l)), w.get(ParamNames.b2(l)), c));
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

    private double[][] linear(double[][] x, float[] wt, float[] b, int out) {
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

    private static void add(double[][] x, double[][] y) {
        for (int r = 0; r < x.length; r++) {
            for (int i = 0; i < x[r].length; i++) {
                x[r][i] += y[r][i];
            }
        }
    }
}
