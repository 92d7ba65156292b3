package dev.sheepop.app.insight;

import dev.sheepop.data.Corpus;
import dev.sheepop.ingest.Dataset;
import dev.sheepop.insight.Retrieval;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * The retrieval layer (corpus search and the memorisation meter) of the dataset the workbench has open. The dataset is
 * set on the FX thread; {@link #get()} is called by background jobs and opens the corpus's indexes there, once per
 * dataset version.
 */
public final class RetrievalSource {
    /** What to open: identified by {@code key} (a dataset version, a corpus), read by {@code read}. */
    private record Source(Object key, Supplier<Corpus> read) {
    }

    private volatile Source source;
    private Object opened;
    private Retrieval retrieval;

    /** The open dataset (null: none); a re-ingested dataset is a new one. */
    public void setDataset(Dataset dataset) {
        this.source = dataset == null ? null : new Source(dataset, () -> Corpus.of(dataset));
    }

    /** A corpus that is not a dataset (a text file). */
    public void setCorpus(Corpus corpus) {
        this.source = corpus == null ? null : new Source(corpus, () -> corpus);
    }

    /** Whether there is a dataset to search. */
    public boolean available() {
        return source != null;
    }

    /** The open dataset's retrieval layer, or null when there is no dataset. Slow the first time: call off the FX thread. */
    public synchronized Retrieval get() {
        Source s = source;
        if (s == null) {
            return null;
        }
        if (s.key() != opened) {
            close();
            retrieval = new Retrieval(s.read().get());
            opened = s.key();
        }
        return retrieval;
    }

    /** Closes the open indexes. */
    public synchronized void close() {
        if (retrieval != null) {
            try {
                retrieval.close();
            } catch (IOException e) {
                // an index that does not close cleanly is reopened (and repaired by Lucene) next time
            }
            retrieval = null;
            opened = null;
        }
    }
}
