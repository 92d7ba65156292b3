package dev.sheepop.app.playground;

import dev.sheepop.app.fx.Coalescer;
import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.insight.RetrievalSource;
import dev.sheepop.generate.GenerationListener;
import dev.sheepop.generate.GenerationResult;
import dev.sheepop.generate.SamplingSettings;
import dev.sheepop.generate.TokenChoice;
import dev.sheepop.insight.CorpusIndex;
import dev.sheepop.insight.Memorisation;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The Playground's state: the prompt and validated sampling settings, one or two models (side by side: same prompt and
 * seed on both), their transcripts (streamed, then every token with its odds and what it copies from the corpus),
 * and a history of prompts with the settings they ran with. Text arrives coalesced (a few updates per second at most)
 * so that a fast decoder never floods the FX thread.
 */
public final class PlaygroundViewModel {
    /** A prompt as it was run: the settings and the models it ran on. */
    public record HistoryEntry(String prompt, SamplingSettings settings, String models) {
        @Override
        public String toString() {
            String first = prompt.lines().findFirst().orElse("");
            String shown = first.length() > 40 ? first.substring(0, 39) + "…" : first;
            return String.format(Locale.ROOT, "%s%s  · t %s · seed %d", shown, prompt.contains("\n") ? " ↵" : "",
                    PlaygroundSettings.format(settings.temperature()), settings.seed());
        }
    }

    private final JobRunner jobs;
    private final Notifier notifier;
    private final Consumer<Runnable> ui;
    private final PlaygroundSettings settings = new PlaygroundSettings();
    private final StringProperty prompt = new SimpleStringProperty("ROMEO:");
    private final BooleanProperty sideBySide = new SimpleBooleanProperty(false);
    private final BooleanProperty colorByProbability = new SimpleBooleanProperty(true);
    private final BooleanProperty markCopies = new SimpleBooleanProperty(true);
    private final SettingField<Integer> copyMinLength = new SettingField<>("copy-min", "Mark copies of",
            "Mark text copied verbatim from the corpus when it is at least this many characters long.",
            Integer.toString(Memorisation.DEFAULT_MIN_LENGTH), PlaygroundViewModel::parseMinLength);
    private final ObservableList<ModelSlot> models = FXCollections.observableArrayList();
    private final Transcript left = new Transcript();
    private final Transcript right = new Transcript();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper cacheStats = new ReadOnlyStringWrapper("");
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final AtomicInteger active = new AtomicInteger();
    private AtomicBoolean cancel = new AtomicBoolean();
    private RetrievalSource retrieval;

    public PlaygroundViewModel(JobRunner jobs, Notifier notifier, Consumer<Runnable> ui) {
        this.jobs = jobs;
        this.notifier = notifier;
        this.ui = ui;
    }

    /** Where the memorisation meter looks for copies (the open dataset); none: the meter says it needs one. */
    public void setRetrieval(RetrievalSource retrieval) {
        this.retrieval = retrieval;
    }

    /**
     * Adds a model (replacing the same checkpoint opened before, from whichever pane) and selects it on the left if
     * nothing is selected yet.
     */
    public void addModel(ModelSlot slot) {
        boolean wasLeft = left.modelProperty().get() != null && left.modelProperty().get().sameModelAs(slot);
        boolean wasRight = right.modelProperty().get() != null && right.modelProperty().get().sameModelAs(slot);
        models.removeIf(m -> m.sameModelAs(slot));
        models.add(0, slot);
        if (left.modelProperty().get() == null || wasLeft) {
            left.modelProperty().set(slot);
        }
        if (wasRight) {
            right.modelProperty().set(slot);
        }
    }

    /** Shows two models side by side (same prompt, same seed): {@code a} on the left, {@code b} on the right. */
    public void compare(ModelSlot a, ModelSlot b) {
        addModel(b);
        addModel(a);
        left.modelProperty().set(models.stream().filter(m -> m.sameModelAs(a)).findFirst().orElse(a));
        right.modelProperty().set(models.stream().filter(m -> m.sameModelAs(b)).findFirst().orElse(b));
        sideBySide.set(true);
    }

    /** The sampling settings from the fields; throws UserException naming the bad setting. */
    public SamplingSettings settings() {
        return settings.settings();
    }

    /** Whether Generate can run: a model, valid settings, nothing generating. */
    public boolean canGenerate() {
        return !running.get() && left.modelProperty().get() != null && settings.validProperty().get();
    }

