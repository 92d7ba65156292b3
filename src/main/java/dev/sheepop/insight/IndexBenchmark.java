package dev.sheepop.insight;

import dev.sheepop.common.Medians;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What {@code sheepop bench index} measures: the time to build a corpus index, its memory per character (what it keeps,
 * and what its construction allocated), and the time of one span lookup.
 */
public final class IndexBenchmark {
    /** The figures; lookups in microseconds (median). */
    public record Result(long characters, double buildSeconds, double keptBytesPerChar, double allocatedBytesPerChar,
                         double lookupMicros, int lookups) {
    }

    private IndexBenchmark() {
    }

    public static Result run(List<String> documents, int lookups) {
        System.gc();
        long before = usedHeap();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        var index = CorpusIndex.build(documents, documents.stream().map(d -> "document").toList());
        double build = (System.nanoTime() - t0) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        System.gc();
        long kept = usedHeap() - before;
        long n = index.length();
        // lookups: 60-character spans of the corpus (found) and scrambled ones (not found), one at a time
        var random = new Random(1);
        String joined = String.join("\u001E", documents);
        var times = new ArrayList<Double>();
        for (int i = 0; i < lookups; i++) {
            int start = random.nextInt(Math.max(1, joined.length() - 60));
            String span = joined.substring(start, Math.min(joined.length(), start + 60));
            if (i % 2 == 1) {
                char[] c = span.toCharArray();
                for (int k = 0; k < c.length; k += 7) {
                    c[k] = (char) ('a' + random.nextInt(26));
                }
                span = new String(c);
            }
            long s0 = System.nanoTime();
            index.longestMatch(span, 0);
            times.add((System.nanoTime() - s0) / 1e3);
        }
        return new Result(n, build, kept / (double) n, allocated / (double) n, Medians.of(times),
                lookups);
    }

    private static long usedHeap() {
        var rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
