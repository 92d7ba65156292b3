package dev.sheepop.model;

import dev.sheepop.config.GptConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * GPT-2 initialisation: matrices and embeddings normal(0, 0.02), the residual projections ({@code attn.wo},
 * {@code mlp.w2}) normal(0, 0.02/√(2·num_layers)), biases 0, LayerNorm gains 1 and biases 0. Drawn from a
 * Java {@link SplittableRandom} so that a seed gives the same weights on every machine and backend.
 */
public final class GptInit {
    public static final double STD = 0.02;

    private GptInit() {
    }

    public static Map<String, INDArray> initialWeights(GptConfig config, long seed) {
        if (config.vocabSize() < 1) {
            throw new IllegalArgumentException("vocab_size must be resolved from the tokenizer before building a model");
        }
        var random = new SplittableRandom(seed);
        double residualStd = STD / Math.sqrt(2.0 * config.numLayers());
        var weights = new LinkedHashMap<String, INDArray>();
        for (var entry : ParamNames.shapes(config).entrySet()) {
            String name = entry.getKey();
            long[] shape = entry.getValue();
            int n = (int) (shape.length == 1 ? shape[0] : shape[0] * shape[1]);
            float[] values = new float[n];
            if (shape.length == 2) {
                double std = name.endsWith(".wo") || name.endsWith(".w2") ? residualStd : STD;
                for (int i = 0; i < n; i++) {
                    values[i] = (float) (gaussian(random) * std);
                }
            } else if (name.endsWith(".g")) {
                java.util.Arrays.fill(values, 1f);
            }
            weights.put(name, Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT));
        }
        return weights;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller (SplittableRandom has no nextGaussian on Java 17).
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
