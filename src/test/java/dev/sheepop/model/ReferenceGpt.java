package dev.sheepop.model;

import dev.sheepop.config.GptConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/** A naive float[] forward pass written from ParamNames' layout conventions: the graph must agree with it. */
final class ReferenceGpt {
    /** SameDiff's layer_norm adds no visible epsilon (see ParamNames.LAYER_NORM_EPS). */
    static final double EPS = ParamNames.LAYER_NORM_EPS;

    private ReferenceGpt() {
    }

    static float[][] logits(GptConfig cfg, Map<String, INDArray> w, int[] ids) {
        int t = ids.length;
        int c = cfg.dModel();
        int v = cfg.vocabSize();
        int h = cfg.numHeads();
        int hs = c / h;
        float[][] wte = m(w.get(ParamNames.WTE));
        float[][] x = new float[t][c];
        float[][] pe = cfg.positionalEncoding() == GptConfig.PositionalEncoding.LEARNED ? m(w.get(ParamNames.WPE))
                : m(GptGraph.sinusoidal(t, c));
        for (int p = 0; p < t; p++) {
            for (int j = 0; j < c; j++) {
                x[p][j] = wte[ids[p]][j] + pe[p][j];
            }
        }
        for (int l = 0; l < cfg.numLayers(); l++) {
            float[][] a = ln(x, w.get(ParamNames.ln1G(l)), w.get(ParamNames.ln1B(l)));
            float[][] qkv = mm(a, m(w.get(ParamNames.wqkv(l))), cfg.bias() ? w.get(ParamNames.bqkv(l)) : null);
            float[][] att = new float[t][c];
            for (int head = 0; head < h; head++) {
                for (int i = 0; i < t; i++) {
                    double[] s = new double[i + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        double dot = 0;
                        for (int d = 0; d < hs; d++) {
                            dot += qkv[i][head * hs + d] * qkv[j][c + head * hs + d];
                        }
                        s[j] = dot / Math.sqrt(hs);
                        max = Math.max(max, s[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j <= i; j++) {
                        s[j] = Math.exp(s[j] - max);
                        sum += s[j];
                    }
                    for (int j = 0; j <= i; j++) {
                        for (int d = 0; d < hs; d++) {
                            att[i][head * hs + d] += (float) (s[j] / sum * qkv[j][2 * c + head * hs + d]);
                        }
                    }
                }
            }
            add(x, mm(att, m(w.get(ParamNames.wo(l))), cfg.bias() ? w.get(ParamNames.bo(l)) : null));
            float[][] hid = mm(ln(x, w.get(ParamNames.ln2G(l)), w.get(ParamNames.ln2B(l))), m(w.get(ParamNames.w1(l))),
                    cfg.bias() ? w.get(ParamNames.b1(l)) : null);
            for (float[] row : hid) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = cfg.activation() == GptConfig.Activation.GELU
                            ? (float) (row[j] / (1 + Math.exp(-1.702 * row[j]))) : Math.max(0, row[j]);
                }
            }
            add(x, mm(hid, m(w.get(ParamNames.w2(l))), cfg.bias() ? w.get(ParamNames.b2(l)) : null));
        }
        float[][] f = ln(x, w.get(ParamNames.LNF_G), w.get(ParamNames.LNF_B));
        float[][] out = new float[t][v];
        float[][] head = cfg.tieEmbeddings() ? null : m(w.get(ParamNames.HEAD_W));
        for (int p = 0; p < t; p++) {
            for (int k = 0; k < v; k++) {
                double s = head != null && cfg.bias() ? w.get(ParamNames.HEAD_B).getDouble(k) : 0;
                for (int j = 0; j < c; j++) {
                    s += f[p][j] * (head == null ? wte[k][j] : head[j][k]);
                }
                out[p][k] = (float) s;
            }
        }
        return out;
    }

    private static float[][] m(INDArray a) {
        return a.toFloatMatrix();
    }

    private static void add(float[][] x, float[][] y) {
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] += y[i][j];
            }
        }
    }

    private static float[][] mm(float[][] a, float[][] b, INDArray bias) {
        float[][] out = new float[a.length][b[0].length];
        float[] bv = bias == null ? null : bias.toFloatVector();
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b[0].length; k++) {
                double s = bv == null ? 0 : bv[k];
                for (int j = 0; j < b.length; j++) {
                    s += a[i][j] * b[j][k];
                }
                out[i][k] = (float) s;
            }
        }
        return out;
    }

    private static float[][] ln(float[][] x, INDArray g, INDArray b) {
        float[] gv = g.toFloatVector();
        float[] bv = b.toFloatVector();
        float[][] out = new float[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            double mean = 0;
            for (float f : x[i]) {
                mean += f;
            }
            mean /= x[i].length;
            double var = 0;
            for (float f : x[i]) {
                var += (f - mean) * (f - mean);
            }
            var /= x[i].length;
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = (float) ((x[i][j] - mean) / Math.sqrt(var + EPS) * gv[j] + bv[j]);
            }
        }
        return out;
    }
}
