package dev.sheepop.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark on a tiny folder: every figure is measured, finite and positive. */
class IngestBenchTest {
    @TempDir
    Path tmp;

    @Test
    void measuresTextPdfAndOcrOnAGivenFolder() throws IOException {
        BenchInputs.text(tmp.resolve("in"), 1, 200_000);
        BenchInputs.pdfs(tmp.resolve("in"), 1, 3);
        BenchInputs.images(tmp.resolve("in"), 1);
        List<String> steps = new ArrayList<>();
        IngestBench.Result r = IngestBench.run(tmp.resolve("in"), 1, steps::add);
        assertEquals(1, r.textFiles());
        assertTrue(r.textMbPerSecond() > 0 && Double.isFinite(r.textMbPerSecond()), r.toString());
        assertEquals(3, r.pdfPages());
        assertTrue(r.pdfPagesPerSecond() > 0 && Double.isFinite(r.pdfPagesPerSecond()), r.toString());
        assertEquals(1, r.images());
        assertEquals("", r.ocrProblem());
        assertTrue(r.ocrSecondsPerImage() > 0.01, r.toString());
        assertTrue(r.cliSecondsPerImage() > 0.01, r.toString()); // the tesseract command is installed here and in CI
        assertTrue(r.parallelImagesPerSecond() > 0, r.toString());
        assertTrue(steps.size() >= 3, steps.toString());
    }
}
