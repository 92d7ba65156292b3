package dev.sheepop.generate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probabilities a generation reports are the ones its tokens were drawn with, recomputed here step by step. */
class TokenProbabilitiesTest {
    private static List<TokenChoice> generate(Generator g, SamplingSettings s, StringBuilder text) {
        var tokens = new ArrayList<TokenChoice>();
        g.generate("abc", s, GenerationListener.withTokens(text::append, tokens::add), null);
        return tokens;
    }

    @Test
    void reportedProbabilitiesAreTheSamplersAndTheTextDoesNotChange() {
        var g = TinyModel.generator(9);
        var settings = SamplingSettings.defaults().withMaxNewTokens(8).withTemperature(0.9).withTopK(6).withTopP(0.9)
                .withRepetitionPenalty(1.3).withSeed(4);
        var text = new StringBuilder();
        var tokens = generate(g, settings, text);
        assertEquals(g.generate("abc", settings, null, null).text(), text.toString(), "asking for odds changes nothing");
        assertEquals(8, tokens.size());

        // recompute every step from the model's logits with the filters in the same order
        int[] context = g.tokenizer().encode("abc");
        var decoder = new CachedDecoder(g.weights());
        float[] logits = decoder.prefill(context);
        int[] ctx = Arrays.copyOf(context, context.length + tokens.size());
        int len = context.length;
        for (TokenChoice t : tokens) {
            float[] raw = LogitFilters.softmax(logits);
            float[] work = logits.clone();
            LogitFilters.repetitionPenalty(work, ctx, 0, len, 1.3f);
            LogitFilters.temperature(work, 0.9f);
            LogitFilters.topK(work, 6);
            float[] probs = LogitFilters.softmax(work);
            LogitFilters.topP(probs, 0.9f);
            assertEquals(probs[t.id()], t.probability(), 1e-6);
            assertEquals(raw[t.id()], t.rawProbability(), 1e-6);
            assertEquals(logits[t.id()], t.logit(), "the model's own logit, before the filters");
            assertTrue(t.probability() > 0, "a drawn token had a chance");
            assertEquals(5, t.alternatives().size());
            for (var a : t.alternatives()) {
                assertEquals(probs[a.id()], a.probability(), 1e-6);
                assertEquals(raw[a.id()], a.rawProbability(), 1e-6);
            }
            for (int i = 1; i < 5; i++) {
                assertTrue(t.alternatives().get(i - 1).probability() >= t.alternatives().get(i).probability());
            }
            ctx[len++] = t.id();
            logits = decoder.step(t.id());
        }
    }

    @Test
    void greedyPutsAllTheOddsOnTheLikeliestToken() {
        var g = TinyModel.generator(3);
        var tokens = generate(g, SamplingSettings.greedy(4), new StringBuilder());
        for (TokenChoice t : tokens) {
            assertEquals(1f, t.probability());
            assertEquals(t.id(), t.alternatives().get(0).id());
            assertTrue(t.rawProbability() >= t.alternatives().get(1).rawProbability());
        }
    }
}
