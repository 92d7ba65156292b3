package dev.sheepop.insight;

import dev.sheepop.data.Corpus;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the workbench asks of a corpus: its passages that match a query ({@link CorpusSearch}) and what a text
 * copies from it ({@link CorpusIndex}). Both indexes are opened on first use; recent answers are kept in a bounded
 * least-recently-used cache whose hits are counted (SheepOp's original RetrievalCache, made real). Thread-safe.
 */
public final class Retrieval implements AutoCloseable {
    /** Answers kept. */
    static final int CACHE_ENTRIES = 64;
    private final Corpus corpus;
    private CorpusIndex index;
    private CorpusSearch search;
    private long hits;
    private long misses;
    private final Map<String, Object> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    /** The cache's counters. */
    public record Stats(long hits, long misses, int entries) {
    }

    public Retrieval(Corpus corpus) {
        this.corpus = corpus;
    }

    public Corpus corpus() {
        return corpus;
    }

    /** The {@code k} passages of the corpus that best match {@code query}. */
    @SuppressWarnings("unchecked")
    public synchronized List<CorpusSearch.Hit> search(String query, int k) {
        String key = "search\u0000" + k + "\u0000" + query;
        Object cached = cache.get(key);
        if (cached != null) {
            hits++;
            return (List<CorpusSearch.Hit>) cached;
        }
        misses++;
        var result = List.copyOf(search().search(query, k));
        cache.put(key, result);
        return result;
    }

    /** What {@code text} copies from the corpus (spans of at least {@code minLength} listed). */
    public synchronized CorpusIndex.Copying copying(String text, int minLength) {
        String key = "copy\u0000" + minLength + "\u0000" + text;
        Object cached = cache.get(key);
        if (cached != null) {
            hits++;
            return (CorpusIndex.Copying) cached;
        }
        misses++;
        var result = index().find(text, minLength);
        cache.put(key, result);
        return result;
    }

    public synchronized Stats stats() {
        return new Stats(hits, misses, cache.size());
    }

    private CorpusIndex index() {
        if (index == null) {
            index = Memorisation.index(corpus);
        }
        return index;
    }

    private CorpusSearch search() {
        if (search == null) {
            search = corpus.datasetDir() == null ? CorpusSearch.inMemory(corpus.documents(), corpus.names())
                    : CorpusSearch.open(corpus.datasetDir().resolve("search"), corpus.documents(), corpus.names());
        }
        return search;
    }

    @Override
    public synchronized void close() throws IOException {
        if (search != null) {
            search.close();
        }
    }
}
