package dev.sheepop.cli;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * A one-line progress bar for long CLI work. On a terminal it redraws in place (carriage return); when
 * output goes to a file or pipe it prints a plain line at most every {@code plainEvery} (and at the end).
 * Not thread-safe: call it from one thread (or synchronise).
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 28;
    private final PrintWriter out;
    private final boolean terminal;
    private final long plainEveryNanos;
    private long lastPrint = Long.MIN_VALUE;
    private int lastLength;
    private boolean drawn;

    public ProgressBar(PrintWriter out, boolean terminal, Duration plainEvery) {
        this.out = out;
        this.terminal = terminal;
        this.plainEveryNanos = plainEvery.toNanos();
    }

    /** A bar on stderr-like output; terminal when the JVM has a console. */
    public static ProgressBar on(PrintWriter out) {
        return new ProgressBar(out, System.console() != null && System.getenv("CI") == null, Duration.ofSeconds(5));
    }

    /** Shows {@code done} of {@code total} (total ≤ 0: unknown) followed by {@code text}. */
    public void update(long done, long total, String text) {
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (terminal) {
            if (!finished && lastPrint != Long.MIN_VALUE && now - lastPrint < 100_000_000L) {
                return; // at most 10 redraws a second
            }
            String line = bar(done, total) + " " + text;
            int pad = Math.max(0, lastLength - line.length());
            out.print("\r" + line + " ".repeat(pad));
            out.flush();
            lastLength = line.length();
            drawn = true;
        } else {
            if (!finished && lastPrint != Long.MIN_VALUE && now - lastPrint < plainEveryNanos) {
                return;
            }
            out.println(counts(done, total) + " " + text);
            out.flush();
        }
        lastPrint = now;
    }

    /** Prints a message above the bar without garbling it. */
    public void println(String message) {
        if (terminal && drawn) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            drawn = false;
            lastLength = 0;
            lastPrint = Long.MIN_VALUE;
        }
        out.println(message);
        out.flush();
    }

    @Override
    public void close() {
        if (terminal && drawn) {
            out.println();
            out.flush();
        }
    }

    static String bar(long done, long total) {
        if (total <= 0) {
            return "[" + "?".repeat(WIDTH) + "] " + done;
        }
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + counts(done, total);
    }

    static String counts(long done, long total) {
        if (total <= 0) {
            return String.valueOf(done);
        }
        return String.format("%d/%d (%3.0f%%)", done, total, 100.0 * Math.min(done, total) / total);
    }
}
