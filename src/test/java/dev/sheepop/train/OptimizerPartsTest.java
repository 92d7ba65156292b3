package dev.sheepop.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerPartsTest {
    @Test
    void scheduleWarmsUpLinearlyThenFollowsTheCosineToMinLr() {
        var s = new LrSchedule(1e-3, 1e-4, 100, 2000);
        assertEquals(1e-3 / 101, s.at(0), 1e-12);
        assertEquals(1e-3 * 50 / 101, s.at(49), 1e-12);
        assertEquals(1e-3, s.at(100), 1e-12);                       // cosine starts at the peak
        assertEquals(1e-4 + 0.5 * 9e-4, s.at(1050), 1e-12);          // half way: the mean
        assertEquals(1e-4, s.at(2000), 1e-12);
        assertEquals(1e-4, s.at(5000), 1e-12);
        assertTrue(s.at(500) > s.at(501));
    }

    @Test
    void clippingScalesToTheMaxNormAndReportsTheNormBefore() {
        var g = new LinkedHashMap<String, INDArray>();
        g.put("a", Nd4j.createFromArray(3f, 0f));
        g.put("b", Nd4j.createFromArray(new float[][]{{0f, 4f}}));
        assertEquals(5.0, Gradients.clip(g, 1.0), 1e-6);
        assertEquals(1.0, Gradients.globalNorm(g), 1e-5);
        assertEquals(0.6, g.get("a").getDouble(0), 1e-5);
        var h = Map.of("a", Nd4j.createFromArray(0.3f, 0.4f));
        assertEquals(0.5, Gradients.clip(h, 1.0), 1e-6);
        assertEquals(0.3, h.get("a").getDouble(0), 1e-7);           // under the limit: untouched
    }

    @Test
    void lossScalerSkipsAndHalvesOnOverflowAndGrowsAfterCleanSteps() {
        var s = new LossScaler(1024, 0, 3);
        assertFalse(s.update(false));
        assertEquals(512, s.scale());
        assertTrue(s.update(true));
        assertTrue(s.update(true));
        assertEquals(512, s.scale());
        assertTrue(s.update(true));
        assertEquals(1024, s.scale());
        assertEquals(0, s.goodSteps());
        var low = new LossScaler(1, 0, 3);
        low.update(false);
        assertEquals(LossScaler.MIN_SCALE, low.scale());
    }

    @Test
    void adamWMatchesTheTextbookUpdateAndDecaysOnlyMatrices() {
        var opt = new AdamW(0.9, 0.99, 0.1, List.of("w"));
        var params = new LinkedHashMap<String, INDArray>();
        params.put("w", Nd4j.createFromArray(1f, -2f));
        params.put("g", Nd4j.createFromArray(1f, -2f));
        var grads = Map.of("w", Nd4j.createFromArray(0.5f, 0.1f), "g", Nd4j.createFromArray(0.5f, 0.1f));
        opt.step(params, grads, 0.01);
        // step 1: m̂ = g, v̂ = g², update = lr·g/(|g|+eps) ≈ lr·sign(g)
        assertEquals(1.0 * (1 - 0.01 * 0.1) - 0.01, params.get("w").getDouble(0), 1e-6);
        assertEquals(1.0 - 0.01, params.get("g").getDouble(0), 1e-6);
        assertEquals(-2.0 - 0.01, params.get("g").getDouble(1), 1e-6);
        // step 2 against the textbook formulas
        double m2 = 0.9 * 0.05 + 0.1 * 0.5, v2 = 0.99 * 0.0025 + 0.01 * 0.25;
        double expected = (1.0 - 0.01) - 0.01 * (m2 / (1 - 0.81)) / (Math.sqrt(v2 / (1 - 0.9801)) + 1e-8);
        var p1 = params.get("g").dup();
        var probe = new AdamW(0.9, 0.99, 0.1, List.of("w"));
        probe.restore(opt.state(), opt.steps());
        var pp = new LinkedHashMap<String, INDArray>(Map.of("g", p1));
        probe.step(pp, Map.of("g", Nd4j.createFromArray(0.5f, 0.1f)), 0.01);
        assertEquals(expected, p1.getDouble(0), 1e-6);
        var state = opt.state();
        var copy = new AdamW(0.9, 0.99, 0.1, List.of("w"));
        copy.restore(state, opt.steps());
        var p2 = new LinkedHashMap<String, INDArray>();
        params.forEach((k, v) -> p2.put(k, v.dup()));
        opt.step(params, grads, 0.01);
        copy.step(p2, grads, 0.01);
        assertEquals(params.get("w"), p2.get("w"));
    }
}
