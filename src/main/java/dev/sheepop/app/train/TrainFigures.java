package dev.sheepop.app.train;

import dev.sheepop.train.TrainingEvent;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;

/** The Train pane's figures (step / total, loss, tokens/s, ETA, grad norm, memory, progress) from the last step. */
public final class TrainFigures {
    private static final String NONE = "—";
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper tokensPerSec = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper gradNorm = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper loss = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper valLoss = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyObjectWrapper<Double> progress = new ReadOnlyObjectWrapper<>(0.0);

    /** Shows the figures of {@code last} (the newest step of a batch of events). */
    void show(TrainingEvent.Step last) {
        step.set(last.step() + " / " + last.totalSteps());
        progress.set(last.totalSteps() > 0 ? (double) last.step() / last.totalSteps() : -1.0);
        tokensPerSec.set(String.format("%,.0f", last.tokensPerSec()));
        eta.set(format(last.eta()));
        gradNorm.set(String.format("%.3f", last.gradNorm()));
        memory.set((last.memoryBytes() >> 20) + " MB");
        loss.set(String.format("%.4f", last.loss()));
    }

    /** Shows the newest evaluation: validation loss and bits per character (comparable across tokenizers). */
    void show(TrainingEvent.Eval eval) {
        valLoss.set(Double.isFinite(eval.valLoss())
                ? String.format("%.4f  (%.3f bits/char)", eval.valLoss(), eval.bitsPerChar())
                : String.format("no validation text (train: %.3f bits/char)", eval.bitsPerChar()));
    }

    /**
     * The run ended: nothing moves any more, so the figures stop claiming it does. The ETA says how it ended, the rate
     * is cleared, and the progress bar is full when the run completed (where it stopped otherwise).
     */
    void finish(dev.sheepop.train.TrainResult result) {
        eta.set(switch (result.status()) {
            case COMPLETED -> "done";
            case STOPPED -> "stopped at step " + result.steps();
            case FAILED -> "failed";
            case ALREADY_DONE -> "nothing to do";
        });
        tokensPerSec.set(NONE);
        if (result.status() == dev.sheepop.train.TrainResult.Status.COMPLETED
                || result.status() == dev.sheepop.train.TrainResult.Status.ALREADY_DONE) {
            progress.set(1.0);
        }
    }

    /** The run failed before it could finish. */
    void failed() {
        eta.set("failed");
        tokensPerSec.set(NONE);
    }

    /** Back to the state before a run (the rate, ETA, grad norm and memory of the last run stay until replaced). */
    void clear() {
        progress.set(0.0);
        step.set(NONE);
        loss.set(NONE);
        valLoss.set(NONE);
        eta.set(NONE);
        tokensPerSec.set(NONE);
    }

    static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format("%dh %02dm", s / 3600, s % 3600 / 60)
                : String.format("%dm %02ds", s / 60, s % 60);
    }

    public ReadOnlyStringProperty stepTextProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tokensPerSecTextProperty() {
        return tokensPerSec.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaTextProperty() {
        return eta.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty gradNormTextProperty() {
        return gradNorm.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryTextProperty() {
        return memory.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lossTextProperty() {
        return loss.getReadOnlyProperty();
    }

    /** "1.8912  (2.728 bits/char)" after the first evaluation. */
    public ReadOnlyStringProperty valLossTextProperty() {
        return valLoss.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Double> progressProperty() {
        return progress.getReadOnlyProperty();
    }
}
