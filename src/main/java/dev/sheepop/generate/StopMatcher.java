package dev.sheepop.generate;

import java.util.List;

/**
 * Watches the generated text for stop strings. Text that could still become a stop string is held back, so
 * that what is streamed never includes (part of) a stop string and always adds up to the final text.
 */
final class StopMatcher {
    private final List<String> stops;
    private final StringBuilder text = new StringBuilder();
    private int emitted;
    private int stopAt = -1;

    StopMatcher(List<String> stops) {
        this.stops = stops;
    }

    /** Appends a token's text; returns the text now safe to stream (possibly empty). */
    String append(String piece) {
        int searchFrom = Math.max(0, text.length() - maxStopLength() + 1);
        text.append(piece);
        for (String s : stops) {
            int i = text.indexOf(s, searchFrom);
            if (i >= 0 && (stopAt < 0 || i < stopAt)) {
                stopAt = i;
            }
        }
        int safeEnd = stopAt >= 0 ? stopAt : text.length() - heldBack();
        if (safeEnd <= emitted) {
            return "";
        }
        String out = text.substring(emitted, safeEnd);
        emitted = safeEnd;
        return out;
    }

    boolean stopped() {
        return stopAt >= 0;
    }

    /** The held-back rest at the end of a generation that did not hit a stop string. */
    String flush() {
        if (stopAt >= 0 || emitted >= text.length()) {
            return "";
        }
        String out = text.substring(emitted);
        emitted = text.length();
        return out;
    }

    String finalText() {
        return stopAt >= 0 ? text.substring(0, stopAt) : text.toString();
    }

    /** Length of the longest suffix of the text that is a proper prefix of a stop string. */
    private int heldBack() {
        int best = 0;
        for (String s : stops) {
            for (int k = Math.min(s.length() - 1, text.length()); k > best; k--) {
                if (suffixIsPrefix(s, k)) {
                    best = k;
                    break;
                }
            }
        }
        return best;
    }

    private boolean suffixIsPrefix(String s, int k) {
        int o = text.length() - k;
        for (int i = 0; i < k; i++) {
            if (text.charAt(o + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int maxStopLength() {
        int m = 1;
        for (String s : stops) {
            m = Math.max(m, s.length());
        }
        return m;
    }
}
