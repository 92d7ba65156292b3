package dev.sheepop.generate;

import dev.sheepop.tokenizer.Tokenizer;

import java.util.ArrayList;

/** Builds a {@link TokenChoice} from the two distributions of one step. */
final class TokenChoices {
    private TokenChoices() {
    }

    /** The drawn token with its probabilities and the {@code k} most likely alternatives (by the drawing distribution, then raw). */
    static TokenChoice of(Tokenizer tokenizer, int token, float[] probs, float[] raw, float logit, int k) {
        // rank by the distribution the token was drawn from; among tokens it ruled out (0), by the model's own odds
        float[] key = new float[probs.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = probs[i] + raw[i] * 1e-6f;
        }
        int[] order = LogitFilters.descending(key);
        var alternatives = new ArrayList<TokenChoice.Alternative>(k);
        for (int r = 0; r < Math.min(k, order.length); r++) {
            int id = order[r];
            alternatives.add(new TokenChoice.Alternative(id, tokenizer.tokenText(id), probs[id], raw[id]));
        }
        return new TokenChoice(token, "", probs[token], raw[token], logit, alternatives);
    }
}
