package dev.sheepop.train;

import dev.sheepop.config.GptConfig;
import dev.sheepop.model.GptGraph;
import dev.sheepop.model.GptInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationLossTest {
    private static final GptConfig CFG = new GptConfig(11, 16, 1, 2, 32, 8, 0.0, GptConfig.Activation.GELU,
            GptConfig.PositionalEncoding.LEARNED, true, false, GptConfig.NormPosition.PRE);

    @Test
    void wholeSplitIsTheMeanOverEveryWindowAndReportsTheEstimatesSpread() {
        var weights = GptInit.initialWeights(CFG, 5);
        int[] val = new int[8 * 12 + 5];                         // 12 windows of 8 (+ a partial one, ignored)
        var random = new SplittableRandom(9);
        for (int i = 0; i < val.length; i++) {
            val[i] = random.nextInt(11);
        }
        var estimate = ValidationLoss.wholeSplit(CFG, 8, 3, 20, val, weights);
        // the same windows one at a time
        var graph = GptGraph.build(CFG, 8, false, weights);
        double sum = 0;
        double[] perBatch = new double[4];
        for (int w = 0; w < 12; w++) {
            int[][] x = new int[1][8];
            int[][] y = new int[1][8];
            System.arraycopy(val, w * 8, x[0], 0, 8);
            System.arraycopy(val, w * 8 + 1, y[0], 0, 8);
            double loss = graph.sameDiff().output(Map.of(GptGraph.IDX, Nd4j.createFromArray(x), GptGraph.LABELS,
                    Nd4j.createFromArray(y)), GptGraph.LOSS).get(GptGraph.LOSS).getDouble(0);
            sum += loss;
            perBatch[w % 4] += loss / 3;                        // batch b: windows b, b + 4, b + 8
        }
        assertEquals(12, estimate.windows());
        assertEquals(sum / 12, estimate.mean(), 1e-5);
        double mean = sum / 12;
        double var = 0;
        for (double b : perBatch) {
            var += (b - mean) * (b - mean) / 3;
        }
        assertEquals(Math.sqrt(var), estimate.batchStd(), 1e-5);
        assertEquals(Math.sqrt(var) / Math.sqrt(20), estimate.estimateError(), 1e-6);
        assertTrue(estimate.batchStd() > 0);
        assertThrows(IllegalArgumentException.class, () -> ValidationLoss.wholeSplit(CFG, 8, 3, 20, new int[30], weights));
    }
}
