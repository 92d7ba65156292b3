package dev.sheepop.app.dataset;

import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.config.TokenizerConfig;
import dev.sheepop.data.Corpus;
import dev.sheepop.data.TrainingData;
import dev.sheepop.tokenizer.TokenizerLab;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The tokenizer lab of the Dataset pane: compares the character tokenizer and BPE at several vocabulary sizes on the
 * dataset (in the background, with progress, cancellable), shows the chosen row's most frequent tokens and a passage
 * cut at its token boundaries, and hands the chosen tokenizer to the run's config.
 */
public final class TokenizerLabViewModel {
    /** The sizes compared unless the user types others. */
    public static final String DEFAULT_SIZES = "512, 1024, 2048, 4096, 8192";
    private final JobRunner jobs;
    private final Notifier notifier;
    private final Supplier<Corpus> corpus;
    private final DoubleSupplier valFraction;
    private java.util.function.IntSupplier context = () -> 64;
    private final StringProperty sizes = new SimpleStringProperty(DEFAULT_SIZES);
    private final ReadOnlyStringWrapper sizesError = new ReadOnlyStringWrapper("");
    private final ObservableList<TokenizerLab.Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<TokenizerLab.Row> selected = new SimpleObjectProperty<>();
    private final ObservableList<TokenizerLab.Piece> pieces = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper topTokens = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Double> progress = new ReadOnlyObjectWrapper<>(0.0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(
            "Compare tokenizers on this dataset: how much text a token holds, how long BPE takes to learn");
    private String passage = "";

    /** What one comparison produced. */
    private record Comparison(List<TokenizerLab.Row> rows, List<String> messages, String passage) {
    }
    private Consumer<TokenizerConfig> onUse = c -> { };
    private JobRunner.Running job;

    /** {@code corpus}: the dataset's text (null when there is none); {@code valFraction}: the run's validation share. */
    public TokenizerLabViewModel(JobRunner jobs, Notifier notifier, Supplier<Corpus> corpus, DoubleSupplier valFraction) {
        this.jobs = jobs;
        this.notifier = notifier;
        this.corpus = corpus;
        this.valFraction = valFraction;
        sizes.addListener((o, a, b) -> parseSizes());
        selected.addListener((o, a, b) -> showSelected(b));
    }

    /** The run's context length in tokens (for "a context holds N characters"). */
    public void setContext(java.util.function.IntSupplier context) {
        this.context = context;
    }

    /** "≈ 189 characters in 64 tokens": how much text the run's context holds with a row's tokenizer. */
    public String contextText(TokenizerLab.Row row) {
        int t = context.getAsInt();
        return String.format(Locale.ROOT, "≈ %,.0f characters in %d tokens", t * row.charactersPerToken(), t);
    }

    /** Where "Use for the run" sends the chosen tokenizer (the Config pane). */
    public void setOnUse(Consumer<TokenizerConfig> onUse) {
        this.onUse = onUse;
    }

    /** The BPE sizes typed in the sizes field, or null (with {@link #sizesErrorProperty()} set) when they are wrong. */
    List<Integer> parseSizes() {
        var out = new ArrayList<Integer>();
        for (String part : sizes.get().split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            int v;
            try {
                v = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                sizesError.set("'" + part + "' is not a whole number");
                return null;
            }
            if (v < TokenizerConfig.MIN_BPE_VOCAB || v > TokenizerConfig.MAX_BPE_VOCAB) {
                sizesError.set(String.format(Locale.ROOT, "%,d is outside [%d, %,d]", v, TokenizerConfig.MIN_BPE_VOCAB,
                        TokenizerConfig.MAX_BPE_VOCAB));
                return null;
            }
            out.add(v);
        }
        if (out.size() > 8) {
            sizesError.set("at most 8 sizes");
            return null;
        }
        sizesError.set("");
        return out;
    }

    /** Runs the comparison in the background. */
    public void compare() {
        List<Integer> vocab = parseSizes();
        Corpus text = corpus.get();
        if (running.get() || vocab == null) {
            return;
        }
        if (text == null) {
            notifier.error("No dataset yet: add files or a folder first");
            return;
        }
        double fraction = valFraction.getAsDouble();
        running.set(true);
        progress.set(0.0);
        status.set("Comparing tokenizers…");
        job = jobs.submit("Comparing tokenizers", handle -> {
            var messages = new ArrayList<String>();
            var result = TokenizerLab.compare(text.documents(), vocab, 12,
                    (config, p) -> TrainingData.tokenizer(text, config, fraction, p, handle::cancelled),
                    (what, f) -> handle.progress(f), handle::cancelled, messages::add);
            return new Comparison(result, messages, TokenizerLab.passage(text.documents(), 600));
        }, this::finished, e -> {
            running.set(false);
            job = null;
            progress.set(0.0);
            if (e instanceof CancellationException || e.getCause() instanceof CancellationException) {
                status.set("Comparison cancelled");
            } else {
                status.set("Comparison failed: " + Notifier.oneLine(e));
                notifier.error(e);
            }
        });
    }

    private void finished(Comparison result) {
        running.set(false);
        job = null;
        progress.set(1.0);
        passage = result.passage();
        var list = result.rows();
        var messages = result.messages();
        rows.setAll(list);
        status.set(String.format(Locale.ROOT, "%d tokenizers compared on %,d characters%s", list.size(),
                list.isEmpty() ? 0 : list.get(0).characters(), messages.isEmpty() ? "" : "; " + String.join("; ", messages)));
        selected.set(list.stream().filter(r -> r.config().type() == TokenizerConfig.Type.BPE).findFirst()
                .orElse(list.isEmpty() ? null : list.get(0)));
    }

    private void showSelected(TokenizerLab.Row row) {
        if (row == null) {
            pieces.clear();
            topTokens.set("");
            return;
        }
        pieces.setAll(TokenizerLab.pieces(row.tokenizer(), passage));
        var sb = new StringBuilder();
        for (var t : row.top()) {
            sb.append(sb.isEmpty() ? "" : "   ").append('\'').append(TokenizerLab.visible(t.text())).append('\'')
                    .append(String.format(Locale.ROOT, " %.1f%%", 100.0 * t.count() / Math.max(1, row.tokens())));
        }
        topTokens.set(sb.toString());
    }

    public void cancel() {
        if (job != null) {
            job.cancel();
            status.set("Cancelling…");
        }
    }

    /** Sends the selected tokenizer to the run's config. */
    public void useSelected() {
        TokenizerLab.Row row = selected.get();
        if (row != null) {
            onUse.accept(row.config());
            notifier.info("The run will use " + row.name() + " (see the Config pane)");
        }
    }

    public StringProperty sizesProperty() {
        return sizes;
    }

    public ReadOnlyStringProperty sizesErrorProperty() {
        return sizesError.getReadOnlyProperty();
    }

    public ObservableList<TokenizerLab.Row> rows() {
        return rows;
    }

    public ObjectProperty<TokenizerLab.Row> selectedProperty() {
        return selected;
    }

    public ObservableList<TokenizerLab.Piece> pieces() {
        return pieces;
    }

    public ReadOnlyStringProperty topTokensProperty() {
        return topTokens.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Double> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
