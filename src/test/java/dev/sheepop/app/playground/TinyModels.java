package dev.sheepop.app.playground;

import dev.sheepop.config.GptConfig;
import dev.sheepop.generate.DecoderWeights;
import dev.sheepop.generate.Generator;
import dev.sheepop.tokenizer.CharTokenizer;

/** Test helper: a real generator over a tiny randomly initialised model and a character vocabulary. */
public final class TinyModels {
    private TinyModels() {
    }

    public static ModelSlot random(String name, long seed) {
        var tokenizer = CharTokenizer.fit("ROMEO: what light through yonder window breaks\nJULIET: ah me!");
        var config = new GptConfig(tokenizer.vocabSize(), 32, 2, 2, 64, 32, 0.0, GptConfig.Activation.GELU,
                GptConfig.PositionalEncoding.LEARNED, true, false, GptConfig.NormPosition.PRE);
        // ND4J arrays, as a checkpoint gives: the generator has both paths and a prompt cache, as in the workbench
        var weights = new java.util.LinkedHashMap<String, org.nd4j.linalg.api.ndarray.INDArray>();
        var arrays = DecoderWeights.randomArrays(config, seed);
        dev.sheepop.model.ParamNames.shapes(config).forEach((n, shape) ->
                weights.put(n, org.nd4j.linalg.factory.Nd4j.create(arrays.get(n), shape, 'c')));
        return new ModelSlot(name, Generator.fromWeights(config, tokenizer, weights));
    }
}
