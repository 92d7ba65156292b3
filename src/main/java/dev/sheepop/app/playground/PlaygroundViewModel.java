package dev.sheepop.app.playground;

import dev.sheepop.app.fx.Coalescer;
import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.generate.GenerationResult;
import dev.sheepop.generate.SamplingSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The Playground's state: the prompt and sampling settings, one or two models (side by side: same prompt
 * and seed on both), the streamed outputs, tokens/s and a history of prompts. Text arrives coalesced
 * (a few updates per second at most) so that a fast decoder never floods the FX thread.
 */
public final class PlaygroundViewModel {
    private final JobRunner jobs;
    private final Notifier notifier;
    private final Consumer<Runnable> ui;
    private final StringProperty prompt = new SimpleStringProperty("ROMEO:");
    private final DoubleProperty temperature = new SimpleDoubleProperty(0.8);
    private final IntegerProperty topK = new SimpleIntegerProperty(50);
    private final DoubleProperty topP = new SimpleDoubleProperty(0.95);
    private final DoubleProperty repetitionPenalty = new SimpleDoubleProperty(1.0);
    private final IntegerProperty maxLength = new SimpleIntegerProperty(300);
    private final LongProperty seed = new SimpleLongProperty(1337);
    private final BooleanProperty useCache = new SimpleBooleanProperty(true);
    private final BooleanProperty sideBySide = new SimpleBooleanProperty(false);
    private final ObservableList<ModelSlot> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelSlot> left = new SimpleObjectProperty<>();
    private final ObjectProperty<ModelSlot> right = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper leftOutput = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rightOutput = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper leftStats = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rightStats = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper cacheStats = new ReadOnlyStringWrapper("");
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final AtomicInteger active = new AtomicInteger();
    private AtomicBoolean cancel = new AtomicBoolean();

    public PlaygroundViewModel(JobRunner jobs, Notifier notifier, Consumer<Runnable> ui) {
        this.jobs = jobs;
        this.notifier = notifier;
        this.ui = ui;
    }

    /**
     * Adds a model (replacing the same checkpoint opened before, from whichever pane) and selects it on the left if
     * nothing is selected yet.
     */
    public void addModel(ModelSlot slot) {
        boolean wasLeft = left.get() != null && left.get().sameModelAs(slot);
        boolean wasRight = right.get() != null && right.get().sameModelAs(slot);
        models.removeIf(m -> m.sameModelAs(slot));
        models.add(0, slot);
        if (left.get() == null || wasLeft) {
            left.set(slot);
        }
        if (wasRight) {
            right.set(slot);
        }
    }

    /** Shows two models side by side (same prompt, same seed): {@code a} on the left, {@code b} on the right. */
    public void compare(ModelSlot a, ModelSlot b) {
        addModel(b);
        addModel(a);
        left.set(models.stream().filter(m -> m.sameModelAs(a)).findFirst().orElse(a));
        right.set(models.stream().filter(m -> m.sameModelAs(b)).findFirst().orElse(b));
        sideBySide.set(true);
    }

    /** The sampling settings from the fields; throws UserException naming the bad setting. */
    public SamplingSettings settings() {
        return new SamplingSettings(maxLength.get(), temperature.get(), topK.get(), topP.get(),
                repetitionPenalty.get(), seed.get(), List.of(), useCache.get());
    }

    /** Generates on the left model (and the right one when side by side). */
    public void generate() {
        if (running.get()) {
            return;
        }
        if (left.get() == null) {
            notifier.error("No model loaded: train one or open a checkpoint");
            return;
        }
        SamplingSettings settings;
        try {
            settings = settings();
        } catch (RuntimeException e) {
            notifier.error(e);
            return;
        }
        String text = prompt.get() == null ? "" : prompt.get();
        history.remove(text);
        history.add(0, text);
        cancel = new AtomicBoolean();
        running.set(true);
        start(left.get(), text, settings, leftOutput, leftStats);
        if (sideBySide.get() && right.get() != null) {
            start(right.get(), text, settings, rightOutput, rightStats);
        } else {
            rightOutput.set("");
            rightStats.set("");
        }
    }

    private void start(ModelSlot slot, String text, SamplingSettings settings, ReadOnlyStringWrapper output,
                       ReadOnlyStringWrapper stats) {
        output.set("");
        stats.set("generating…");
        active.incrementAndGet();
        AtomicBoolean flag = cancel;
        var streamed = new StringBuilder();
        var pieces = new Coalescer<String>(100, ui, batch -> {
            batch.forEach(streamed::append);
            output.set(streamed.toString());
        });
        jobs.submit("Generating (" + slot.name() + ")", handle -> {
            GenerationResult r = slot.generator().generate(text, settings, pieces::offer, flag);
            pieces.flush();
            return r;
        }, r -> {
            stats.set(String.format("%d tokens · %.0f tokens/s · %s · prompt %d tokens%s", r.tokens().length,
                    r.tokensPerSecond(), r.stopReason().name().toLowerCase().replace('_', ' '), r.promptTokens(),
                    r.cachedPromptTokens() > 0 ? ", " + r.cachedPromptTokens() + " from the prompt cache" : ""));
            var cache = slot.generator().promptCache();
            cacheStats.set(cache == null ? "" : "Prompt cache (" + slot.name() + "): " + cache.stats().describe());
            done();
        }, e -> {
            stats.set("failed");
            notifier.error(e);
            done();
        });
    }

    private void done() {
        if (active.decrementAndGet() <= 0) {
            active.set(0);
            running.set(false);
        }
    }

    public void stop() {
        cancel.set(true);
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public DoubleProperty topPProperty() {
        return topP;
    }

    public DoubleProperty repetitionPenaltyProperty() {
        return repetitionPenalty;
    }

    public IntegerProperty maxLengthProperty() {
        return maxLength;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public BooleanProperty useCacheProperty() {
        return useCache;
    }

    public BooleanProperty sideBySideProperty() {
        return sideBySide;
    }

    public ObservableList<ModelSlot> models() {
        return models;
    }

    public ObjectProperty<ModelSlot> leftProperty() {
        return left;
    }

    public ObjectProperty<ModelSlot> rightProperty() {
        return right;
    }

    public ReadOnlyStringProperty leftOutputProperty() {
        return leftOutput.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rightOutputProperty() {
        return rightOutput.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty leftStatsProperty() {
        return leftStats.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rightStatsProperty() {
        return rightStats.getReadOnlyProperty();
    }

    /** The prompt cache's hits and the prefill it saved, after the last generation. */
    public ReadOnlyStringProperty cacheStatsProperty() {
        return cacheStats.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ObservableList<String> history() {
        return history;
    }
}
