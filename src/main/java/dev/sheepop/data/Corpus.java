package dev.sheepop.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The text a run trains on: its documents in a stable order, a hash that identifies the corpus (stored in
 * checkpoints), where it came from, the dataset folder that caches its tokenizers, token ids and indexes (null when
 * the text did not come from a dataset folder), and the name of each document (its file).
 */
public record Corpus(List<String> documents, String hash, String source, Path datasetDir, List<String> names) {
    public Corpus {
        documents = List.copyOf(documents);
        if (hash == null || hash.isBlank()) {
            throw new IllegalArgumentException("hash must not be blank");
        }
        if (names == null || names.size() != documents.size()) {
            var generated = new java.util.ArrayList<String>();
            for (int i = 0; i < documents.size(); i++) {
                generated.add(documents.size() == 1 ? source : "document " + (i + 1));
            }
            names = generated;
        }
        names = List.copyOf(names);
    }

    /** A corpus with no dataset folder (nothing cached). */
    public Corpus(List<String> documents, String hash, String source) {
        this(documents, hash, source, null, null);
    }

    /** A corpus from a dataset folder whose documents are named after their position. */
    public Corpus(List<String> documents, String hash, String source, Path datasetDir) {
        this(documents, hash, source, datasetDir, null);
    }

    /** A dataset's documents as a corpus, named after their files. */
    public static Corpus of(dev.sheepop.ingest.Dataset dataset) {
        return new Corpus(dataset.documents(), dataset.corpusHash(), dataset.dir().toString(), dataset.dir(),
                dataset.documentPaths());
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
