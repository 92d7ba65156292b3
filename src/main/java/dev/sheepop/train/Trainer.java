package dev.sheepop.train;

import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.common.RunLayout;
import dev.sheepop.common.UserException;
import dev.sheepop.config.ConfigIO;
import dev.sheepop.config.RunConfig;
import dev.sheepop.config.TrainConfig;
import dev.sheepop.data.TrainingData;
import dev.sheepop.model.Backend;
import dev.sheepop.model.ParamNames;
import dev.sheepop.tokenizer.Tokenizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The training loop: batches → SameDiff gradients (accumulated over micro-batches) → global-norm clipping →
 * AdamW with the warmup/cosine schedule; evaluation, metrics, checkpoints, plots. {@link #run()} blocks; the
 * control methods ({@link #requestStop()}, {@link #pause()}, {@link #currentWeights()}) are safe from any thread.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final RunConfig config;
    private final TrainingData data;
    private final Path runDir;
    private final TrainingListener listener;
    private final Checkpoints.Resumable resumeFrom;
    private final RunControl control = new RunControl();
    private volatile TrainLoop loop;
    private volatile int threads = AUTO;
    private volatile Double mixedLossScale;
    private volatile LongSupplier clock = System::nanoTime;

    public Trainer(RunConfig config, TrainingData data, Path runDir, TrainingListener listener) {
        this(resolve(config, data.tokenizer()), data, runDir, listener, null);
    }

    private Trainer(RunConfig config, TrainingData data, Path runDir, TrainingListener listener, Checkpoints.Resumable from) {
        this.config = config;
        this.data = data;
        this.runDir = runDir;
        this.listener = safe(listener == null ? TrainingListener.NONE : listener);
        this.resumeFrom = from;
        int t = config.data().maxLength();
        if (data.train().length <= t) {
            throw new UserException("Training data too short: " + data.train().length + " training tokens, need more than max_length="
                    + t + " (data: " + data.source() + ")");
        }
    }

    /** A listener's exception is logged, never allowed to kill hours of training. */
    private static TrainingListener safe(TrainingListener listener) {
        return event -> {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("training listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
            }
        };
    }

    /** Continues a run from a checkpoint (or a run folder's last checkpoint), in the same run folder. */
    public static Trainer resume(Path checkpointOrRunDir, TrainingData data, TrainingListener listener) {
        return resume(checkpointOrRunDir, data, listener, UnaryOperator.identity());
    }

    /**
     * As {@link #resume(Path, TrainingData, TrainingListener)}, with the training settings adjusted (e.g. more
     * steps). {@code data} must be tokenized with the checkpoint's tokenizer ({@link Checkpoints#load}).
     */
    public static Trainer resume(Path checkpointOrRunDir, TrainingData data, TrainingListener listener,
                                 UnaryOperator<TrainConfig> adjust) {
        return resume(checkpointOrRunDir, data, listener, adjust, null);
    }

    /**
     * As above, writing to {@code runDir} (null: the checkpoint's own run folder). A checkpoint that is not inside
     * a run folder (e.g. sample-data/checkpoint) needs an explicit {@code runDir}.
     */
    public static Trainer resume(Path checkpointOrRunDir, TrainingData data, TrainingListener listener,
                                 UnaryOperator<TrainConfig> adjust, Path runDir) {
        Checkpoints.Resumable from = Checkpoints.loadResumable(checkpointOrRunDir);
        Path target = runDir != null ? runDir : from.runDir();
        if (target == null) {
            throw new UserException("Checkpoint " + from.checkpoint().dir() + " is not inside a run folder"
                    + " (<run>/checkpoints/<name>): give a run folder to write to (--out)");
        }
        var ckpt = from.checkpoint();
        if (!ckpt.tokenizer().hash().equals(data.tokenizer().hash())) {
            throw new UserException("Cannot resume from " + ckpt.dir() + ": the data's tokenizer (hash "
                    + data.tokenizer().hash().substring(0, 12) + ") does not match the checkpoint's (hash "
                    + ckpt.tokenizer().hash().substring(0, 12) + ")");
        }
        RunConfig config = ckpt.config().withTraining(adjust.apply(ckpt.config().training()));
        return new Trainer(config, data, target, listener, from);
    }

    /** Fills vocab_size from the tokenizer (0 = from the tokenizer); refuses a model smaller than the vocabulary. */
    public static RunConfig resolve(RunConfig config, Tokenizer tokenizer) {
        int v = config.model().vocabSize();
        if (v == 0) {
            return config.withModel(config.model().withVocabSize(tokenizer.vocabSize()));
        }
        if (v < tokenizer.vocabSize()) {
            throw new dev.sheepop.config.ConfigException("model.vocab_size", "must be 0 or >= the tokenizer's "
                    + tokenizer.vocabSize() + ", got " + v);
        }
        return config;
    }

    public RunConfig config() {
        return config;
    }

    public Path runDir() {
        return runDir;
    }

    /** {@link #threads(int)} unset: {@link #threadsFor} decides from the model and the machine. */
    public static final int AUTO = 0;
    /** Training FLOPs per micro-batch from which a second thread pays (see {@link #threadsFor}). */
    static final double PARALLEL_FLOPS = 1e9;

    /**
     * Data-parallel training threads for {@code config} (see {@code ParallelReplicas}): {@code -Dsheepop.train.threads=N}
     * if set, else 2 when the machine has 2 or more cores and a micro-batch costs at least 1 GFLOP of training
     * arithmetic, else 1. Each thread pays the whole per-op overhead of a step, so small models lose: on 2 cores the
     * reference (4.0 GFLOP per batch) went from 146 to 86 ms per step, the tiny preset (0.06 GFLOP) from 18,700 to
     * 10,500 tokens/s.
     */
    public static int threadsFor(RunConfig config) {
        Integer forced = Integer.getInteger("sheepop.train.threads");
        if (forced != null) {
            return Math.max(1, forced);
        }
        int t = config.data().maxLength();
        double flops = config.model().trainingFlopsPerToken(t) * t * config.training().batchSize();
        return Runtime.getRuntime().availableProcessors() >= 2 && flops >= PARALLEL_FLOPS ? 2 : 1;
    }

    /** Sets the number of data-parallel threads (at least 1) before {@link #run()}; returns this trainer. */
    public Trainer threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads: must be >= 1, got " + n);
        }
        this.threads = n;
        return this;
    }

    /** The threads set with {@link #threads(int)}, or {@link #AUTO}. */
    public int threads() {
        return threads;
    }

    /** Runs until max_steps / max_epochs, a stop request, or a failure. Call once. */
    public TrainResult run() {
        Instant started = Instant.now();
        long step = resumeFrom == null ? 0 : resumeFrom.state().step();
        try {
            Backend.select(config.device());
            Memory.check(config, threads != AUTO ? threads : threadsFor(config));
            Files.createDirectories(runDir);
            ConfigIO.write(config, runDir.resolve(RunLayout.CONFIG));
            loop = new TrainLoop(config, data, runDir, listener, resumeFrom, control,
                    threads != AUTO ? threads : threadsFor(config), mixedLossScale, clock);
            return loop.run(started);
        } catch (UserException e) {
            listener.onEvent(new TrainingEvent.Failed(e.getMessage(), step));
            throw e;
        } catch (IOException e) {
            String message = "Cannot write to run folder " + runDir + ": " + e.getMessage();
            listener.onEvent(new TrainingEvent.Failed(message, step));
            throw new UserException(message, e);
        } catch (UncheckedIOException e) {
            String message = "I/O error in " + runDir + ": " + e.getCause().getMessage();
            listener.onEvent(new TrainingEvent.Failed(message, step));
            throw new UserException(message, e);
        }
    }

    /** Asks the run to save a checkpoint and return after the current step. */
    public void requestStop() {
        control.requestStop();
    }

    public void pause() {
        control.pause();
    }

    public void resumeAfterPause() {
        control.resume();
    }

    public boolean isPaused() {
        return control.paused();
    }

    /** The nanosecond clock the run's pace (tokens/s, time left) is measured with; System::nanoTime by default. */
    Trainer clock(LongSupplier nanos) {
        this.clock = nanos;
        return this;
    }

    /**
     * Trains in mixed precision from {@code initialLossScale} whenever use_amp is set, on the CPU too (correct but
     * slow: ND4J's CPU backend computes FP16 matmuls in software). Without this call mixed precision needs CUDA.
     * A resumed run keeps its checkpoint's loss scale.
     */
    Trainer mixedPrecisionOnAnyBackend(double initialLossScale) {
        this.mixedLossScale = initialLossScale;
        return this;
    }

    /** A copy of the current weights (names as {@link ParamNames}); empty before the run has built its model. */
    public Map<String, INDArray> currentWeights() {
        TrainLoop l = loop;
        if (l == null) {
            return Map.of();
        }
        synchronized (control.lock()) {
            return NativeArrays.copy(l.params());
        }
    }

    /** The live parameter arrays (tests only). */
    Map<String, INDArray> liveWeights() {
        return loop == null ? Map.of() : loop.params();
    }
}