    /** Generates on the left model (and the right one when side by side). */
    public void generate() {
        if (running.get()) {
            return;
        }
        if (left.modelProperty().get() == null) {
            notifier.error("No model loaded: train one or open a checkpoint");
            return;
        }
        SamplingSettings s;
        try {
            s = settings();
        } catch (RuntimeException e) {
            notifier.error(e);
            return;
        }
        String text = prompt.get() == null ? "" : prompt.get();
        var entry = new HistoryEntry(text, s, left.modelProperty().get().name()
                + (sideBySide.get() && right.modelProperty().get() != null ? " | " + right.modelProperty().get().name() : ""));
        history.removeIf(h -> h.prompt().equals(text) && h.settings().equals(s));
        history.add(0, entry);
        cancel = new AtomicBoolean();
        running.set(true);
        start(left, text, s);
        if (sideBySide.get() && right.modelProperty().get() != null) {
            start(right, text, s);
        } else {
            right.clear();
        }
    }

    /** Runs a prompt of the history again, with the settings it ran with. */
    public void rerun(HistoryEntry entry) {
        show(entry);
        generate();
    }

    /** Puts a prompt of the history, and its settings, back into the fields. */
    public void show(HistoryEntry entry) {
        prompt.set(entry.prompt());
        settings.show(entry.settings());
    }

    private void start(Transcript column, String text, SamplingSettings s) {
        ModelSlot slot = column.modelProperty().get();
        column.begin(text);
        active.incrementAndGet();
        AtomicBoolean flag = cancel;
        var pieces = new Coalescer<String>(100, ui, batch -> column.append(String.join("", batch)));
        var tokens = new ArrayList<TokenChoice>();
        var listener = GenerationListener.withTokens(pieces::offer, tokens::add);
        jobs.submit("Generating (" + slot.name() + ")", handle -> {
            GenerationResult r = slot.generator().generate(text, s, listener, flag);
            pieces.flush();
            return r;
        }, r -> {
            column.finish(r, tokens);
            var cache = slot.generator().promptCache();
            cacheStats.set(cache == null ? "" : "Prompt cache (" + slot.name() + "): " + cache.stats().describe());
            done();
            checkCopies(column);
        }, e -> {
            column.failed();
            notifier.error(e);
            done();
        });
    }

    /** The memorisation meter: what the column's text copies from the corpus, marked once found. */
    private void checkCopies(Transcript column) {
        var content = column.content();
        if (!markCopies.get() || content.text().isEmpty()) {
            return;
        }
        if (retrieval == null || !retrieval.available()) {
            column.copyingSummary("Copies from your corpus are marked once a dataset is open (Dataset pane).");
            return;
        }
        Integer min = copyMinLength.value();
        if (min == null) {
            return;
        }
        column.copyingSummary("Looking for copies in your corpus…");
        jobs.submit("Looking for copies in the corpus", h -> retrieval.get().copying(content.text(), min), copying -> {
            if (column.content().text().equals(content.text())) {
                column.copying(copying, summary(copying));
            }
        }, e -> {
            column.copyingSummary("");
            notifier.error(e);
        });
    }

    /** "Copied from your corpus: 2 spans of 40+ characters, the longest 57 (notes.txt)". */
    static String summary(CorpusIndex.Copying c) {
        var longest = c.longest();
        if (longest == null) {
            return "Nothing copied from your corpus.";
        }
        if (c.spans().isEmpty()) {
            return String.format(Locale.ROOT, "No copies of %d+ characters from your corpus (longest shared span: %d).",
                    c.minLength(), longest.length());
        }
        return String.format(Locale.ROOT, "Copied from your corpus: %d span%s of %d+ characters, the longest %,d (%s).",
                c.spans().size(), c.spans().size() == 1 ? "" : "s", c.minLength(), longest.length(), longest.file());
    }

    private static Integer parseMinLength(String text) {
        int n = Integer.parseInt(text);
        if (n < 8 || n > 100_000) {
            throw new dev.sheepop.common.UserException("must be in [8, 100000] characters");
        }
        return n;
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

    public PlaygroundSettings settingsForm() {
        return settings;
    }

    public BooleanProperty sideBySideProperty() {
        return sideBySide;
    }

    /** Colour each generated token by the probability it was drawn with. */
    public BooleanProperty colorByProbabilityProperty() {
        return colorByProbability;
    }

    /** Mark spans copied from the corpus (the memorisation meter). */
    public BooleanProperty markCopiesProperty() {
        return markCopies;
    }

    public SettingField<Integer> copyMinLength() {
        return copyMinLength;
    }

    public ObservableList<ModelSlot> models() {
        return models;
    }

    public Transcript left() {
        return left;
    }

    public Transcript right() {
        return right;
    }

    public ObjectProperty<ModelSlot> leftProperty() {
        return left.modelProperty();
    }

    public ObjectProperty<ModelSlot> rightProperty() {
        return right.modelProperty();
    }

    /** The prompt cache's hits and the prefill it saved, after the last generation. */
    public ReadOnlyStringProperty cacheStatsProperty() {
        return cacheStats.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ObservableList<HistoryEntry> history() {
        return history;
    }
}
