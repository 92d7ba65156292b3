package dev.sheepop.app.train;

import dev.sheepop.app.fx.Coalescer;
import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.playground.ModelSlot;
import dev.sheepop.common.RunLayout;
import dev.sheepop.config.RunConfig;
import dev.sheepop.data.Corpus;
import dev.sheepop.data.TrainingData;
import dev.sheepop.tokenizer.Tokenizer;
import dev.sheepop.train.TrainResult;
import dev.sheepop.train.Trainer;
import dev.sheepop.train.TrainingEvent;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Train pane's state and run control over the core {@link Trainer}: the run goes on a background job,
 * its events arrive coalesced (≤ 4 batches/s) and become curve points ({@link Curve}, decimated), figures
 * ({@link TrainFigures}) and log lines. At each evaluation an {@link EvalSampler} generates a short sample.
 */
public final class TrainViewModel {
    private static final int MAX_LOG_LINES = 400;
    private java.time.Clock clock = java.time.Clock.systemDefaultZone();
    private final JobRunner jobs;
    private final Notifier notifier;
    private final Consumer<Runnable> ui;
    private final Path runsDir;
    private final ReadOnlyObjectWrapper<RunPhase> state = new ReadOnlyObjectWrapper<>(RunPhase.IDLE);
    /** The most points a chart curve shows; longer runs are averaged down to this (see {@link Curve}). */
    public static final int MAX_CURVE_POINTS = 500;
    private final Curve trainLoss = new Curve(MAX_CURVE_POINTS);
    private final Curve valLoss = new Curve(MAX_CURVE_POINTS);
    private final Curve learningRate = new Curve(MAX_CURVE_POINTS);
    private final ObservableList<String> log = javafx.collections.FXCollections.observableArrayList();
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);
    private final javafx.beans.property.ReadOnlyObjectWrapper<dev.sheepop.insight.BaselineFloors> floors =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final TrainFigures figures = new TrainFigures();
    private final EvalSampler sampler;
    private final ReadOnlyObjectWrapper<TrainResult> lastResult = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<dev.sheepop.checkpoint.CheckpointInfo> picked = new ReadOnlyObjectWrapper<>();
    private volatile Path currentRunDir;
    private Consumer<Path> onOpenCheckpoint = p -> { };
    private Consumer<Path> onCompareCheckpoint = p -> { };
    private Consumer<Path> onCheckpoint = p -> { };
    private Consumer<ModelSlot> onModel = m -> { };
    private volatile Trainer trainer;
    private volatile Tokenizer tokenizer;
    private volatile RunConfig runConfig;
    private Runnable afterFinish;

    public TrainViewModel(JobRunner jobs, Notifier notifier, Consumer<Runnable> ui, Path runsDir) {
        this.jobs = jobs;
        this.notifier = notifier;
        this.ui = ui;
        this.runsDir = runsDir;
        this.sampler = new EvalSampler(jobs);
    }

    /** Called (on the UI thread) for every checkpoint written, and with the model at the end of a run. */
    public void setListeners(Consumer<Path> checkpointWritten, Consumer<ModelSlot> modelReady) {
        this.onCheckpoint = checkpointWritten;
        this.onModel = modelReady;
    }

    /** What the Train pane does with a checkpoint picked on the curve: open it, or compare it with the Playground's model. */
    public void setCheckpointActions(Consumer<Path> open, Consumer<Path> compare) {
        this.onOpenCheckpoint = open;
        this.onCompareCheckpoint = compare;
    }

    /**
     * Picks the saved checkpoint of the current (or last) run nearest to {@code step}: a click on the loss curve. Nothing
     * when the run has saved none yet.
     */
    public void pickCheckpoint(long step) {
        Path run = currentRunDir;
        if (run == null) {
            return;
        }
        jobs.submit("Finding the checkpoint nearest to step " + step, h -> {
            if (!java.nio.file.Files.isDirectory(run.resolve(RunLayout.CHECKPOINTS))) {
                return null;
            }
            return dev.sheepop.checkpoint.Checkpoints.list(run).stream()
                    .filter(c -> !c.kind().equals(RunLayout.BEST))
                    .min(java.util.Comparator.comparingLong(c -> Math.abs(c.step() - step))).orElse(null);
        }, c -> {
            picked.set(c);
            if (c == null) {
                notifier.info("No checkpoint saved yet in this run");
            }
        }, notifier::error);
    }

    /** Opens the picked checkpoint in the Playground. */
    public void openPicked() {
        if (picked.get() != null) {
            onOpenCheckpoint.accept(picked.get().path());
        }
    }

    /** Opens the picked checkpoint beside the Playground's model (A/B, same prompt and seed). */
    public void comparePicked() {
        if (picked.get() != null) {
            onCompareCheckpoint.accept(picked.get().path());
        }
    }

    /** The checkpoint picked on the loss curve (null: none). */
    public ReadOnlyObjectProperty<dev.sheepop.checkpoint.CheckpointInfo> pickedProperty() {
        return picked.getReadOnlyProperty();
    }

    /** Starts a new run of {@code config} on the corpus (read on the background thread) in a new run folder. */
    public void start(RunConfig config, Supplier<Corpus> corpus) {
        if (state.get().active()) {
            notifier.error("A training run is already in progress");
            return;
        }
        Path runDir = dev.sheepop.checkpoint.RunFolders.create(runsDir, "run", clock);
        launch("Training " + runDir.getFileName(), (events, handle) -> {
            // a BPE tokenizer is learned here (progress in the status bar; Stop cancels it)
            TrainingData data = TrainingData.prepare(corpus.get(), config.tokenizer(), config.data().valFraction(),
                    (phase, fraction) -> handle.progress(fraction), handle::cancelled);
            tokenizer = data.tokenizer();
            return withThreads(new Trainer(config, data, runDir, events));
        });
    }

    private static Trainer withThreads(Trainer trainer) {
        int n = TrainThreads.training();
        return n == Trainer.AUTO ? trainer : trainer.threads(n);
    }

    /** Resumes a run from a checkpoint (or run folder) over the same corpus, with its own tokenizer. */
    public void resume(Path checkpoint, Supplier<Corpus> corpus) {
        if (state.get().active()) {
            notifier.error("A training run is already in progress");
            return;
        }
        launch("Resuming " + checkpoint.getFileName(), (events, handle) -> {
            var loaded = dev.sheepop.checkpoint.Checkpoints.load(checkpoint);
            TrainingData data = TrainingData.of(corpus.get(), loaded.tokenizer(), loaded.config().data().valFraction());
            tokenizer = data.tokenizer();
            return withThreads(Trainer.resume(checkpoint, data, events));
        });
    }

    private interface TrainerFactory {
        Trainer create(dev.sheepop.train.TrainingListener events, dev.sheepop.app.fx.Job.Handle handle) throws Exception;
    }

    private void launch(String name, TrainerFactory factory) {
        clear();
        tokenizer = null;
        state.set(RunPhase.STARTING);
        var events = new Coalescer<TrainingEvent>(250, ui, this::onEvents);
        jobs.submit(name, handle -> {
            TrainThreads.limit();
            TrainResult result = TrainThreads.runAtLowPriority(() -> {
                // events go to the UI coalesced; the step fraction also drives the status bar's progress bar
                Trainer t = factory.create(e -> {
                    events.offer(e);
                    if (e instanceof TrainingEvent.Step s && s.totalSteps() > 0) {
                        handle.progress((double) s.step() / s.totalSteps());
                    }
                }, handle);
                trainer = t;
                return t.run();
            });
            events.flush();
            return result;
        }, this::finished, e -> {
            events.flush();
            trainer = null;
            figures.failed();
            state.set(RunPhase.IDLE);
            appendLog("Failed: " + Notifier.oneLine(e));
            notifier.error(e);
            runAfterFinish();
        });
    }

    private void clear() {
        floors.set(null);
        trainLoss.clear();
        valLoss.clear();
        learningRate.clear();
        log.clear();
        sampler.clear();
        figures.clear();
    }

    void onEvents(List<TrainingEvent> batch) {
        var train = new ArrayList<CurvePoint>();
        var lr = new ArrayList<CurvePoint>();
        TrainingEvent.Step last = null;
        for (TrainingEvent e : batch) {
            if (e instanceof TrainingEvent.Started s) {
                runConfig = s.config();
                currentRunDir = s.runDir();
                picked.set(null);
                if (state.get() == RunPhase.STARTING) {
                    state.set(RunPhase.RUNNING);
                }
                appendLog(String.format("Started %s: %,d parameters, %d steps from step %d, backend %s",
                        s.runDir().getFileName(), s.parameterCount(), s.totalSteps(), s.startStep(), s.backend()));
                appendLog("Data: " + s.data());
                if (s.floors() != null) {
                    floors.set(s.floors());
                    appendLog("Floors: " + s.floors().describe());
                }
            } else if (e instanceof TrainingEvent.Step s) {
                train.add(new CurvePoint(s.step(), s.loss()));
                lr.add(new CurvePoint(s.step(), s.lr()));
                last = s;
            } else if (e instanceof TrainingEvent.Eval ev) {
                if (Double.isFinite(ev.valLoss())) {
                    valLoss.addAll(List.of(new CurvePoint(ev.step(), ev.valLoss())));
                }
                figures.show(ev);
                appendLog(String.format("step %d: train loss %.4f, val loss %.4f, %.3f bits/char", ev.step(), ev.trainLoss(),
                        ev.valLoss(), ev.bitsPerChar()));
                sampler.sampleNow(trainer, runConfig, tokenizer);
            } else if (e instanceof TrainingEvent.Checkpointed c) {
                appendLog("Checkpoint (" + c.kind() + ") at step " + c.step() + ": " + c.path());
                onCheckpoint.accept(c.path());
            } else if (e instanceof TrainingEvent.Notice n) {
                appendLog(n.message());
            } else if (e instanceof TrainingEvent.Finished f) {
                appendLog(f.result().status() == TrainResult.Status.ALREADY_DONE ? "Nothing to do: " + f.result().message()
                        : "Finished: " + f.result().status().name().toLowerCase() + " after " + f.result().steps() + " steps");
            } else if (e instanceof TrainingEvent.Failed f) {
                appendLog("Failed at step " + f.step() + ": " + f.message());
            }
        }
        trainLoss.addAll(train);
        learningRate.addAll(lr);
        if (last != null) {
            figures.show(last);
        }
    }

    private void finished(TrainResult result) {
        trainer = null;
        // the result first: whoever sees IDLE can read the result of the run that just ended
        lastResult.set(result);
        figures.finish(result);
        if (!result.standing().isEmpty()) {
            appendLog(String.format("Best validation loss %.4f: %s", result.bestValLoss(), result.standing()));
        }
        state.set(RunPhase.IDLE);
        if (result.status() == TrainResult.Status.ALREADY_DONE) {
            notifier.info("Nothing to do: " + result.message());
            runAfterFinish();
            return;
        }
        if (result.lastCheckpoint() != null) {
            onCheckpoint.accept(result.lastCheckpoint());
        }
        Path handed = result.bestCheckpoint() != null ? result.bestCheckpoint() : result.lastCheckpoint();
        if (handed != null) {
            // the run's best checkpoint (else its last), loaded off the UI thread: the same model the browser opens
            jobs.submit("Preparing the model", h -> ModelSlot.load(handed, null), onModel,
                    e -> appendLog("Cannot hand the model to the Playground: " + Notifier.oneLine(e)));
        }
        runAfterFinish();
    }

    private void runAfterFinish() {
        Runnable r = afterFinish;
        afterFinish = null;
        if (r != null) {
            r.run();
        }
    }

    public void pause() {
        Trainer t = trainer;
        if (t != null && state.get() == RunPhase.RUNNING) {
            t.pause();
            state.set(RunPhase.PAUSED);
            appendLog("Paused");
        }
    }

    public void resumeAfterPause() {
        Trainer t = trainer;
        if (t != null && state.get() == RunPhase.PAUSED) {
            t.resumeAfterPause();
            state.set(RunPhase.RUNNING);
            appendLog("Resumed");
        }
    }

    /** Stops after the current step; the trainer saves a checkpoint. */
    public void stop() {
        Trainer t = trainer;
        if (t != null && state.get().active() && state.get() != RunPhase.STOPPING) {
            state.set(RunPhase.STOPPING);
            appendLog("Stopping: saving a checkpoint…");
            t.requestStop();
        }
    }

    /** Stops (saving a checkpoint) and then runs {@code then} on the UI thread; at once when idle. */
    public void stopThen(Runnable then) {
        if (!state.get().active()) {
            then.run();
            return;
        }
        afterFinish = then;
        stop();
    }

    private void appendLog(String line) {
        log.add(line);
        if (log.size() > MAX_LOG_LINES) {
            log.remove(0, log.size() - MAX_LOG_LINES);
        }
    }

    public boolean isActive() {
        return state.get().active();
    }

    public ReadOnlyObjectProperty<RunPhase> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The train-loss points to draw (decimated beyond {@link #MAX_CURVE_POINTS}). */
    public ObservableList<CurvePoint> trainLoss() {
        return trainLoss.points();
    }

    public ObservableList<CurvePoint> valLoss() {
        return valLoss.points();
    }

    public ObservableList<CurvePoint> learningRate() {
        return learningRate.points();
    }

    public ObservableList<String> log() {
        return log;
    }

    /** The baseline floors of the run's data (null before a run starts). */
    public javafx.beans.property.ReadOnlyObjectProperty<dev.sheepop.insight.BaselineFloors> floorsProperty() {
        return floors.getReadOnlyProperty();
    }

    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    public TrainFigures figures() {
        return figures;
    }

    /** Where the evaluation samples' copies are looked for (the open dataset). */
    public void setRetrieval(dev.sheepop.app.insight.RetrievalSource retrieval) {
        sampler.setRetrieval(retrieval);
    }

    /** What the last sample copies from the corpus. */
    public ReadOnlyStringProperty sampleCopyingProperty() {
        return sampler.copyingProperty();
    }

    public ReadOnlyStringProperty sampleProperty() {
        return sampler.sampleProperty();
    }

    public ReadOnlyObjectProperty<TrainResult> lastResultProperty() {
        return lastResult.getReadOnlyProperty();
    }

    /** The clock that names run folders (tests set a fixed one). */
    void setClock(java.time.Clock clock) {
        this.clock = clock;
    }

    public Path runsDir() {
        return runsDir;
    }
}
