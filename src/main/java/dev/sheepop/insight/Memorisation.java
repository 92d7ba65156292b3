package dev.sheepop.insight;

import dev.sheepop.data.Corpus;

import java.util.Locale;

/**
 * The memorisation meter: how much of a generated text is copied verbatim from the corpus. The corpus's index is
 * built once per dataset (and kept in its {@code index/} folder); a plain text file's index is built in memory.
 */
public final class Memorisation {
    /** Spans at least this long are reported one by one unless the user sets another length. */
    public static final int DEFAULT_MIN_LENGTH = 40;
    private static final String INDEX = "index";

    private Memorisation() {
    }

    /** The index of a corpus: from (or into) its dataset folder when it has one. */
    public static CorpusIndex index(Corpus corpus) {
        return corpus.datasetDir() == null ? CorpusIndex.build(corpus.documents(), corpus.names())
                : CorpusIndex.cached(corpus.datasetDir().resolve(INDEX), corpus.documents(), corpus.names());
    }

    /** A short report of {@code copying} for the text it was found in. */
    public static String report(String text, CorpusIndex.Copying copying) {
        var sb = new StringBuilder();
        var longest = copying.longest();
        if (longest == null) {
            return "Copied from the corpus: nothing, not even one character.";
        }
        sb.append(String.format(Locale.ROOT, "Copied from the corpus: the longest span is %,d characters (%s, at character %,d): \"%s\"",
                longest.length(), longest.file(), longest.fileOffset(), excerpt(text, longest)));
        sb.append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "Spans of %d or more characters: %d", copying.minLength(), copying.spans().size()));
        for (var s : copying.spans()) {
            sb.append(System.lineSeparator()).append(String.format(Locale.ROOT, "  %,5d characters at %,d, from %s at %,d: \"%s\"",
                    s.length(), s.start(), s.file(), s.fileOffset(), excerpt(text, s)));
        }
        return sb.toString();
    }

    private static String excerpt(String text, CorpusIndex.Span s) {
        String span = text.substring(s.start(), s.start() + s.length()).replace("\n", "↵");
        return span.length() <= 80 ? span : span.substring(0, 38) + " … " + span.substring(span.length() - 38);
    }
}
