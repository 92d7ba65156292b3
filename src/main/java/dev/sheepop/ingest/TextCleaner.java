package dev.sheepop.ingest;

import java.text.Normalizer;

/**
 * Text clean-up: CRLF/CR to LF, control characters removed (tab and newline kept), Unicode NFC, trailing
 * blanks trimmed, and lines shorter than the minimum length (after trimming) dropped.
 */
final class TextCleaner {
    private TextCleaner() {
    }

    /** Normalises extracted text (no line filtering): what the cache stores. */
    static String normalize(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r') {
                sb.append('\n');
                if (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\t') {
                sb.append(c);
            } else if (Character.getType(c) == Character.CONTROL || c == '\uFEFF') {
                // dropped: NUL, U+001E (our separator), other C0/C1 controls, stray BOMs
            } else if (c == '\u2028' || c == '\u2029') {
                sb.append('\n');
            } else {
                sb.append(c);
            }
        }
        String s = sb.toString();
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** The document: normalised lines, trailing blanks trimmed, lines shorter than {@code minLength} dropped. */
    static String clean(String raw, int minLength) {
        String text = normalize(raw);
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end).stripTrailing();
            if (!line.isBlank() && line.strip().codePointCount(0, line.strip().length()) >= minLength) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(line);
            }
            start = end + 1;
        }
        return out.toString();
    }

    static long lineCount(String doc) {
        if (doc.isEmpty()) {
            return 0;
        }
        long n = 1;
        for (int i = 0; i < doc.length(); i++) {
            if (doc.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
