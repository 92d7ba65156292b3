package dev.sheepop.generate;

import dev.sheepop.config.GptConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fast decoder against a naive double-precision forward pass written straight from the conventions. */
class CachedDecoderTest {

    static GptConfig tiny(boolean learned, boolean tied, boolean bias, GptConfig.Activation act) {
        return new GptConfig(23, 32, 2, 4, 64, 16, 0.0, act,
                learned ? GptConfig.PositionalEncoding.LEARNED : GptConfig.PositionalEncoding.SINUSOIDAL, tied, bias, GptConfig.NormPosition.PRE);
    }

    static int[] randomTokens(int n, int vocab, long seed) {
        var rng = new SplittableRandom(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(vocab);
        }
        return t;
    }

    @ParameterizedTest
    @ValueSource(strings = {"learned,tied,nobias,gelu,pre", "sinusoidal,untied,bias,relu,pre", "learned,untied,bias,gelu,pre",
            "learned,tied,nobias,gelu,post", "sinusoidal,untied,bias,relu,post", "learned,untied,bias,gelu_tanh,pre"})
    void stepByStepLogitsMatchTheNaiveForwardAtEveryPosition(String variant) {
        var cfg = tiny(variant.contains("learned"), !variant.contains("untied"), !variant.contains("nobias"),
                variant.contains("gelu_tanh") ? GptConfig.Activation.GELU_TANH
                        : variant.contains("gelu") ? GptConfig.Activation.GELU : GptConfig.Activation.RELU)
                .withNormPosition(variant.endsWith("post") ? GptConfig.NormPosition.POST : GptConfig.NormPosition.PRE);
        var arrays = DecoderWeights.randomArrays(cfg, 7);
        var decoder = new CachedDecoder(DecoderWeights.of(cfg, arrays));
        int[] tokens = randomTokens(cfg.maxSeqLen(), cfg.vocabSize(), 3);
        double[][] expected = new dev.sheepop.model.ReferenceGpt(cfg, arrays).logits(tokens);

        float[][] prefilled = decoder.prefillAll(tokens);
        decoder.reset();
        for (int p = 0; p < tokens.length; p++) {
            float[] stepped = p == 0 ? decoder.prefill(new int[]{tokens[0]}) : decoder.step(tokens[p]);
            for (int k = 0; k < cfg.vocabSize(); k++) {
                assertEquals(expected[p][k], stepped[k], 1e-4, "position " + p + " token " + k);
            }
            assertArrayEquals(prefilled[p], stepped, "prefill and step must agree bit for bit at position " + p);
        }
    }

    @Test
    void snapshotAndRestoreContinueExactly() {
        var cfg = tiny(true, true, false, GptConfig.Activation.GELU);
        var weights = DecoderWeights.of(cfg, DecoderWeights.randomArrays(cfg, 1));
        int[] tokens = randomTokens(10, cfg.vocabSize(), 5);
        var a = new CachedDecoder(weights);
        a.prefill(java.util.Arrays.copyOf(tokens, 6));
        var snap = a.snapshot();
        float[] straight = a.prefill(java.util.Arrays.copyOfRange(tokens, 6, 10));
        var b = new CachedDecoder(weights);
        b.restore(snap);
        assertEquals(6, b.length());
        assertArrayEquals(straight, b.prefill(java.util.Arrays.copyOfRange(tokens, 6, 10)));
    }

    @Test
    void refusesTokensBeyondTheContextAndOutsideTheVocabulary() {
        var cfg = tiny(true, true, false, GptConfig.Activation.GELU);
        var decoder = new CachedDecoder(DecoderWeights.of(cfg, DecoderWeights.randomArrays(cfg, 1)));
        assertThrows(IllegalArgumentException.class, () -> decoder.prefill(new int[]{cfg.vocabSize()}));
        decoder.prefill(new int[cfg.maxSeqLen()]);
        assertThrows(IllegalArgumentException.class, () -> decoder.step(0));
    }
}
