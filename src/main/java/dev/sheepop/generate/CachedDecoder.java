package dev.sheepop.generate;

import dev.sheepop.config.GptConfig;
import dev.sheepop.model.ParamNames;

/**
 * The fast decoding path: the GPT forward pass in plain Java over {@link DecoderWeights}, one token (or a
 * block of prompt tokens) at a time, with the keys and values of earlier positions kept in a {@link KvCache}.
 * Same arithmetic as the SameDiff graph (pre-LayerNorm blocks, fused QKV, causal attention, gelu MLP, tied or
 * separate output), checked against it to 1e-4 by the parity test.
 */
public final class CachedDecoder implements Decoder {
    private final DecoderWeights w;
    private final KvCache cache;
    private final int c;
    private final int heads;
    private final int hs;
    private final int f;
    private final int v;
    private final int cap;
    private final float eps = (float) ParamNames.LAYER_NORM_EPS;
    private final GptConfig.Activation activation;
    private final boolean pre;
    private float[][][][] attention;   // [layer][head][position][weights], while recording
    private final float[] scores;  // [T]
    private final float[] headOut; // [hs]
    private final float[] scratchA; // [max(F, T)] for exp
    private final float[] scratchB; // [max(F, T)]
    private float[][] x = new float[0][];   // [n][C] residual stream
    private float[][] h = new float[0][];   // [n][C] normalised / projected
    private float[][] qkv = new float[0][]; // [n][3C]
    private float[][] att = new float[0][]; // [n][C] attention output before the projection
    private float[][] ff = new float[0][];  // [n][F]

    public CachedDecoder(DecoderWeights weights) {
        GptConfig cfg = weights.config();
        this.w = weights;
        this.c = cfg.dModel();
        this.heads = cfg.numHeads();
        this.hs = cfg.headSize();
        this.f = cfg.dFf();
        this.v = cfg.vocabSize();
        this.cap = cfg.maxSeqLen();
        this.activation = cfg.activation();
        this.pre = cfg.normPosition() == GptConfig.NormPosition.PRE;
        this.cache = new KvCache(cfg.numLayers(), c, heads, cap);
        this.scores = new float[cap];
        this.headOut = new float[hs];
        this.scratchA = new float[Math.max(f, cap)];
        this.scratchB = new float[Math.max(f, cap)];
    }

    @Override
    public int capacity() {
        return cap;
    }

    @Override
    public int length() {
        return cache.length();
    }

    @Override
    public void reset() {
        cache.clear();
    }

    @Override
    public float[] prefill(int[] tokens) {
        return forward(tokens, false)[0];
    }

    @Override
    public float[] step(int token) {
        return forward(new int[]{token}, false)[0];
    }

    /** Appends {@code tokens} and returns the logits after every one of them: [n][V]. */
    public float[][] prefillAll(int[] tokens) {
        return forward(tokens, true);
    }

    /** A copy of the cached keys and values (for the prompt cache). */
    public KvCache.Snapshot snapshot() {
        return cache.snapshot(cache.length());
    }

    /** Continues from a snapshot taken from a decoder of the same weights. */
    public void restore(KvCache.Snapshot snapshot) {
        cache.restore(snapshot);
    }

    private float[][] forward(int[] tokens, boolean all) {
        int n = tokens.length;
        int start = cache.length();
        if (n == 0 || start + n > cap) {
            throw new IllegalArgumentException("cannot append " + n + " tokens to a context of " + start
                    + " (max_seq_len " + cap + ")");
        }
        ensureRows(n);
        for (int r = 0; r < n; r++) {
            int tok = tokens[r];
            if (tok < 0 || tok >= v) {
                throw new IllegalArgumentException("token id " + tok + " outside the vocabulary [0, " + v + ")");
            }
            float[] e = w.wte[tok];
            float[] p = w.pos[start + r];
            float[] xr = x[r];
            for (int i = 0; i < c; i++) {
                xr[i] = e[i] + p[i];
            }
        }
        for (int l = 0; l < w.layers.length; l++) {
            var layer = w.layers[l];
            for (int r = 0; r < n; r++) {                                             // the attention's input
                if (pre) {
                    Kernels.layerNorm(x[r], layer.ln1G(), layer.ln1B(), eps, h[r]);
                } else {
                    System.arraycopy(x[r], 0, h[r], 0, c);
                }
            }
            Kernels.matmul(h, n, layer.wqkv(), layer.bqkv(), qkv);                   // [n][3C]
            storeKeysValues(l, start, n);
            attend(l, start, n);                                                      // att [n][C]
            Kernels.matmul(att, n, layer.wo(), layer.bo(), h);
            for (int r = 0; r < n; r++) {                                             // residual, then the MLP's input
                Kernels.addInPlace(x[r], h[r]);
                if (pre) {
                    Kernels.layerNorm(x[r], layer.ln2G(), layer.ln2B(), eps, h[r]);
                } else {
                    Kernels.layerNorm(x[r], layer.ln1G(), layer.ln1B(), eps, h[r]);   // post-LN: x = LN1(x + attn)
                    System.arraycopy(h[r], 0, x[r], 0, c);
                }
            }
            Kernels.matmul(h, n, layer.w1(), layer.b1(), ff);                         // [n][F]
            for (int r = 0; r < n; r++) {
                switch (activation) {
                    case GELU -> Kernels.gelu(ff[r], scratchA, scratchB);
                    case GELU_TANH -> Kernels.geluTanh(ff[r]);
                    case RELU -> Kernels.relu(ff[r]);
                }
            }
            Kernels.matmul(ff, n, layer.w2(), layer.b2(), h);
            for (int r = 0; r < n; r++) {
                Kernels.addInPlace(x[r], h[r]);
                if (!pre) {                                                           // post-LN: x = LN2(x + mlp)
                    Kernels.layerNorm(x[r], layer.ln2G(), layer.ln2B(), eps, h[r]);
                    System.arraycopy(h[r], 0, x[r], 0, c);
                }
            }
        }
        cache.advance(n);
        int first = all ? 0 : n - 1;
        float[][] logits = new float[n - first][v];
        for (int r = first; r < n; r++) {
            Kernels.layerNorm(x[r], w.lnfG, w.lnfB, eps, h[0]);
            Kernels.matvec(h[0], w.head, w.headB, logits[r - first]);
        }
        return logits;
    }

