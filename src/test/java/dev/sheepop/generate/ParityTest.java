package dev.sheepop.generate;

import dev.sheepop.config.GptConfig;
import dev.sheepop.model.GptModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two decoding paths agree: cached plain-Java logits vs the SameDiff graph, and the same text per seed. */
class ParityTest {

    @ParameterizedTest
    @CsvSource({"true,true,false", "false,false,true"})
    void cachedLogitsEqualTheGraphsAtEveryPosition(boolean learned, boolean tied, boolean bias) {
        GptConfig cfg = TinyModel.config(learned, tied, bias);
        Map<String, INDArray> weights = TinyModel.weights(cfg, 11);
        int[] tokens = CachedDecoderTest.randomTokens(cfg.maxSeqLen(), cfg.vocabSize(), 4);
        INDArray expected;                                                    // [T, V]
        try (var model = GptModel.fromWeights(cfg, weights)) {
            expected = model.logits(tokens);
        }
        var decoder = new CachedDecoder(DecoderWeights.fromNd4j(cfg, weights));
        double worst = 0;
        for (int p = 0; p < tokens.length; p++) {
            float[] got = p == 0 ? decoder.prefill(new int[]{tokens[0]}) : decoder.step(tokens[p]);
            for (int k = 0; k < cfg.vocabSize(); k++) {
                double diff = Math.abs(expected.getDouble(p, k) - got[k]);
                worst = Math.max(worst, diff);
                assertTrue(diff <= 1e-4, "position " + p + " token " + k + ": graph " + expected.getDouble(p, k)
                        + " cached " + got[k]);
            }
        }
        assertTrue(worst < 1e-4, "worst difference " + worst);
    }

    @ParameterizedTest
    @CsvSource({"0.0,0,1.0,1.0", "1.0,0,1.0,1.0", "0.9,5,0.9,1.3"})
    void bothPathsWriteTheSameTextForTheSameSeedAcrossTheSlidingWindow(double temperature, int topK, double topP,
                                                                        double penalty) {
        var generator = TinyModel.generator(5);
        var settings = SamplingSettings.defaults().withMaxNewTokens(40) // > max_seq_len 16: the window slides
                .withTemperature(temperature).withTopK(topK).withTopP(topP).withRepetitionPenalty(penalty).withSeed(99);
        var cached = generator.generate("abc de", settings, null, null);
        var standard = generator.generate("abc de", settings.withCache(false), null, null);
        assertEquals(40, cached.tokens().length);
        assertEquals(StopReason.MAX_TOKENS, cached.stopReason());
        assertEquals(cached.text(), standard.text());
        assertEquals(java.util.Arrays.toString(cached.tokens()), java.util.Arrays.toString(standard.tokens()));
    }
}
