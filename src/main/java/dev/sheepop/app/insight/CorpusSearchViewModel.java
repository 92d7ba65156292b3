package dev.sheepop.app.insight;

import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.insight.CorpusSearch;
import dev.sheepop.insight.Retrieval;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;

/**
 * "Find in your corpus": a query, the passages of the open dataset that best match it (BM25), and a status line with
 * the retrieval cache's hits. The first search of a dataset builds its index, in the background.
 */
public final class CorpusSearchViewModel {
    /** Passages shown for a query. */
    public static final int RESULTS = 20;
    private final JobRunner jobs;
    private final Notifier notifier;
    private final RetrievalSource source;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<CorpusSearch.Hit> results = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Search the passages of your corpus: type words or paste a text.");
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper();

    private record Answer(List<CorpusSearch.Hit> hits, Retrieval.Stats stats) {
    }

    public CorpusSearchViewModel(JobRunner jobs, Notifier notifier, RetrievalSource source) {
        this.jobs = jobs;
        this.notifier = notifier;
        this.source = source;
    }

    /** Searches for {@code text} (the Playground's "search the corpus for this"). */
    public void search(String text) {
        query.set(text);
        search();
    }

    public void search() {
        String q = query.get() == null ? "" : query.get().strip();
        if (q.isEmpty()) {
            status.set("Type something to search for.");
            return;
        }
        if (!source.available()) {
            results.clear();
            status.set("No dataset is open: add files in the Dataset pane to search them.");
            return;
        }
        if (searching.get()) {
            return;
        }
        searching.set(true);
        status.set("Searching… (the first search of a dataset indexes it)");
        jobs.submit("Searching the corpus", h -> {
            Retrieval r = source.get();
            var found = r.search(q, RESULTS);
            return new Answer(found, r.stats());
        }, answer -> {
            var hits = answer.hits();
            var stats = answer.stats();
            results.setAll(hits);
            status.set(String.format(Locale.ROOT, "%s for “%s” · retrieval cache: %d hit%s of %d lookups",
                    hits.isEmpty() ? "No passage matches" : hits.size() + " passage" + (hits.size() == 1 ? "" : "s"),
                    q.length() > 60 ? q.substring(0, 59) + "…" : q, stats.hits(), stats.hits() == 1 ? "" : "s",
                    stats.hits() + stats.misses()));
            searching.set(false);
        }, e -> {
            status.set("The search failed: " + e.getMessage());
            notifier.error(e);
            searching.set(false);
        });
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<CorpusSearch.Hit> results() {
        return results;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.getReadOnlyProperty();
    }
}