    /** Keys go channel-major into [C][T], values into [H][T][hs]. */
    private void storeKeysValues(int layer, int start, int n) {
        float[][] kc = cache.keys[layer];
        float[][][] vc = cache.values[layer];
        for (int r = 0; r < n; r++) {
            int p = start + r;
            float[] row = qkv[r];
            for (int i = 0; i < c; i++) {
                kc[i][p] = row[c + i];
            }
            for (int hd = 0; hd < heads; hd++) {
                System.arraycopy(row, 2 * c + hd * hs, vc[hd][p], 0, hs);
            }
        }
    }

    /** Causal attention of each new row over positions [0, its own]: att[r, head slice] = softmax(q·Kᵀ/√hs)·V. */
    private void attend(int layer, int start, int n) {
        float[][] kc = cache.keys[layer];
        float[][][] vc = cache.values[layer];
        float scale = (float) (1.0 / Math.sqrt(hs));
        for (int r = 0; r < n; r++) {
            int len = start + r + 1;
            float[] q = qkv[r];
            for (int hd = 0; hd < heads; hd++) {
                java.util.Arrays.fill(scores, 0, len, 0f);
                int base = hd * hs;
                int d = 0;
                for (; d + 3 < hs; d += 4) {                    // four key channels per pass over the scores
                    float q0 = q[base + d] * scale;
                    float q1 = q[base + d + 1] * scale;
                    float q2 = q[base + d + 2] * scale;
                    float q3 = q[base + d + 3] * scale;
                    float[] k0 = kc[base + d];
                    float[] k1 = kc[base + d + 1];
                    float[] k2 = kc[base + d + 2];
                    float[] k3 = kc[base + d + 3];
                    for (int t = 0; t < len; t++) {
                        scores[t] = Math.fma(q3, k3[t], Math.fma(q2, k2[t], Math.fma(q1, k1[t], Math.fma(q0, k0[t], scores[t]))));
                    }
                }
                for (; d < hs; d++) {
                    float qd = q[base + d] * scale;
                    float[] kr = kc[base + d];
                    for (int t = 0; t < len; t++) {
                        scores[t] = Math.fma(qd, kr[t], scores[t]);
                    }
                }
                Kernels.softmax(scores, len, scratchA);
                if (attention != null) {                              // recorded for the attention map
                    attention[layer][hd][start + r] = java.util.Arrays.copyOf(scores, len);
                }
                Kernels.matvec(scores, vc[hd], len, null, headOut);   // Σ_t p_t · V_t over the filled positions
                System.arraycopy(headOut, 0, att[r], hd * hs, hs);
            }
        }
    }

    /**
     * Records the attention weights of every position prefilled or stepped from now on: {@link #attention()} then
     * holds, per layer and head, row p = the weights position p gave to positions 0..p (they sum to 1).
     */
    public void recordAttention() {
        attention = new float[w.layers.length][heads][cap][];
    }

    /** [layer][head][position][0..position]: the recorded weights (rows not yet computed are null), or null. */
    public float[][][][] attention() {
        return attention;
    }

    private void ensureRows(int n) {
        if (n > x.length) {
            int rows = Math.max(n, Math.min(cap, 2 * x.length));
            x = new float[rows][c];
            h = new float[rows][c];
            qkv = new float[rows][3 * c];
            att = new float[rows][c];
            ff = new float[rows][f];
        }
    }
}
