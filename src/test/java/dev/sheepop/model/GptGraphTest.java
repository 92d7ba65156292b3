package dev.sheepop.model;

import dev.sheepop.config.GptConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GptGraphTest {
    static GptConfig tiny(GptConfig.PositionalEncoding pe, boolean tie, boolean bias, GptConfig.Activation act) {
        return tiny(pe, tie, bias, act, GptConfig.NormPosition.PRE);
    }

    static GptConfig tiny(GptConfig.PositionalEncoding pe, boolean tie, boolean bias, GptConfig.Activation act,
                          GptConfig.NormPosition norm) {
        return new GptConfig(11, 16, 2, 2, 24, 8, 0.0, act, pe, tie, bias, norm);
    }

    @Test
    void graphMatchesNaiveReferenceForEveryVariant() {
        for (var pe : GptConfig.PositionalEncoding.values()) {
            for (int variant = 0; variant < 20; variant++) {
                boolean tie = (variant & 1) == 0;
                boolean bias = (variant & 2) != 0;
                var act = variant >= 16 ? GptConfig.Activation.GELU_TANH
                        : (variant & 4) == 0 ? GptConfig.Activation.GELU : GptConfig.Activation.RELU;
                var norm = (variant & 8) == 0 ? GptConfig.NormPosition.PRE : GptConfig.NormPosition.POST;
                GptConfig cfg = tiny(pe, tie, bias, act, norm);
                Map<String, INDArray> w = GptInit.initialWeights(cfg, 7);
                // larger weights than at init, so that mistakes in layout show up
                var scaled = new HashMap<String, INDArray>();
                var rnd = new java.util.Random(3);
                w.forEach((k, a) -> scaled.put(k, a.add(Nd4j.rand(DataType.FLOAT, a.shape()).subi(0.5).muli(0.6))));
                int[] ids = {3, 5, 5, 10, 0, 7};
                try (var model = GptModel.fromWeights(cfg, scaled)) {
                    float[][] got = model.logits(ids).toFloatMatrix();
                    double[][] want = ReferenceGpt.of(cfg, scaled).logits(ids);
                    for (int p = 0; p < ids.length; p++) {
                        for (int k = 0; k < cfg.vocabSize(); k++) {
                            assertEquals(want[p][k], got[p][k], 1e-4, pe + " tie=" + tie + " bias=" + bias + " " + act + " " + norm
                                    + " at " + p + "," + k);
                        }
                    }
                }
            }
        }
    }

    @Test
    void causalPrefixLogitsDoNotDependOnLaterTokens() {
        GptConfig cfg = tiny(GptConfig.PositionalEncoding.LEARNED, true, false, GptConfig.Activation.GELU);
        try (var model = GptModel.fromWeights(cfg, GptInit.initialWeights(cfg, 1))) {
            float[][] a = model.logits(new int[]{1, 2, 3, 4}).toFloatMatrix();
            float[][] b = model.logits(new int[]{1, 2, 9, 9}).toFloatMatrix();
            for (int k = 0; k < cfg.vocabSize(); k++) {
                assertEquals(a[1][k], b[1][k], 1e-6);
            }
        }
    }

    @Test
    void initialLossIsNearLogVocabAndGradientsReachEveryParameter() {
        GptConfig cfg = tiny(GptConfig.PositionalEncoding.LEARNED, true, false, GptConfig.Activation.GELU);
        var graph = GptGraph.build(cfg, 8, true, GptInit.initialWeights(cfg, 1));
        INDArray idx = Nd4j.createFromArray(new int[][]{{1, 2, 3, 4, 5, 6, 7, 8}, {3, 3, 3, 3, 3, 3, 3, 3}});
        INDArray labels = Nd4j.createFromArray(new int[][]{{2, 3, 4, 5, 6, 7, 8, 9}, {3, 3, 3, 3, 3, 3, 3, 3}});
        var out = graph.sameDiff().calculateGradientsAndOutputs(Map.of(GptGraph.IDX, idx, GptGraph.LABELS, labels),
                List.of(GptGraph.LOSS), graph.paramNames());
        double loss = out.getOutputs().get(GptGraph.LOSS).getDouble(0);
        assertEquals(Math.log(11), loss, 0.25);
        for (String name : graph.paramNames()) {
            INDArray g = out.getGradients().get(name);
            assertTrue(g != null && g.norm2Number().doubleValue() > 0, "gradient of " + name);
        }
        // repeated ids: the embedding gradient must accumulate (gather's does not)
        assertTrue(out.getGradients().get(ParamNames.WTE).getRow(3).norm2Number().doubleValue() > 0);
    }
}
