package dev.sheepop.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The benchmark on a tiny folder, timed by a clock that advances exactly one second per reading: every timed
 * interval is then one second, so each figure must equal its count of work per second.
 */
class IngestBenchTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path tmp;

    @Test
    void eachFigureIsItsWorkDividedByItsMedianTime() throws IOException {
        Path in = tmp.resolve("in");
        BenchInputs.text(in, 1, 200_000);
        BenchInputs.pdfs(in, 1, 3);
        BenchInputs.images(in, 2);
        long textBytes;
        try (var files = Files.list(in)) {
            textBytes = files.filter(p -> p.toString().endsWith(".txt")).mapToLong(p -> p.toFile().length()).sum();
        }
        var clock = new AtomicLong();
        List<String> steps = new ArrayList<>();
        IngestBench.Result r = IngestBench.run(in, 3, steps::add, () -> clock.getAndAdd(SECOND));

        assertEquals(1, r.textFiles());
        assertEquals(textBytes, r.textBytes());
        assertEquals(textBytes / 1e6, r.textMbPerSecond(), 1e-9);
        assertEquals(3, r.pdfPages());
        assertEquals(3.0, r.pdfPagesPerSecond(), 1e-9);
        assertEquals(2, r.images());
        assertEquals("", r.ocrProblem());
        assertEquals(1.0, r.ocrSecondsPerImage(), 1e-9);
        assertEquals(1.0, r.cliSecondsPerImage(), 1e-9, "the tesseract command is installed here and in CI");
        assertEquals(1.0, r.ocrSpeedup(), 1e-9);
        assertEquals(2.0, r.parallelImagesPerSecond(), 1e-9);
        assertEquals(3, r.repeats());
        assertEquals(List.of("text: 1 files, 0 MB", "pdf: 1 files"), steps.subList(0, 2));
    }
}
