package dev.sheepop.train;

import dev.sheepop.checkpoint.CheckpointMeta;
import dev.sheepop.checkpoint.CheckpointStore;
import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.checkpoint.TrainingState;
import dev.sheepop.common.RunLayout;
import dev.sheepop.config.RunConfig;
import dev.sheepop.data.Batch;
import dev.sheepop.data.Batches;
import dev.sheepop.data.TrainingData;
import dev.sheepop.insight.BaselineFloors;
import dev.sheepop.model.Backend;
import dev.sheepop.model.GptGraph;
import dev.sheepop.model.GptInit;
import dev.sheepop.model.ParamNames;
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
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One run of training: sets up the model, optimizer and precision (fresh or from a checkpoint), then steps until the
 * end, a stop request or a failure, evaluating, logging and checkpointing on the way. {@link Trainer} is its
 * thread-safe face; the loop knows only the {@link RunControl} it is given.
 */
final class TrainLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainLoop.class);
    static final String AMP_CPU = "mixed precision needs the CUDA backend: training in FP32";
    static final String AMP_ON = "mixed precision: FP16 matmuls, FP32 master weights, dynamic loss scaling";

    private final RunConfig config;
    private final TrainingData data;
    private final Path runDir;
    private final TrainingListener listener;
    private final Checkpoints.Resumable from;
    private final RunControl control;
    private final int threads;
    private final Double mixedLossScale;
    private final LongSupplier clock;
    private final int seqLen;
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
    private TrainStep trainStep;
    private BatchLoss evaluator;
    private Map<String, INDArray> params;
    private AdamW optimizer;
    private LossScaler scaler;
    private double bestMetric = Double.POSITIVE_INFINITY;
    private long tokensSeen;
    private double elapsedBefore;
    private Path lastCheckpoint;
    private Path bestCheckpoint;
    private long lastSavedStep = -1;
    private double lastTrainLoss = Double.NaN;
    private double lastValLoss = Double.NaN;
    private BaselineFloors floors;

    /**
     * @param threads        data-parallel training threads (at most the batch size is used)
     * @param mixedLossScale null: mixed precision when use_amp is set and the backend is CUDA, from the standard
     *                       initial loss scale; a value: mixed precision from that scale even on the CPU (correct
     *                       but slow; see {@link MixedPrecisionStep})
     * @param clock          nanoseconds for the pace (tokens/s and time left): System::nanoTime
     */
    TrainLoop(RunConfig config, TrainingData data, Path runDir, TrainingListener listener, Checkpoints.Resumable from,
              RunControl control, int threads, Double mixedLossScale, LongSupplier clock) {
        this.config = config;
        this.data = data;
        this.runDir = runDir;
        this.listener = listener;
        this.from = from;
        this.control = control;
        this.threads = threads;
        this.mixedLossScale = mixedLossScale;
        this.clock = clock;
        var tc = config.training();
        var dc = config.data();
        this.seqLen = dc.maxLength();
        this.trainBatches = new Batches(data.train(), seqLen, tc.batchSize(), dc.sampling(), dc.stride(), config.seed());
        this.valBatches = data.hasValidation(seqLen)
                ? new Batches(data.val(), seqLen, tc.batchSize(), dc.sampling(), dc.stride(), config.seed()) : null;
        this.stepsPerEpoch = trainBatches.stepsPerEpoch(tc.gradientAccumulationSteps());
        this.totalSteps = tc.maxSteps() > 0 ? tc.maxSteps() : (long) tc.maxEpochs() * stepsPerEpoch;
        this.schedule = new LrSchedule(tc.learningRate(), tc.minLr(), tc.warmupSteps(),
                tc.lrDecaySteps() > 0 ? tc.lrDecaySteps() : totalSteps);
        this.metrics = new MetricsLog(runDir.resolve(RunLayout.METRICS));
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
            Path saved = from.checkpoint().dir().resolve(RunLayout.METRICS);
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
        boolean mixed = tc.useAmp() && (Backend.isCuda() || mixedLossScale != null);
        Precision precision = mixed ? Precision.MIXED : Precision.FP32;
        graph = GptGraph.build(model, seqLen, true, weights, precision);
        params = new LinkedHashMap<>();
        for (String name : graph.paramNames()) {
            params.put(name, graph.param(name));
        }
        evalGraph = model.dropout() > 0 ? GptGraph.build(model, seqLen, false, NativeArrays.copy(params), precision) : graph;
        int used = Math.min(threads, tc.batchSize());
        var replicas = used > 1 ? new ParallelReplicas(graph, model, seqLen, precision, used) : null;
        optimizer = new AdamW(tc.beta1(), tc.beta2(), tc.weightDecay(), ParamNames.decayed(model));
        scaler = mixed ? new LossScaler(mixedLossScale != null ? mixedLossScale : LossScaler.INITIAL_SCALE, 0, 2000)
                : LossScaler.standard();
        if (from != null && !from.weightsOnly()) {
            optimizer.restore(from.optimizer(), from.state().optimizerSteps());
            scaler = new LossScaler(from.state().lossScale(), from.state().lossScaleGoodSteps(), 2000);
        }
        trainStep = new TrainStep(config, graph, replicas, params, optimizer, mixed ? new MixedPrecisionStep(scaler) : null,
                trainBatches, stepsPerEpoch);
        evaluator = new BatchLoss(evalGraph, evalGraph == graph ? replicas : null);   // both cores when they share it
        floors = BaselineFloors.cached(data);
        listener.onEvent(new TrainingEvent.Started(runDir, step, totalSteps, stepsPerEpoch, model.parameterCount(),
                Backend.describe() + (replicas != null ? ", " + replicas.size() + " training threads (data-parallel)" : ""), config,
                data.summary(), floors));
        if (tc.useAmp()) {
            listener.onEvent(new TrainingEvent.Notice(mixed ? AMP_ON + " (initial scale " + scaler.scale() + ")" : AMP_CPU));
        }
        try {
            return loop(step, started);
        } finally {
            trainStep.close();
            if (evalGraph != graph) {
                evalGraph.useStepMemory().close();
            }
        }
    }

    private TrainResult loop(long step, Instant started) throws IOException {
        long tokensPerStep = (long) config.training().batchSize() * seqLen * config.training().gradientAccumulationSteps();
        var pace = new Pace(tokensPerStep, step, clock.getAsLong());
        double lossSinceEval = 0;
        int stepsSinceEval = 0;
        long startStep = step;
        while (step < totalSteps) {
            long waitStart = clock.getAsLong();
            if (!control.awaitNextStep()) {
                break;
            }
            long stepStart = clock.getAsLong();
            pace.paused(stepStart - waitStart);
            double lr = schedule.at(step);
            TrainStep.Outcome outcome;
            synchronized (control.lock()) {
                outcome = trainStep.take(step, lr);
            }
            if (outcome.failed()) {
                return failNaN(step + 1, Double.isFinite(outcome.loss()) ? outcome.gradNorm() : outcome.loss(), started);
            }
            step++;
            double loss = outcome.loss();
            if (outcome.skipped()) {
                listener.onEvent(new TrainingEvent.Notice("step " + step + ": FP16 gradient overflow, optimizer step skipped, loss scale now "
                        + scaler.scale()));
            }
            tokensSeen += tokensPerStep;
            if (Double.isFinite(loss)) {   // a skipped MIXED step may have overflowed in the forward pass
                lossSinceEval += loss;
                stepsSinceEval++;
            }
            lastTrainLoss = loss;
            pace.step(clock.getAsLong() - stepStart);
            var event = new TrainingEvent.Step(step, totalSteps, epochOf(step), loss, lr, outcome.gradNorm(), pace.tokensPerSec(),
                    elapsed(started), pace.remaining(step, totalSteps, clock.getAsLong()), Memory.inUse());
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
            if (control.stopRequested()) {
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
                sum += evaluator.loss(b.inputArray(), b.labelArray());
            }
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
        synchronized (control.lock()) {
            weights = NativeArrays.copy(params);
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



    private static double finite0(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
