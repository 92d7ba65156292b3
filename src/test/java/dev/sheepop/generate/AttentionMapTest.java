package dev.sheepop.generate;

import dev.sheepop.config.GptConfig;
import dev.sheepop.model.GptModel;
import dev.sheepop.model.ParamNames;
import dev.sheepop.tokenizer.CharTokenizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The attention map from the plain-Java decoder: rows sum to 1 and equal the SameDiff graph's attention. */
class AttentionMapTest {
    @ParameterizedTest
    @EnumSource(GptConfig.NormPosition.class)
    void everyRowSumsToOneAndMatchesTheGraph(GptConfig.NormPosition norm) {
        var tok = CharTokenizer.fit("the quick brown fox jumps over the lazy dog");
        var cfg = new GptConfig(tok.vocabSize(), 32, 2, 4, 64, 24, 0.0, GptConfig.Activation.GELU,
                GptConfig.PositionalEncoding.LEARNED, true, false, norm);
        var arrays = DecoderWeights.randomArrays(cfg, 13);
        var weights = new LinkedHashMap<String, INDArray>();
        ParamNames.shapes(cfg).forEach((n, shape) -> weights.put(n, Nd4j.create(arrays.get(n), shape, 'c')));
        var generator = Generator.fromWeights(cfg, tok, weights);
        String prompt = "the lazy fox jumps";
        var map = AttentionMap.of(generator, prompt);
        int[] ids = tok.encode(prompt);
        assertEquals(ids.length, map.tokens().size());
        assertEquals("t", map.tokens().get(0));
        assertEquals("␣", map.tokens().get(3));
        try (var model = GptModel.fromWeights(cfg, weights)) {
            for (int layer = 0; layer < cfg.numLayers(); layer++) {
                INDArray graph = model.attention(ids, layer);                     // [H, T, T]
                for (int h = 0; h < cfg.numHeads(); h++) {
                    float[][] m = map.head(layer, h);
                    for (int i = 0; i < ids.length; i++) {
                        double sum = 0;
                        for (int j = 0; j < ids.length; j++) {
                            sum += m[i][j];
                            assertEquals(graph.getDouble(h, i, j), m[i][j], 1e-4, "layer " + layer + " head " + h + " at " + i + "," + j);
                        }
                        assertEquals(1.0, sum, 1e-5, "row " + i + " sums to one");
                    }
                }
                float[][] avg = map.averageOfHeads(layer);
                for (float[] row : avg) {
                    double sum = 0;
                    for (float v : row) {
                        sum += v;
                    }
                    assertEquals(1.0, sum, 1e-5);
                }
            }
        }
    }
}
