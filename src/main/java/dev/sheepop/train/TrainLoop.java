package dev.sheepop.train;

import dev.sheepop.checkpoint.CheckpointMeta;
import dev.sheepop.checkpoint.CheckpointStore;
import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.checkpoint.TrainingState;
import dev.sheepop.config.RunConfig;
import dev.sheepop.data.Batch;
import dev.sheepop.data.Batches;
import dev.sheepop.data.TrainingData;
import dev.sheepop.insight.BaselineFloors;
import dev.sheepop.model.Backend;
import dev.sheepop.model.GptGraph;
import dev.sheepop.model.GptInit;
import dev.sheepop.model.ParamNames;
import dev.sheepop.model.StepMemory;
import dev.sheepop.model.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run of the training loop (state and steps); {@link Trainer} is its thread-safe face. */
final class TrainLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainLoop.class);
    static final String AMP_CPU = "mixed precision needs the CUDA backend: training in FP32";
    static final String AMP_ON = "mixed precision: FP16 matmuls, FP32 master weights, dynamic loss scaling";
    /** Test switch: MIXED precision for use_amp runs on the CPU too (correct but slow; see {@link MixedPrecisionStep}). */
    static volatile boolean forceMixedForTests;
    /** Test switch: the initial loss scale of fresh MIXED runs. */
    static volatile double initialLossScaleForTests = LossScaler.INITIAL_SCALE;

    private final Trainer trainer;
    private final RunConfig config;
    private final TrainingData data;
    private final Path runDir;
    private final TrainingListener listener;
    private final Checkpoints.Resumable from;
    private final Object lock;
    private final int seqLen;
    private final int accum;
    private final Batches trainBatches;
    private final Batches valBatches;
    private final int stepsPerEpoch;
    private final long totalSteps;
    private final LrSchedule schedule;
    private final MetricsLog metrics;
    private final CheckpointStore store;
    private final double charsPerToken;
    private GptGraph graph;
    private GptGraph evalGraph;
    /**
     * The training session's arrays, reused step after step (installed after the first step; see {@link StepMemory}).
     * Before it, SameDiff allocated a step's 156 MB of intermediates afresh and ND4J freed them only when the Java GC
     * collected their wrappers, so the loop had to call System.gc() every few steps and memory still grew.
     */
    private StepMemory stepMemory;
    /**
     * Every op still leaves small Java objects that own native buffers (shape information, op contexts), freed when
     * the objects are collected. With two training threads some reach G1's old generation, which it collects only when
     * the heap fills (6 GB by default here): the process grew from 818 MB at step 200 to 1,046 MB at step 2000. A full
     * collection every this many steps (≈ 40 ms; the CLI launcher keeps System.gc() a full collection) held it at
     * 773 → 780 MB; concurrent cycles (the workbench's -XX:+ExplicitGCInvokesConcurrent) did not (docs/performance.md).
     */
    static final int GC_EVERY_STEPS = Integer.getInteger("sheepop.gcEverySteps", 100);
    /** Data-parallel copies of the graph on further threads (null with one worker; see {@link ParallelReplicas}). */
    private ParallelReplicas replicas;
    private Map<String, INDArray> params;
    private AdamW optimizer;
    private LossScaler scaler;
    private MixedPrecisionStep amp;   // null in FP32
    private double bestMetric = Double.POSITIVE_INFINITY;
    private long tokensSeen;
    private double elapsedBefore;
    private Path lastCheckpoint;
    private Path bestCheckpoint;
    private long lastSavedStep = -1;
    private double lastTrainLoss = Double.NaN;
    private double lastValLoss = Double.NaN;
    private BaselineFloors floors;

    TrainLoop(Trainer trainer, RunConfig config, TrainingData data, Path runDir, TrainingListener listener,
              Checkpoints.Resumable from, Object lock) {
        this.trainer = trainer;
        this.config = config;
        this.data = data;
        this.runDir = runDir;
        this.listener = listener;
        this.from = from;
        this.lock = lock;
        var tc = config.training();
        var dc = config.data();
        this.seqLen = dc.maxLength();
        this.accum = tc.gradientAccumulationSteps();
        this.trainBatches = new Batches(data.train(), seqLen, tc.batchSize(), dc.sampling(), dc.stride(), config.seed());
        this.valBatches = data.hasValidation(seqLen)
                ? new Batches(data.val(), seqLen, tc.batchSize(), dc.sampling(), dc.stride(), config.seed()) : null;
        this.stepsPerEpoch = trainBatches.stepsPerEpoch(accum);
        this.totalSteps = tc.maxSteps() > 0 ? tc.maxSteps() : (long) tc.maxEpochs() * stepsPerEpoch;
        this.schedule = new LrSchedule(tc.learningRate(), tc.minLr(), tc.warmupSteps(),
                tc.lrDecaySteps() > 0 ? tc.lrDecaySteps() : totalSteps);
        this.metrics = new MetricsLog(runDir.resolve(Checkpoints.METRICS));
        this.store = new CheckpointStore(runDir, tc.keepCheckpoints());
        this.charsPerToken = data.charsPerToken();
    }

    Map<String, INDArray> params() {
        return params;
    }

    TrainResult run(Instant started) throws IOException {
        var model = config.model();
        long step = 0;
        Map<String, INDArray> weights;
        if (from == null) {
            weights = GptInit.initialWeights(model, config.seed());
            Files.deleteIfExists(metrics.file());
        } else {
            var state = from.state();
            step = state.step();
            weights = new LinkedHashMap<>();
            from.checkpoint().weights().forEach((k, v) -> weights.put(k, v.castTo(DataType.FLOAT).dup('c')));
            bestMetric = state.bestValLoss() == null ? Double.POSITIVE_INFINITY : state.bestValLoss();
            tokensSeen = state.tokensSeen();
            elapsedBefore = state.elapsedSeconds();
            Path saved = from.checkpoint().dir().resolve(Checkpoints.METRICS);
            if (Files.exists(saved) && !from.weightsOnly()) {
                Files.copy(saved, metrics.file(), StandardCopyOption.REPLACE_EXISTING);
            } else if (from.weightsOnly()) {
                Files.deleteIfExists(metrics.file());
            }
            lastCheckpoint = from.checkpoint().dir();
            lastSavedStep = runDir.toAbsolutePath().normalize().equals(from.runDir()) ? step : -1;
        }
        if (from != null && step >= totalSteps) {           // nothing left to train: say so, build no model
            var result = new TrainResult(TrainResult.Status.ALREADY_DONE, step, finite0(from.checkpoint().meta().trainLoss()),
                    Double.isFinite(bestMetric) ? bestMetric : Double.NaN, from.checkpoint().dir(), null, Duration.ZERO,
                    "this run already finished at step " + step + " of " + totalSteps + ": to train further, resume with more steps"
                            + " (sheepop train --resume RUN --max-steps " + (step + Math.max(100, step / 2)) + ")");
            listener.onEvent(new TrainingEvent.Finished(result));
            return result;
        }
        var tc = config.training();
        boolean mixed = tc.useAmp() && (Backend.isCuda() || forceMixedForTests);
        Precision precision = mixed ? Precision.MIXED : Precision.FP32;
        graph = GptGraph.build(model, seqLen, true, weights, precision);
        params = new LinkedHashMap<>();
        for (String name : graph.paramNames()) {
            params.put(name, graph.param(name));
        }
        evalGraph = model.dropout() > 0 ? GptGraph.build(model, seqLen, false, copy(params), precision) : graph;
        int workers = Math.min(trainer.workers() != Trainer.AUTO ? trainer.workers() : Trainer.workersFor(config), tc.batchSize());
        replicas = workers > 1 ? new ParallelReplicas(graph, model, seqLen, precision, workers) : null;
        optimizer = new AdamW(tc.beta1(), tc.beta2(), tc.weightDecay(), ParamNames.decayed(model));
        scaler = mixed ? new LossScaler(initialLossScaleForTests, 0, 2000) : LossScaler.standard();
        if (from != null && !from.weightsOnly()) {
            optimizer.restore(from.optimizer(), from.state().optimizerSteps());
            scaler = new LossScaler(from.state().lossScale(), from.state().lossScaleGoodSteps(), 2000);
        }
        amp = mixed ? new MixedPrecisionStep(scaler) : null;
        floors = BaselineFloors.cached(data);
        listener.onEvent(new TrainingEvent.Started(runDir, step, totalSteps, stepsPerEpoch, model.parameterCount(),
                Backend.describe() + (replicas != null ? ", " + replicas.size() + " training threads (data-parallel)" : ""), config,
                data.summary(), floors));
        if (tc.useAmp()) {
            listener.onEvent(new TrainingEvent.Notice(mixed ? AMP_ON + " (initial scale " + scaler.scale() + ")" : AMP_CPU));
        }
        try {
            return loop(step, started);
        } finally {   // free the sessions' native arrays now, not whenever a GC finds them (the workbench runs again)
            if (replicas != null) {
                replicas.close();
            }
            if (stepMemory != null) {
                stepMemory.close();
            }
            if (evalGraph != graph) {
                evalGraph.useStepMemory().close();
            }
        }
    }

    private TrainResult loop(long step, Instant started) throws IOException {
        long tokensPerStep = (long) config.training().batchSize() * seqLen * accum;
        long windowNanos = 0;   // tokens/s counts the steps' own time: not pauses, evaluations or checkpoints
        long windowSteps = 0;
        long loopStart = System.nanoTime();   // the ETA's pace: from here (not the set-up), pauses left out
        long pausedNanos = 0;
        double lossSinceEval = 0;
        int stepsSinceEval = 0;
        long startStep = step;
        while (step < totalSteps) {
            long waitStart = System.nanoTime();
            if (!waitWhilePaused()) {
                break;
            }
            long stepStart = System.nanoTime();
            pausedNanos += stepStart - waitStart;
            double lr = schedule.at(step);
            double loss;
            double gradNorm;
            boolean skipped = false;
            synchronized (lock) {
                var grads = new LinkedHashMap<String, INDArray>();
                boolean gradsOwned = true;
                loss = 0;
                for (int micro = 0; micro < accum; micro++) {
                    Batch batch = trainBatches.batch(step, micro, accum, stepsPerEpoch);
                    var inputs = new java.util.HashMap<String, INDArray>();
                    inputs.put(GptGraph.IDX, batch.inputArray());
                    inputs.put(GptGraph.LABELS, batch.labelArray());
                    if (amp != null) {
                        amp.feed(inputs);
                    }
                    if (config.model().dropout() > 0) {   // masks from (seed, step, micro): reproducible, resumable
                        inputs.putAll(graph.dropoutMasks(batch.size(),
                                new java.util.SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + step * 1024 + micro)));
                    }
                    boolean reused = stepMemory != null;   // the session's arrays are the step memory's: never close them
                    if (reused) {
                        stepMemory.recycle();              // the previous micro-step's outputs and gradients die here
                    }
                    var out = replicas != null && batch.size() > 1 ? replicas.calculate(inputs, batch.size())
                            : graph.sameDiff().calculateGradientsAndOutputs(inputs, List.of(GptGraph.LOSS), graph.paramNames());
                    inputs.values().forEach(TrainLoop::release);
                    loss += out.getOutputs().get(GptGraph.LOSS).getDouble(0) / accum;
                    for (var e : out.getGradients().entrySet()) {
                        INDArray acc = grads.get(e.getKey());
                        if (acc == null) {
                            grads.put(e.getKey(), accum == 1 ? e.getValue() : e.getValue().dup());
                        } else {
                            acc.addi(e.getValue());
                        }
                        if (accum > 1 && !reused) {
                            release(e.getValue());
                        }
                    }
                    if (!reused) {
                        out.getOutputs().values().forEach(TrainLoop::release);
                    }
                    gradsOwned = accum > 1 || !reused;
                }
                // MIXED: gradients unscaled; on FP16 overflow the optimizer step is skipped and the scale halved
                skipped = amp != null && amp.unscale(grads, loss) == MixedPrecisionStep.Outcome.SKIP;
                if (!skipped && !Double.isFinite(loss)) {
                    return failNaN(step + 1, loss, started);
                }
                if (accum > 1) {
                    grads.values().forEach(g -> g.divi(accum));
                }
                gradNorm = skipped ? Double.NaN : Gradients.clip(grads, config.training().maxGradNorm());
                if (!skipped && !Double.isFinite(gradNorm)) {
                    return failNaN(step + 1, gradNorm, started);
                }
                if (!skipped) {
                    optimizer.step(params, grads, lr);
                }
                if (gradsOwned) {
                    grads.values().forEach(TrainLoop::release);
                }
            }
            step++;
            if (skipped) {
                listener.onEvent(new TrainingEvent.Notice("step " + step + ": FP16 gradient overflow, optimizer step skipped, loss scale now "
                        + scaler.scale()));
            }
            if (stepMemory == null) {   // SameDiff creates the thread's sessions in the first step
                stepMemory = graph.useStepMemory();
                if (replicas != null) {
                    replicas.afterFirstStep();
                }
                System.gc();            // the first step's arrays were not the step memory's
            } else if (step % GC_EVERY_STEPS == 0) {
                System.gc();
            }
            tokensSeen += tokensPerStep;
            windowSteps++;
            if (Double.isFinite(loss)) {   // a skipped MIXED step may have overflowed in the forward pass
                lossSinceEval += loss;
                stepsSinceEval++;
            }
            lastTrainLoss = loss;
            windowNanos += System.nanoTime() - stepStart;
            double tokensPerSec = windowSteps * tokensPerStep / Math.max(1e-9, windowNanos / 1e9);
            if (windowSteps >= 20) {
                windowNanos = 0;
                windowSteps = 0;
            }
            Duration elapsed = elapsed(started);
            double perStep = (System.nanoTime() - loopStart - pausedNanos) / 1e9 / Math.max(1, step - startStep);
            var event = new TrainingEvent.Step(step, totalSteps, epochOf(step), loss, lr, gradNorm, tokensPerSec, elapsed,
                    Duration.ofMillis((long) (perStep * (totalSteps - step) * 1000)), Memory.inUse());
            listener.onEvent(event);
            if (step % config.training().logInterval() == 0 || step == totalSteps || step == startStep + 1) {
                metrics.step(event);
            }
            boolean evalNow = step % config.training().evalInterval() == 0 || step == totalSteps;
            if (evalNow) {
                evaluate(step, lossSinceEval / stepsSinceEval, started);
                lossSinceEval = 0;
                stepsSinceEval = 0;
            }
            int interval = config.training().checkpointInterval();
            if (interval > 0 && step % interval == 0) {
                save(step, "interval", started);
            } else if (step % stepsPerEpoch == 0 && step < totalSteps) {
                save(step, "epoch", started);
            }
            if (trainer.stopRequested()) {
                break;
            }
        }
        boolean completed = step >= totalSteps;
        if (step != lastSavedStep) {
            save(step, completed ? "final" : "stop", started);
        }
        writePlots();
        var result = new TrainResult(completed ? TrainResult.Status.COMPLETED : TrainResult.Status.STOPPED, step,
                lastTrainLoss, Double.isFinite(bestMetric) ? bestMetric : Double.NaN, lastCheckpoint, bestCheckpoint,
                elapsed(started), completed ? "completed " + step + " steps" : "stopped at step " + step,
                Double.isFinite(bestMetric) ? floors.standing(bestMetric, data.charsPerToken()) : "");
        listener.onEvent(new TrainingEvent.Finished(result));
        return result;
    }

    private boolean waitWhilePaused() {
        synchronized (lock) {
            while (trainer.paused() && !trainer.stopRequested()) {
                try {
                    lock.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !trainer.stopRequested() || false;
    }

    private void evaluate(long step, double trainLoss, Instant started) throws IOException {
        double val = Double.NaN;
        if (valBatches != null) {
            if (evalGraph != graph) {
                params.forEach((k, v) -> evalGraph.param(k).assign(v));
            }
            double sum = 0;
            int n = config.training().evalIters();
            for (int i = 0; i < n; i++) {
                Batch b = valBatches.evalBatch(i);
                StepMemory memory = evalGraph.useStepMemory();   // no-op until the first evaluation made the session
                memory.recycle();
                Map<String, INDArray> inputs = Map.of(GptGraph.IDX, b.inputArray(), GptGraph.LABELS, b.labelArray());
                sum += replicas != null && evalGraph == graph && b.size() > 1 ? replicas.loss(inputs, b.size())   // both cores
                        : evalGraph.sameDiff().output(inputs, GptGraph.LOSS).get(GptGraph.LOSS).getDouble(0);
                inputs.values().forEach(TrainLoop::release);
            }
            evalGraph.useStepMemory();
            val = sum / n;
        }
        lastValLoss = val;
        double basis = Double.isFinite(val) ? val : trainLoss;
        var event = new TrainingEvent.Eval(step, trainLoss, val, Math.exp(basis), basis / Math.log(2) / charsPerToken);
        listener.onEvent(event);
        metrics.eval(event, epochOf(step));
        if (basis < bestMetric) {
            bestMetric = basis;
            bestCheckpoint = write(step, "best", true, started);
        }
    }

    private void save(long step, String kind, Instant started) throws IOException {
        lastCheckpoint = write(step, kind, false, started);
        lastSavedStep = step;
    }

    private Path write(long step, String kind, boolean best, Instant started) throws IOException {
        var meta = new CheckpointMeta(CheckpointMeta.FORMAT_VERSION, kind, step, epochOf(step), finite(lastTrainLoss),
                finite(lastValLoss), finite(bestMetric), Instant.now().toString(), data.tokenizer().hash(), data.corpusHash(),
                config.model().parameterCount(), tokensSeen, data.charsPerToken(),
                finite(data.bitsPerChar(Double.isFinite(lastValLoss) ? lastValLoss : lastTrainLoss)), floors);
        var state = new TrainingState(step, epochOf(step), optimizer.steps(), scaler.scale(), scaler.goodSteps(),
                finite(bestMetric), tokensSeen, elapsed(started).toMillis() / 1000.0, config.seed());
        Map<String, INDArray> weights;
        Map<String, INDArray> optState;
        synchronized (lock) {
            weights = copy(params);
            optState = optimizer.state();
        }
        Path dir = store.write(meta, new CheckpointStore.Contents(config, data.tokenizer(), weights, optState, state,
                metrics.file()), best);
        listener.onEvent(new TrainingEvent.Checkpointed(dir, kind, step));
        return dir;
    }

    private TrainResult failNaN(long step, double value, Instant started) {
        String message = "Loss became " + (Double.isNaN(value) ? "NaN" : "infinite") + " at step " + step
                + ": training stopped" + (lastCheckpoint != null ? "; the last good checkpoint is " + lastCheckpoint : "")
                + " (try a lower learning_rate or max_grad_norm)";
        LOG.warn(message);
        writePlots();
        listener.onEvent(new TrainingEvent.Failed(message, step));
        return new TrainResult(TrainResult.Status.FAILED, step - 1, value, Double.isFinite(bestMetric) ? bestMetric : Double.NaN,
                lastCheckpoint, bestCheckpoint, elapsed(started), message);
    }

    private void writePlots() {
        try {
            Plots.write(metrics.file(), runDir, floors);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write plots in {}: {}", runDir, e.toString());
        }
    }

    private int epochOf(long step) {
        return (int) (Math.max(0, step - 1) / stepsPerEpoch);
    }

    private Duration elapsed(Instant started) {
        return Duration.between(started, Instant.now()).plusMillis((long) (elapsedBefore * 1000));
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> arrays) {
        var copy = new LinkedHashMap<String, INDArray>();
        arrays.forEach((k, v) -> copy.put(k, v.dup()));
        return copy;
    }

    /** Frees an array's native memory now instead of whenever the GC finds its wrapper. */
    static void release(INDArray array) {
        if (array != null && array.closeable()) {
            array.close();
        }
    }

    private static double finite0(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
