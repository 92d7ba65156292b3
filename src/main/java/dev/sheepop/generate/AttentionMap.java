package dev.sheepop.generate;

import dev.sheepop.tokenizer.TokenizerLab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where each token of a prompt looks: the attention weights of every layer and head for a prompt (at most the
 * context length), from the plain-Java decoder, with the tokens as labels. Row i holds the weights token i gave to
 * tokens 0..i (causal: nothing after it); each row sums to 1.
 */
public record AttentionMap(List<String> tokens, float[][][][] weights) {
    /** Computes the map of {@code prompt} (its last max_seq_len tokens) under {@code generator}'s model. */
    public static AttentionMap of(Generator generator, String prompt) {
        int[] ids = generator.tokenizer().encode(prompt);
        if (ids.length == 0) {
            ids = new int[]{generator.tokenizer().bos()};
        }
        int cap = generator.config().maxSeqLen();
        int[] window = Arrays.copyOfRange(ids, Math.max(0, ids.length - cap), ids.length);
        var decoder = new CachedDecoder(generator.weights());
        decoder.recordAttention();
        decoder.prefill(window);
        float[][][][] all = decoder.attention();
        int n = window.length;
        float[][][][] w = new float[all.length][][][];
        for (int l = 0; l < all.length; l++) {
            w[l] = new float[all[l].length][][];
            for (int h = 0; h < all[l].length; h++) {
                w[l][h] = Arrays.copyOf(all[l][h], n);
            }
        }
        var labels = new ArrayList<String>(n);
        for (int id : window) {
            labels.add(TokenizerLab.visible(generator.tokenizer().tokenText(id)));
        }
        return new AttentionMap(labels, w);
    }

    public int layers() {
        return weights.length;
    }

    public int heads() {
        return weights.length == 0 ? 0 : weights[0].length;
    }

    /** [T][T] of one head (0 above the diagonal). */
    public float[][] head(int layer, int head) {
        int n = tokens.size();
        float[][] m = new float[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(weights[layer][head][i], 0, m[i], 0, i + 1);
        }
        return m;
    }

    /** [T][T]: the mean over a layer's heads (each row still sums to 1). */
    public float[][] averageOfHeads(int layer) {
        int n = tokens.size();
        float[][] m = new float[n][n];
        for (int h = 0; h < heads(); h++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    m[i][j] += weights[layer][h][i][j] / heads();
                }
            }
        }
        return m;
    }
}
