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
        int n = raw.length();
        int firstDirty = 0;
        char max = 0;
        while (firstDirty < n) { // fast path: most text needs no change at all
            char c = raw.charAt(firstDirty);
            if (c < 0x20 ? c != '\n' && c != '\t' : c >= 0x7F) {
                break;
            }
            firstDirty++;
        }
        if (firstDirty == n) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(raw, 0, firstDirty);
        for (int i = firstDirty; i < n; i++) {
            char c = raw.charAt(i);
            if (c > max) {
                max = c;
            }
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
        if (max < 0x300) { // below the first combining mark: already NFC
            return s;
        }
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** The document: normalised lines, trailing blanks trimmed, lines shorter than {@code minLength} dropped. */
    static String clean(String raw, int minLength) {
        String text = normalize(raw);
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        int start = 0;
        while (start <= n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            int last = end; // exclusive end after trimming trailing blanks
            while (last > start && Character.isWhitespace(text.charAt(last - 1))) {
                last--;
            }
            int first = start;
            while (first < last && Character.isWhitespace(text.charAt(first))) {
                first++;
            }
            int length = last - first;
            if (length > 0 && (length >= 2 * minLength || text.codePointCount(first, last) >= minLength)) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(text, start, last);
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
