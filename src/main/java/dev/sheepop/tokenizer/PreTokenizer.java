package dev.sheepop.tokenizer;

/**
 * GPT-2's pre-tokenizer: splits text into the pieces BPE merges never cross — contractions ({@code 's 't 're 've
 * 'm 'll 'd}), runs of letters, of numbers, of other symbols (each optionally led by one space), and runs of
 * whitespace (the last whitespace character joins the next piece). It is the regular expression
 * <pre>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</pre>
 * of the Hugging Face {@code ByteLevel} pre-tokenizer, written as a scanner: about ten times faster than
 * {@link java.util.regex}, and checked piece by piece against that regex and against the Hugging Face library
 * in the tests. Whitespace is Unicode's White_Space property, as in the regex engines Hugging Face uses.
 */
public final class PreTokenizer {
    /** Receives each piece as a {@code [start, end)} range of UTF-16 indices. */
    @FunctionalInterface
    public interface PieceConsumer {
        void accept(int start, int end);
    }

    private static final int LETTER = 0;
    private static final int NUMBER = 1;
    private static final int OTHER = 2;
    private static final int SPACE = 3;

    private PreTokenizer() {
    }

    /** Calls {@code consumer} for every piece of {@code text}, in order; the pieces cover the text exactly. */
    public static void split(CharSequence text, PieceConsumer consumer) {
        split(text, 0, text.length(), consumer);
    }

    /** As {@link #split(CharSequence, PieceConsumer)} over {@code text[from, to)}, as if that were the whole text. */
    public static void split(CharSequence text, int from, int to, PieceConsumer consumer) {
        int i = from;
        while (i < to) {
            int end = next(text, i, to);
            consumer.accept(i, end);
            i = end;
        }
    }

    /** The end of the piece that starts at {@code i}. */
    static int next(CharSequence s, int i, int n) {
        char c = s.charAt(i);
        if (c == '\'' && i + 1 < n) {
            char c1 = s.charAt(i + 1);
            if (c1 == 's' || c1 == 't' || c1 == 'm' || c1 == 'd') {
                return i + 2;
            }
            if (i + 2 < n) {
                char c2 = s.charAt(i + 2);
                if ((c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e') || (c1 == 'l' && c2 == 'l')) {
                    return i + 3;
                }
            }
        }
        int cp = Character.codePointAt(s, i);
        int cls = classOf(cp);
        int j = i;
        if (cp == ' ' && i + 1 < n) {
            int next = Character.codePointAt(s, i + 1);
            int nextClass = classOf(next);
            if (nextClass != SPACE) {
                cls = nextClass;
                j = i + 1;
            }
        }
        if (cls != SPACE) {
            while (j < n) {
                int cpj = Character.codePointAt(s, j);
                if (classOf(cpj) != cls) {
                    break;
                }
                j += Character.charCount(cpj);
            }
            return j;
        }
        // whitespace: the run, less its last character when something follows it (that one joins the next piece)
        int k = i;
        int last = i;
        while (k < n) {
            int cpk = Character.codePointAt(s, k);
            if (!isWhitespace(cpk)) {
                break;
            }
            last = k;
            k += Character.charCount(cpk);
        }
        if (k == n || last == i) {
            return k;
        }
        return last;
    }

    private static int classOf(int cp) {
        if (cp < 128) {   // ASCII fast path
            if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
                return LETTER;
            }
            if (cp >= '0' && cp <= '9') {
                return NUMBER;
            }
            return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) ? SPACE : OTHER;
        }
        if (isWhitespace(cp)) {
            return SPACE;
        }
        if (Character.isLetter(cp)) {
            return LETTER;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER
                ? NUMBER : OTHER;
    }

    /** Unicode White_Space (what {@code \s} matches in Unicode-aware regex engines). */
    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }
}
