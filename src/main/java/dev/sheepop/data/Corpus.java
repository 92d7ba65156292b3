package dev.sheepop.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The text a run trains on: its documents in a stable order, a hash that identifies the corpus (stored in
 * checkpoints), where it came from, and the dataset folder that caches its tokenizers and token ids (null when the
 * text did not come from a dataset folder).
 */
public record Corpus(List<String> documents, String hash, String source, Path datasetDir) {
    public Corpus {
        documents = List.copyOf(documents);
        if (hash == null || hash.isBlank()) {
            throw new IllegalArgumentException("hash must not be blank");
        }
    }

    /** A corpus with no dataset folder (nothing cached). */
    public Corpus(List<String> documents, String hash, String source) {
        this(documents, hash, source, null);
    }

    /** Characters over all documents. */
    public long characters() {
        long n = 0;
        for (String d : documents) {
            n += d.length();
        }
        return n;
    }
}
