package dev.sheepop.model;

import dev.sheepop.config.GptConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every trainable variable's name and shape, in one place. The SameDiff graph, the checkpoint files and the
 * plain-Java KV-cache decoder all use these names, so they agree on the layout:
 * <ul>
 *   <li>linear layers are {@code y = x · W (+ b)} with {@code W} shaped {@code [in, out]};</li>
 *   <li>{@code attn.wqkv} is {@code [C, 3C]}: columns {@code [0,C)} give Q, {@code [C,2C)} K, {@code [2C,3C)} V;
 *       head {@code h} uses columns {@code [h·hs, (h+1)·hs)} of each;</li>
 *   <li>LayerNorm is PyTorch's: (x − mean) / √(biased variance + ε) with ε = {@value #LAYER_NORM_EPS}, then a gain
 *       {@code g} and bias {@code b} (always present); {@code ln1} is the one before (pre-LN) or after (post-LN)
 *       attention, {@code ln2} the MLP's, {@code lnf} the final one (in both positions);</li>
 *   <li>gelu is SameDiff's {@code x·sigmoid(1.702·x)};</li>
 *   <li>with tied embeddings the logits are {@code x · wteᵀ}; otherwise {@code x · head.w} ([C, V]);</li>
 *   <li>sinusoidal positions (no variable): {@code PE[p, 2i] = sin(p / 10000^(2i/C))}, {@code PE[p, 2i+1] = cos(…)}.</li>
 * </ul>
 */
public final class ParamNames {
    public static final String WTE = "wte";                  // [V, C]
    public static final String WPE = "wpe";                  // [maxSeqLen, C] (learned positions only)
    public static final String LNF_G = "lnf.g";              // [C]
    public static final String LNF_B = "lnf.b";              // [C]
    public static final String HEAD_W = "head.w";            // [C, V] (untied only)
    public static final String HEAD_B = "head.b";            // [V]    (untied and bias only)
    /** LayerNorm's ε, PyTorch's default: the graph, the decoder and exported models all use it. */
    public static final double LAYER_NORM_EPS = 1e-5;

    private ParamNames() {
    }

    public static String ln1G(int layer) { return "h" + layer + ".ln1.g"; }        // [C]
    public static String ln1B(int layer) { return "h" + layer + ".ln1.b"; }        // [C]
    public static String wqkv(int layer) { return "h" + layer + ".attn.wqkv"; }    // [C, 3C]
    public static String bqkv(int layer) { return "h" + layer + ".attn.bqkv"; }    // [3C] (bias only)
    public static String wo(int layer) { return "h" + layer + ".attn.wo"; }        // [C, C]
    public static String bo(int layer) { return "h" + layer + ".attn.bo"; }        // [C]  (bias only)
    public static String ln2G(int layer) { return "h" + layer + ".ln2.g"; }        // [C]
    public static String ln2B(int layer) { return "h" + layer + ".ln2.b"; }        // [C]
    public static String w1(int layer) { return "h" + layer + ".mlp.w1"; }         // [C, F]
    public static String b1(int layer) { return "h" + layer + ".mlp.b1"; }         // [F]  (bias only)
    public static String w2(int layer) { return "h" + layer + ".mlp.w2"; }         // [F, C]
    public static String b2(int layer) { return "h" + layer + ".mlp.b2"; }         // [C]  (bias only)

    /** Every parameter of a model with this config, in forward-pass order, with its shape. */
    public static Map<String, long[]> shapes(GptConfig config) {
        long c = config.dModel();
        long f = config.dFf();
        long v = config.vocabSize();
        var shapes = new LinkedHashMap<String, long[]>();
        shapes.put(WTE, new long[]{v, c});
        if (config.positionalEncoding() == GptConfig.PositionalEncoding.LEARNED) {
            shapes.put(WPE, new long[]{config.maxSeqLen(), c});
        }
        for (int i = 0; i < config.numLayers(); i++) {
            shapes.put(ln1G(i), new long[]{c});
            shapes.put(ln1B(i), new long[]{c});
            shapes.put(wqkv(i), new long[]{c, 3 * c});
            if (config.bias()) shapes.put(bqkv(i), new long[]{3 * c});
            shapes.put(wo(i), new long[]{c, c});
            if (config.bias()) shapes.put(bo(i), new long[]{c});
            shapes.put(ln2G(i), new long[]{c});
            shapes.put(ln2B(i), new long[]{c});
            shapes.put(w1(i), new long[]{c, f});
            if (config.bias()) shapes.put(b1(i), new long[]{f});
            shapes.put(w2(i), new long[]{f, c});
            if (config.bias()) shapes.put(b2(i), new long[]{c});
        }
        shapes.put(LNF_G, new long[]{c});
        shapes.put(LNF_B, new long[]{c});
        if (!config.tieEmbeddings()) {
            shapes.put(HEAD_W, new long[]{c, v});
            if (config.bias()) shapes.put(HEAD_B, new long[]{v});
        }
        return shapes;
    }

    /**
     * Names of the parameters that get weight decay: every matrix — the linear weights and both embedding tables —
     * as nanoGPT, the reference trainer of docs/performance.md, decays every parameter with two or more dimensions; not
     * LayerNorm gains and biases, not biases.
     */
    public static List<String> decayed(GptConfig config) {
        var names = new ArrayList<String>();
        for (String name : shapes(config).keySet()) {
            if (name.equals(WTE) || name.equals(WPE) || name.equals(HEAD_W) || name.endsWith(".wqkv") || name.endsWith(".wo")
                    || name.endsWith(".w1") || name.endsWith(".w2")) {
                names.add(name);
            }
        }
        return names;
    }
}
