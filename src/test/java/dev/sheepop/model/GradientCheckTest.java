package dev.sheepop.model;

import dev.sheepop.config.GptConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks the graph's backward pass against central differences of its own loss, for every parameter of tiny
 * models in several variants. ND4J 1.0.0-M2.1's {@code sparseSoftmaxCrossEntropy(...).mean()} gave gradients
 * B·T times too large; this test would catch that (and any other wrong derivative) — see
 * {@link #aGradientScaledByBTimesTIsRejected}.
 */
class GradientCheckTest {
    private static final int B = 3;
    private static final int T = 6;

    /** One value of the loss's gradient, as the graph computes it and as central differences estimate it. */
    record Entry(String param, long index, double analytic, double numeric, boolean kink) {
    }

    @Test
    void geluTiedNoBiasLearnedPositions() {
        check(new GptConfig(11, 8, 2, 2, 16, 8, 0.0, GptConfig.Activation.GELU,
                GptConfig.PositionalEncoding.LEARNED, true, false, GptConfig.NormPosition.PRE), 1e-2, 1);
    }

    @Test
    void geluUntiedWithBiasLearnedPositions() {
        check(new GptConfig(11, 8, 1, 2, 16, 8, 0.0, GptConfig.Activation.GELU,
                GptConfig.PositionalEncoding.LEARNED, false, true, GptConfig.NormPosition.PRE), 1e-2, 2);
    }

    @Test
    void reluUntiedWithBiasSinusoidalPositions() {
        // a smaller step, and entries whose one-sided slopes differ (a ReLU kink within ±eps) are left out
        check(new GptConfig(11, 8, 2, 2, 16, 8, 0.0, GptConfig.Activation.RELU,
                GptConfig.PositionalEncoding.SINUSOIDAL, false, true, GptConfig.NormPosition.PRE), 3e-3, 3);
    }

    @Test
    void reluTiedNoBiasLearnedPositions() {
        check(new GptConfig(11, 8, 1, 2, 16, 8, 0.0, GptConfig.Activation.RELU,
                GptConfig.PositionalEncoding.LEARNED, true, false, GptConfig.NormPosition.PRE), 3e-3, 4);
    }

    @Test
    void geluTanhUntiedWithBias() {
        check(new GptConfig(11, 8, 2, 2, 16, 8, 0.0, GptConfig.Activation.GELU_TANH,
                GptConfig.PositionalEncoding.LEARNED, false, true, GptConfig.NormPosition.PRE), 1e-2, 7);
    }

    @Test
    void geluTiedPostLayerNorm() {
        check(new GptConfig(11, 8, 2, 2, 16, 8, 0.0, GptConfig.Activation.GELU,
                GptConfig.PositionalEncoding.LEARNED, true, false, GptConfig.NormPosition.POST), 1e-2, 6);
    }

    @Test
    void geluUntiedWithBiasPostLayerNorm() {
        check(new GptConfig(11, 8, 1, 2, 16, 8, 0.0, GptConfig.Activation.GELU,
                GptConfig.PositionalEncoding.SINUSOIDAL, false, true, GptConfig.NormPosition.POST), 1e-2, 7);
    }

    @Test
    void aGradientScaledByBTimesTIsRejected() {
        GptConfig cfg = new GptConfig(11, 8, 1, 2, 16, 8, 0.0, GptConfig.Activation.GELU,
                GptConfig.PositionalEncoding.LEARNED, true, false, GptConfig.NormPosition.PRE);
        List<Entry> entries = entries(cfg, 1e-2, 5);
        int rejected = 0;
        int large = 0;
        for (Entry e : entries) {
            if (Math.abs(e.numeric()) > 1e-3) {
                large++;
                if (!agrees(e.analytic() * B * T, e.numeric())) {
                    rejected++;
                }
            }
        }
        assertTrue(large > 10, "too few sizeable gradients to judge: " + large);
        assertTrue(rejected == large, "a B·T-times gradient passed the check in " + (large - rejected) + " of " + large);
    }

    private static void check(GptConfig cfg, double eps, long seed) {
        List<Entry> entries = entries(cfg, eps, seed);
        var failures = new StringBuilder();
        var sizeable = new HashMap<String, Boolean>();
        int kinks = 0;
        for (Entry e : entries) {
            if (e.kink()) {
                kinks++;
                continue;
            }
            if (!agrees(e.analytic(), e.numeric())) {
                failures.append(String.format("%n  %s[%d]: graph %.6g, central difference %.6g",
                        e.param(), e.index(), e.analytic(), e.numeric()));
            }
            sizeable.merge(e.param(), Math.abs(e.numeric()) > 1e-4, Boolean::logicalOr);
        }
        assertTrue(kinks <= entries.size() / 4, kinks + " of " + entries.size() + " entries straddle a ReLU kink");
        if (!failures.isEmpty()) {
            fail(cfg + ": gradients disagree with finite differences:" + failures);
        }
        sizeable.forEach((param, big) -> assertTrue(big, param + ": no checked entry had a gradient > 1e-4"));
    }

    /** Both derivatives agree within 2e-4 absolute plus 3 % of the larger one. */
    static boolean agrees(double analytic, double numeric) {
        return Math.abs(analytic - numeric) <= 2e-4 + 0.03 * Math.max(Math.abs(analytic), Math.abs(numeric));
    }

    /**
     * For every parameter: its three largest-gradient entries and two random ones, each with the graph's gradient and
     * the central difference (L(w + eps) - L(w - eps)) / 2eps computed with the same graph's forward pass.
     */
    private static List<Entry> entries(GptConfig cfg, double eps, long seed) {
        Map<String, INDArray> weights = randomWeights(cfg, seed);
        GptGraph graph = GptGraph.build(cfg, T, true, weights);
        var random = new SplittableRandom(seed);
        int[][] idx = new int[B][T];
        int[][] labels = new int[B][T];
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                idx[b][t] = random.nextInt(cfg.vocabSize());
                labels[b][t] = random.nextInt(cfg.vocabSize());
            }
        }
        idx[0][1] = idx[0][4]; // a repeated token: its embedding gradient must accumulate
        Map<String, INDArray> ph = Map.of(GptGraph.IDX, Nd4j.createFromArray(idx),       // [B, T]
                GptGraph.LABELS, Nd4j.createFromArray(labels));                          // [B, T]
        var out = graph.sameDiff().calculateGradientsAndOutputs(ph, List.of(GptGraph.LOSS), graph.paramNames());
        var grads = new HashMap<String, INDArray>();
        out.getGradients().forEach((k, g) -> grads.put(k, g.dup()));

        var entries = new ArrayList<Entry>();
        for (String name : graph.paramNames()) {
            INDArray w = graph.param(name);
            INDArray g = grads.get(name);
            assertTrue(g != null, "no gradient for " + name);
            long n = w.length();
            // the three largest gradients (a ReLU kink may hide one) and two random entries
            for (long i : largest(g.reshape(n), 3, random.nextLong(n), random.nextLong(n))) {
                double original = w.getDouble(i);
                double centre = loss(graph, ph);
                w.putScalar(i, original + eps);
                double plus = loss(graph, ph);
                w.putScalar(i, original - eps);
                double minus = loss(graph, ph);
                w.putScalar(i, original);
                double numeric = (plus - minus) / (2 * eps);
                // one-sided slopes that disagree mean a ReLU kink inside the step: no derivative to compare with; so
                // does a central difference that changes when the step is halved
                double forward = (plus - centre) / eps;
                double backward = (centre - minus) / eps;
                boolean kink = false;
                if (cfg.activation() == GptConfig.Activation.RELU) {
                    w.putScalar(i, original + eps / 2);
                    double halfPlus = loss(graph, ph);
                    w.putScalar(i, original - eps / 2);
                    double halfMinus = loss(graph, ph);
                    w.putScalar(i, original);
                    // slopes on either side that differ by more than the comparison tolerates: a kink inside the step
                    kink = !agrees(forward, backward) || !agrees(numeric, (halfPlus - halfMinus) / eps);
                }
                entries.add(new Entry(name, i, g.reshape(n).getDouble(i), numeric, kink));
            }
        }
        return entries;
    }

    /** The indices of the {@code k} largest |values|, then {@code extra}, without repeats. */
    private static long[] largest(INDArray flat, int k, long... extra) {
        double[] v = flat.toDoubleVector();
        var order = new ArrayList<Long>();
        for (long i = 0; i < v.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(Math.abs(v[(int) (long) b]), Math.abs(v[(int) (long) a])));
        var out = new java.util.LinkedHashSet<Long>(order.subList(0, Math.min(k, order.size())));
        for (long e : extra) {
            out.add(e);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static double loss(GptGraph graph, Map<String, INDArray> ph) {
        return graph.sameDiff().output(ph, GptGraph.LOSS).get(GptGraph.LOSS).getDouble(0);
    }

    /** The initial weights plus uniform noise of ±0.4, so that every path carries a sizeable gradient. */
    private static Map<String, INDArray> randomWeights(GptConfig cfg, long seed) {
        var random = new SplittableRandom(seed * 7919);
        var out = new HashMap<String, INDArray>();
        GptInit.initialWeights(cfg, seed).forEach((name, w) -> {
            INDArray copy = w.dup();
            for (long i = 0; i < copy.length(); i++) {
                copy.putScalar(i, copy.getDouble(i) + (random.nextDouble() - 0.5) * 0.8);
            }
            out.put(name, copy);
        });
        return out;
    }
}
