package dev.sheepop.insight;

import dev.sheepop.common.AtomicWrite;
import dev.sheepop.common.Hashing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A suffix array of a corpus's text, to find what a model copies from it verbatim: for any text, the longest span
 * that also occurs in the corpus, and every copied span of at least N characters, with the file it came from. The
 * documents are joined with U+001E (which never occurs in a document), so no match crosses from one file into the
 * next. Memory: the text (2 bytes per character) and the array (4 bytes per character). Kept on disk beside the
 * dataset ({@code index/}), keyed by the corpus's content.
 */
public final class CorpusIndex {
    static final char SEPARATOR = '\u001E';
    private static final int MAGIC = 0x53484958;   // "SHIX"
    private static final int VERSION = 1;
    private final char[] text;
    private final int[] sa;
    private final int[] starts;                    // where each document begins in text
    private final List<String> names;

    /** A span of the checked text that occurs in the corpus: where it is in each. */
    public record Span(int start, int length, String file, int fileOffset) {
    }

    /** What a text copies: its longest copied span (null when not even one character matches) and the long ones. */
    public record Copying(Span longest, List<Span> spans, int minLength) {
        public int longestLength() {
            return longest == null ? 0 : longest.length();
        }
    }

    private CorpusIndex(char[] text, int[] sa, int[] starts, List<String> names) {
        this.text = text;
        this.sa = sa;
        this.starts = starts;
        this.names = List.copyOf(names);
    }

    /** Indexes {@code documents}; {@code names} (one per document) say where each came from. */
    public static CorpusIndex build(List<String> documents, List<String> names) {
        var joined = join(documents);
        return new CorpusIndex(joined.text, SuffixArray.of(joined.text), joined.starts, names);
    }

    /** The index of {@code documents} from {@code dir} if one was built before for the same text, else built and saved there. */
    public static CorpusIndex cached(Path dir, List<String> documents, List<String> names) {
        var joined = join(documents);
        String key = Hashing.sha256(new String(joined.text)).substring(0, 20);
        Path file = dir.resolve("sa-" + key + ".bin");
        if (Files.isRegularFile(file)) {
            try {
                return new CorpusIndex(joined.text, read(file, joined.text.length), joined.starts, names);
            } catch (IOException | RuntimeException e) {
                // rebuilt below
            }
        }
        int[] sa = SuffixArray.of(joined.text);
        try {
            write(dir, file, sa);
        } catch (IOException e) {
            // an index that cannot be saved is only rebuilt next time
        }
        return new CorpusIndex(joined.text, sa, joined.starts, names);
    }

    private record Joined(char[] text, int[] starts) {
    }

    private static Joined join(List<String> documents) {
        int total = Math.max(0, documents.size() - 1);
        for (String d : documents) {
            total += d.length();
        }
        char[] text = new char[total];
        int[] starts = new int[documents.size()];
        int at = 0;
        for (int i = 0; i < documents.size(); i++) {
            if (i > 0) {
                text[at++] = SEPARATOR;
            }
            starts[i] = at;
            String d = documents.get(i);
            d.getChars(0, d.length(), text, at);
            at += d.length();
        }
        return new Joined(text, starts);
    }

    /** Characters indexed (separators included). */
    public int length() {
        return text.length;
    }

    /** Finds the longest copied span of {@code generated} and every maximal copied span of at least {@code minLength}. */
    public Copying find(String generated, int minLength) {
        int m = generated.length();
        int[] length = new int[m];
        int[] where = new int[m];
        for (int i = 0; i < m; i++) {
            long found = longestMatch(generated, i);
            length[i] = (int) (found >>> 32);
            where[i] = (int) found;
        }
        Span longest = null;
        var spans = new ArrayList<Span>();
        for (int i = 0; i < m; i++) {
            if (length[i] == 0) {
                continue;
            }
            if (longest == null || length[i] > longest.length()) {
                longest = span(i, length[i], where[i]);
            }
            // maximal: not the tail of the span that starts one character earlier
            boolean maximal = i == 0 || length[i - 1] < length[i] + 1;
            if (maximal && length[i] >= minLength) {
                spans.add(span(i, length[i], where[i]));
            }
        }
        return new Copying(longest, spans, minLength);
    }

    private Span span(int start, int len, int textOffset) {
        int doc = Arrays.binarySearch(starts, textOffset);
        doc = doc >= 0 ? doc : -doc - 2;
        return new Span(start, len, doc >= 0 && doc < names.size() ? names.get(doc) : "document " + (doc + 1),
                textOffset - starts[Math.max(0, doc)]);
    }

    /**
     * The longest prefix of {@code s[from..]} that occurs in the text: its length (high half) and one position of it in
     * the text (low half). Narrows the suffix-array interval one character at a time, by binary search.
     */
    long longestMatch(String s, int from) {
        int lo = 0;
        int hi = sa.length;   // [lo, hi): suffixes starting with s[from, from + d)
        int d = 0;
        while (from + d < s.length() && lo < hi) {
            char c = s.charAt(from + d);
            int a = lowerBound(lo, hi, d, c);
            int b = upperBound(a, hi, d, c);
            if (a >= b) {
                break;
            }
            lo = a;
            hi = b;
            d++;
        }
        return d == 0 ? 0 : ((long) d << 32) | sa[lo];
    }

    /** The first rank in [lo, hi) whose suffix has, at depth d, a character >= c (a suffix that ends counts as smaller). */
    private int lowerBound(int lo, int hi, int d, char c) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int p = sa[mid] + d;
            if (p < text.length && text[p] >= c) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The first rank in [lo, hi) whose suffix has, at depth d, a character > c. */
    private int upperBound(int lo, int hi, int d, char c) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int p = sa[mid] + d;
            if (p < text.length && text[p] > c) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static void write(Path dir, Path file, int[] sa) throws IOException {
        AtomicWrite.replace(file, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                var header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(MAGIC).putInt(VERSION).putInt(sa.length);
                header.flip();
                ch.write(header);
                var body = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < sa.length; ) {
                    body.clear();
                    int n = Math.min(sa.length - i, body.capacity() / 4);
                    body.asIntBuffer().put(sa, i, n);
                    body.limit(4 * n);
                    while (body.hasRemaining()) {
                        ch.write(body);
                    }
                    i += n;
                }
            }
        });
        try (var old = Files.list(dir)) {   // one index per dataset: the older ones go
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("sa-") && !p.equals(file)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int[] read(Path file, int n) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            var buffer = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            if (buffer.remaining() < 12 || buffer.getInt() != MAGIC || buffer.getInt() != VERSION || buffer.getInt() != n
                    || buffer.remaining() != 4L * n) {
                throw new IOException("not the index of this text");
            }
            int[] sa = new int[n];
            buffer.asIntBuffer().get(sa);
            return sa;
        }
    }
}
