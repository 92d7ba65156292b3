package dev.sheepop.generate;

import java.util.List;

/**
 * One generated token and the odds it was drawn with: {@code probability} in the distribution it was drawn from
 * (after the repetition penalty, temperature, top-k and top-p), {@code rawProbability} in the model's own softmax, and
 * the most likely alternatives with both; {@code logit} is the model's logit for it (before any filter). {@code text} is the text this token completed (empty for the first bytes of
 * a character spread over several tokens; the character then belongs to its last token).
 */
public record TokenChoice(int id, String text, float probability, float rawProbability, float logit,
                          List<Alternative> alternatives) {
    /** A candidate token: its id, how it reads alone, and its probabilities. */
    public record Alternative(int id, String tokenText, float probability, float rawProbability) {
    }

    public TokenChoice {
        alternatives = List.copyOf(alternatives);
    }
}
