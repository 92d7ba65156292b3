package dev.sheepop.ingest;

/**
 * The files of a dataset folder. {@code corpus.txt}: UTF-8, every document followed by a line holding only
 * U+001E (the record separator; control characters are stripped from documents, so it never occurs inside
 * one). {@code manifest.json}: every file's record plus the cache keys. {@code stats.json}: the figures.
 * {@code cache/<sha256>.txt} + {@code .json}: extracted text per file content, reused by later runs.
 * {@code tokens/}: learned tokenizers and token ids of the corpus, per tokenizer (see {@code data.TokenCache}).
 */
public final class DatasetLayout {
    public static final String CORPUS = "corpus.txt";
    public static final String MANIFEST = "manifest.json";
    public static final String STATS = "stats.json";
    public static final String CACHE = "cache";
    public static final String TOKENS = "tokens";
    /** The document separator: U+001E on a line of its own. */
    public static final char SEPARATOR = '\u001E';
    static final String SEPARATOR_LINE = "\n" + SEPARATOR + "\n";
    public static final int FORMAT_VERSION = 1;

    private DatasetLayout() {
    }
}
