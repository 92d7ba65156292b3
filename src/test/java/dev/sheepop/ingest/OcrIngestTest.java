package dev.sheepop.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Tesseract on Java2D-rendered text: PNGs, a scanned PDF page, the limits and OCR being unavailable. */
class OcrIngestTest {
    static final List<String> LINES = List.of("The quick brown fox jumps", "over the lazy sleeping dog");

    @TempDir
    Path tmp;

    @Test
    void ocrsImagesAndScannedPdfPagesAndRefusesBombsBeforeDecoding() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("scans"));
        TestFiles.png(in.resolve("printed.png"), TestFiles.textImage(LINES, 40, false));
        TestFiles.pdf(in.resolve("mixed.pdf"), List.of("A real text layer on the first page."),
                List.of(TestFiles.textImage(List.of("Scanned pages need recognition"), 40, true)));
        TestFiles.pngHeaderOnly(in.resolve("bomb.png"), 100_000, 100_000);
        Files.write(in.resolve("broken.png"), new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9});

        IngestReport report = new Ingestor(IngestOptions.defaults().withWorkers(2))
                .run(List.of(in), tmp.resolve("ds"), IngestListener.NONE, () -> false);
        Dataset ds = Dataset.open(tmp.resolve("ds"));
        var files = report.files().stream().collect(java.util.stream.Collectors.toMap(FileRecord::path, r -> r));

        FileRecord png = files.get("scans/printed.png");
        assertEquals(Reason.OK, png.reason(), png.toString());
        String text = ds.extractedText("scans/printed.png").toLowerCase(Locale.ROOT);
        for (String word : List.of("quick", "brown", "fox", "jumps", "lazy", "sleeping", "dog")) {
            assertTrue(text.contains(word), "'" + word + "' not in OCR text: " + text);
        }
        assertNotNull(png.ocrConfidence());
        assertTrue(png.ocrConfidence() > 60, png.toString());

        FileRecord pdf = files.get("scans/mixed.pdf");
        assertEquals(2, pdf.pages());
        assertTrue(pdf.detail().contains("1 OCR'd"), pdf.detail());
        String pdfText = ds.extractedText("scans/mixed.pdf").toLowerCase(Locale.ROOT);
        assertTrue(pdfText.contains("a real text layer on the first page."), pdfText);
        assertTrue(pdfText.contains("scanned") && pdfText.contains("recognition"), pdfText);

        assertEquals(Reason.TOO_LARGE, files.get("scans/bomb.png").reason());
        assertTrue(files.get("scans/bomb.png").detail().contains("100000 × 100000"), files.get("scans/bomb.png").detail());
        assertEquals(Reason.IMAGE_DECODE_ERROR, files.get("scans/broken.png").reason());
    }

    @Test
    void reportsOcrUnavailableAndOcrTimeoutPerFile() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        TestFiles.png(in.resolve("page.png"), TestFiles.textImage(LINES, 40, false));
        Files.writeString(in.resolve("note.txt"), "text files still work without Tesseract\n");
        Path noTessdata = Files.createDirectories(tmp.resolve("empty-tessdata"));

        IngestReport without = new Ingestor(IngestOptions.defaults(), noTessdata)
                .run(List.of(in), tmp.resolve("a"), IngestListener.NONE, () -> false);
        FileRecord img = without.files().stream().filter(r -> r.path().endsWith("page.png")).findFirst().orElseThrow();
        assertEquals(Reason.OCR_UNAVAILABLE, img.reason());
        assertEquals("OCR unavailable: install tesseract-ocr (see README)", img.detail());
        assertEquals(1, without.stats().extracted());

        IngestReport timedOut = new Ingestor(IngestOptions.defaults().withOcrTimeout(Duration.ofMillis(1)))
                .run(List.of(in), tmp.resolve("b"), IngestListener.NONE, () -> false);
        FileRecord slow = timedOut.files().stream().filter(r -> r.path().endsWith("page.png")).findFirst().orElseThrow();
        assertEquals(Reason.OCR_TIMEOUT, slow.reason(), slow.toString());
    }
}
