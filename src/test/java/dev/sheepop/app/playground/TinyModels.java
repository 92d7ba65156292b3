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
        var weights = DecoderWeights.of(config, DecoderWeights.randomArrays(config, seed));
        return new ModelSlot(name, new Generator(tokenizer, weights, null, null));
    }
}
