package dev.sheepop.train;

import dev.sheepop.common.Medians;
import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.config.RunConfig;
import dev.sheepop.data.Batch;
import dev.sheepop.data.Batches;
import dev.sheepop.data.TrainingData;
import dev.sheepop.model.GptGraph;
import dev.sheepop.model.GptInit;
import dev.sheepop.model.ParamNames;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures training speed on this machine: a real run through {@link Trainer} (median ms per step, evaluations and
 * checkpoints excluded), the machine's own 1024³ matmul speed in the same process, peak memory, and a
 * breakdown of one step (batch, forward, backward, clip + AdamW).
 */
public final class TrainBenchmark {
    private TrainBenchmark() {
    }

    public record Profile(double batchMs, double forwardMs, double backwardMs, double optimizerMs) {
    }

    public record Result(int steps, double medianStepMs, double tokensPerSec, double modelGflops, double matmulGflops,
                         long peakHeapBytes, long peakOffHeapBytes, long peakRssBytes, long peakRssAt200Bytes, double finalValLoss,
                         double finalTrainLoss, double wallSeconds, Profile profile, ValidationLoss.Estimate wholeValidation) {
        public double ratio() {
            return modelGflops / matmulGflops;
        }
    }

    /** Median GFLOP/s of an n×n×n FP32 matmul (after warm-up). */
    public static double matmulGflops(int n, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        a.mmuli(b, c);
        double[] times = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            a.mmuli(b, c);
            times[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(times);
        return 2.0 * n * n * n / times[reps / 2] / 1e9;
    }

    public static Result run(RunConfig config, TrainingData data, Path runDir, TrainingListener progress) {
        return run(config, data, runDir, progress, 20, false, Trainer.AUTO);
    }

    /**
     * As {@link #run(RunConfig, TrainingData, Path, TrainingListener)}, profiling {@code profileReps} steps afterwards;
     * {@code wholeValidation}: also evaluate the final weights on the whole validation split ({@link ValidationLoss});
     * {@code threads}: data-parallel training threads ({@link Trainer#threads(int)}, or {@link Trainer#AUTO}). The step profile is of one graph
     * on one thread.
     */
    public static Result run(RunConfig config, TrainingData data, Path runDir, TrainingListener progress, int profileReps,
                             boolean wholeValidation, int threads) {
        double matmul = matmulGflops(1024, 7);
        var stepMs = new ArrayList<Double>();
        long[] peaks = new long[4];   // heap, off-heap, RSS, RSS up to step 200
        double[] last = {Double.NaN, Double.NaN};
        long[] previous = {0};
        boolean[] interrupted = {false};
        TrainingListener listener = event -> {
            long now = System.nanoTime();
            if (event instanceof TrainingEvent.Step s) {
                if (previous[0] != 0 && !interrupted[0] && s.step() > 10) {
                    stepMs.add((now - previous[0]) / 1e6);
                }
                interrupted[0] = false;
                last[1] = s.loss();
                Runtime rt = Runtime.getRuntime();
                peaks[0] = Math.max(peaks[0], rt.totalMemory() - rt.freeMemory());
                peaks[1] = Math.max(peaks[1], Pointer.totalBytes());
                peaks[2] = Math.max(peaks[2], Memory.physical());
                if (s.step() <= 200) {
                    peaks[3] = peaks[2];
                }
            } else if (event instanceof TrainingEvent.Eval e) {
                last[0] = e.valLoss();
                interrupted[0] = true;
            } else if (event instanceof TrainingEvent.Checkpointed) {
                interrupted[0] = true;
            }
            progress.onEvent(event);
            previous[0] = System.nanoTime();
        };
        long t0 = System.nanoTime();
        var trainer = new Trainer(config, data, runDir, listener);
        if (threads != Trainer.AUTO) {
            trainer.threads(threads);
        }
        TrainResult result = trainer.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        RunConfig resolved = trainer.config();
        double median = Medians.of(stepMs);
        int t = resolved.data().maxLength();
        double tokensPerSec = (double) resolved.training().effectiveBatchSize() * t / (median / 1000.0);
        double gflops = resolved.model().trainingFlopsPerToken(t) * tokensPerSec / 1e9;
        Profile profile = profile(resolved, data, profileReps);
        ValidationLoss.Estimate whole = null;
        if (wholeValidation && result.lastCheckpoint() != null) {
            var weights = Checkpoints.load(result.lastCheckpoint()).weights();
            whole = ValidationLoss.wholeSplit(resolved.model(), t, resolved.training().batchSize(), resolved.training().evalIters(),
                    data.val(), weights);
        }
        return new Result(config.training().maxSteps(), median, tokensPerSec, gflops, matmul, peaks[0], peaks[1], peaks[2], peaks[3],
                last[0], last[1], wall, profile, whole);
    }

    /** Times the parts of a step separately on a fresh model (median of {@code reps} after warm-up). */
    public static Profile profile(RunConfig config, TrainingData data, int reps) {
        var model = config.model();
        int t = config.data().maxLength();
        var graph = GptGraph.build(model, t, true, GptInit.initialWeights(model, 1));
        var batches = new Batches(data.train(), t, config.training().batchSize(), config.data().sampling(),
                config.data().stride(), 1);
        var params = new LinkedHashMap<String, INDArray>();
        graph.paramNames().forEach(n -> params.put(n, graph.param(n)));
        var opt = new AdamW(0.9, 0.99, 0.1, ParamNames.decayed(model));
        double[][] ms = new double[4][reps];
        for (int i = -3; i < reps; i++) {
            if (i > -3) {
                graph.useStepMemory().recycle();   // as the trainer does: the previous step's arrays are reused
            }
            long a = System.nanoTime();
            Batch batch = batches.batch(i + 3, 0, 1, 1000);
            Map<String, INDArray> ph = Map.of(GptGraph.IDX, batch.inputArray(), GptGraph.LABELS, batch.labelArray());
            long b = System.nanoTime();
            graph.sameDiff().output(ph, GptGraph.LOSS);
            long c = System.nanoTime();
            var out = graph.sameDiff().calculateGradientsAndOutputs(ph, List.of(GptGraph.LOSS), graph.paramNames());
            long d = System.nanoTime();
            Gradients.clip(out.getGradients(), 1.0);
            opt.step(params, out.getGradients(), 1e-4);
            long e = System.nanoTime();
            if (i >= 0) {
                ms[0][i] = (b - a) / 1e6;
                ms[1][i] = (c - b) / 1e6;
                ms[2][i] = Math.max(0, (d - c) - (c - b)) / 1e6;
                ms[3][i] = (e - d) / 1e6;
            }
        }
        return new Profile(Medians.of(ms[0]), Medians.of(ms[1]), Medians.of(ms[2]), Medians.of(ms[3]));
    }
}
