package dev.sheepop.generate;

import dev.sheepop.config.GptConfig;
import dev.sheepop.model.ParamNames;
import dev.sheepop.tokenizer.CharTokenizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny random model (2 layers, 32 wide, context 16) over a 19-character vocabulary, for generation tests. */
final class TinyModel {
    static final CharTokenizer TOKENIZER = CharTokenizer.fit("abcdefgh ijklmnop.\n");

    private TinyModel() {
    }

    static GptConfig config(boolean learned, boolean tied, boolean bias) {
        return new GptConfig(TOKENIZER.vocabSize(), 32, 2, 4, 64, 16, 0.0, GptConfig.Activation.GELU,
                learned ? GptConfig.PositionalEncoding.LEARNED : GptConfig.PositionalEncoding.SINUSOIDAL, tied, bias, GptConfig.NormPosition.PRE);
    }

    static GptConfig config() {
        return config(true, true, false);
    }

    /** Random ND4J weights (non-trivial gains so LayerNorm's gain is exercised). */
    static Map<String, INDArray> weights(GptConfig cfg, long seed) {
        var arrays = DecoderWeights.randomArrays(cfg, seed);
        var out = new LinkedHashMap<String, INDArray>();
        ParamNames.shapes(cfg).forEach((name, shape) -> out.put(name, Nd4j.create(arrays.get(name), shape, 'c')));
        return out;
    }

    /**
     * A generator over an untied model with output biases; {@code eosBias} is added to the eos logit (-30: random
     * weights never end early; +30: they end at once).
     */
    static Generator generator(long seed, float eosBias) {
        GptConfig cfg = config(true, false, true);
        var weights = weights(cfg, seed);
        weights.get(ParamNames.HEAD_B).putScalar(dev.sheepop.tokenizer.CharTokenizer.EOS, eosBias);
        return Generator.fromWeights(cfg, TOKENIZER, weights);
    }

    static Generator generator(long seed) {
        return generator(seed, -30f);
    }
}
