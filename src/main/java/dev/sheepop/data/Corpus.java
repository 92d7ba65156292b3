package dev.sheepop.data;

import java.util.List;

/**
 * The text a run trains on: its documents in a stable order, a hash that identifies the corpus (stored in
 * checkpoints) and where it came from.
 */
public record Corpus(List<String> documents, String hash, String source) {
    public Corpus {
        documents = List.copyOf(documents);
        if (hash == null || hash.isBlank()) {
            throw new IllegalArgumentException("hash must not be blank");
        }
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
