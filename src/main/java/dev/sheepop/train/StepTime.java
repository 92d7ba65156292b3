package dev.sheepop.train;

import dev.sheepop.config.GptConfig;
import dev.sheepop.config.RunConfig;
import dev.sheepop.model.GptGraph;
import dev.sheepop.model.GptInit;
import dev.sheepop.model.ParamNames;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How long a training step takes on this machine: a fixed cost per layer (SameDiff's per-op overhead and the small
 * element-wise ops, which dominate small models) plus the model's FLOPs at the machine's speed. Both numbers are
 * measured here, by timing training steps of two small models on one thread (about two seconds), not assumed.
 * Data-parallel threads divide the FLOPs, not the per-layer cost. An estimate: large models (baby GPT) use the
 * matrix units better than the calibration models and train up to about 1.5× faster than it says.
 */
public record StepTime(double secondsPerLayer, double flopsPerSecond) {
    private static volatile StepTime measured;

    /** Seconds per optimizer step of {@code config} (vocabulary resolved) on {@code threads} training threads. */
    public double seconds(RunConfig config, int threads) {
        var m = config.model();
        int t = config.data().maxLength();
        double flops = m.trainingFlopsPerToken(t) * t * config.training().effectiveBatchSize();
        int micro = config.training().gradientAccumulationSteps();
        return micro * m.numLayers() * secondsPerLayer + flops / (flopsPerSecond * Math.max(1, threads));
    }

    /** This machine's figures, measured once per process (the first call takes about two seconds). */
    public static StepTime ofThisMachine() {
        StepTime s = measured;
        if (s == null) {
            synchronized (StepTime.class) {
                if (measured == null) {
                    measured = measure();
                }
                s = measured;
            }
        }
        return s;
    }

    /** The figures if they were measured already, else null (never blocks). */
    public static StepTime ifMeasured() {
        return measured;
    }

    /** Times two 2-layer models (tiny, and 128 wide with context 64) and solves for the two figures. */
    static StepTime measure() {
        GptConfig small = new GptConfig(100, 32, 2, 2, 64, 32, 0.0, GptConfig.Activation.GELU,
                GptConfig.PositionalEncoding.LEARNED, true, false, GptConfig.NormPosition.PRE);
        GptConfig wide = new GptConfig(100, 128, 2, 4, 512, 64, 0.0, GptConfig.Activation.GELU,
                GptConfig.PositionalEncoding.LEARNED, true, false, GptConfig.NormPosition.PRE);
        double fa = small.trainingFlopsPerToken(32) * 32 * 8;
        double fb = wide.trainingFlopsPerToken(64) * 64 * 12;
        double ta = secondsPerStep(small, 32, 8, 24);
        double tb = secondsPerStep(wide, 64, 12, 12);
        double perFlop = Math.max(1e-13, (tb - ta) / (fb - fa));
        double perLayer = Math.max(0, (ta - fa * perFlop) / small.numLayers());
        return new StepTime(perLayer, 1 / perFlop);
    }

    /** Median seconds of forward + backward + AdamW over the last {@code reps} of {@code reps + 6} steps, one thread. */
    private static double secondsPerStep(GptConfig model, int t, int b, int reps) {
        var graph = GptGraph.build(model, t, true, GptInit.initialWeights(model, 1));
        var params = new LinkedHashMap<String, INDArray>();
        graph.paramNames().forEach(n -> params.put(n, graph.param(n)));
        var optimizer = new AdamW(0.9, 0.99, 0.1, ParamNames.decayed(model));
        var random = new SplittableRandom(1);
        int[][] x = new int[b][t];
        int[][] y = new int[b][t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                x[i][j] = random.nextInt(model.vocabSize());
                y[i][j] = random.nextInt(model.vocabSize());
            }
        }
        Map<String, INDArray> inputs = Map.of(GptGraph.IDX, Nd4j.createFromArray(x), GptGraph.LABELS, Nd4j.createFromArray(y));
        double[] seconds = new double[reps];
        for (int i = -6; i < reps; i++) {
            if (i > -6) {
                graph.useStepMemory().recycle();
            }
            long t0 = System.nanoTime();
            var out = graph.sameDiff().calculateGradientsAndOutputs(inputs, List.of(GptGraph.LOSS), graph.paramNames());
            optimizer.step(params, out.getGradients(), 1e-4);
            if (i >= 0) {
                seconds[i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        graph.useStepMemory().close();
        Arrays.sort(seconds);
        return seconds[reps / 2];
    }
}
