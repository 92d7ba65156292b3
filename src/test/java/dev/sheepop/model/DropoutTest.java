package dev.sheepop.model;

import dev.sheepop.config.GptConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.nd4j.linalg.api.ndarray.INDArray;

class DropoutTest {
    @Test
    void dropoutIsOnlyActiveInTheTrainingGraph() {
        var cfg = new GptConfig(11, 16, 1, 2, 24, 8, 0.3, GptConfig.Activation.GELU, GptConfig.PositionalEncoding.LEARNED, true, false, GptConfig.NormPosition.PRE);
        var w = GptInit.initialWeights(cfg, 3);
        var idx = Nd4j.createFromArray(new int[][]{{1, 2, 3, 4, 5, 6, 7, 8}});
        var train = GptGraph.build(cfg, 8, true, w);
        var random = new java.util.SplittableRandom(5);
        var masks = train.dropoutMasks(1, random);
        assertEquals(1 + 3, masks.size());                                   // embedding + (probs, attn out, mlp out)
        INDArray m = masks.values().iterator().next();                        // [B·T, C]
        double dropped = m.eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(0.3, dropped, 0.1);
        assertEquals(1.0, m.meanNumber().doubleValue(), 0.15, "inverted: the mean is kept");
        var in1 = new java.util.HashMap<String, INDArray>(masks);
        in1.put(GptGraph.IDX, idx);
        in1.put(GptGraph.LABELS, idx);
        var in2 = new java.util.HashMap<String, INDArray>(train.dropoutMasks(1, random));
        in2.put(GptGraph.IDX, idx);
        in2.put(GptGraph.LABELS, idx);
        var a = train.sameDiff().calculateGradientsAndOutputs(in1, java.util.List.of(GptGraph.LOSS), train.paramNames());
        var b = train.sameDiff().calculateGradientsAndOutputs(in2, java.util.List.of(GptGraph.LOSS), train.paramNames());
        assertNotEquals(a.getOutputs().get(GptGraph.LOSS).getDouble(0), b.getOutputs().get(GptGraph.LOSS).getDouble(0));
        assertTrue(a.getGradients().get(ParamNames.WTE).norm2Number().doubleValue() > 0, "dropout has a gradient");
        try (var model = GptModel.fromWeights(cfg, w)) {
            assertEquals(model.logits(idx), model.logits(idx), "inference is deterministic");
        }
    }
}
