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

        // a scanned PDF page over the pixel limit is refused before rendering; the text page survives
        Path pdfs = Files.createDirectories(tmp.resolve("pdfs"));
        TestFiles.pdf(pdfs.resolve("mixed.pdf"), List.of("The typed page of this document."),
                List.of(TestFiles.textImage(LINES, 40, true)));
        IngestReport limited = new Ingestor(IngestOptions.defaults().withMaxImagePixels(1_000_000))
                .run(List.of(pdfs), tmp.resolve("c"), IngestListener.NONE, () -> false);
        FileRecord pdf = limited.files().get(0);
        assertEquals(Reason.OK, pdf.reason(), pdf.toString());
        assertTrue(pdf.detail().contains("OCR failed on page 2") && pdf.detail().contains("Mpixel"), pdf.detail());
        assertEquals("The typed page of this document.", Dataset.open(tmp.resolve("c")).extractedText("pdfs/mixed.pdf"));
    }

    @Test
    void cacheHonoursTheOcrSwitchWithoutPayingForOcrTwice() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        TestFiles.pdf(in.resolve("mixed.pdf"), List.of("A real text layer on the first page."),
                List.of(TestFiles.textImage(List.of("Scanned pages need recognition"), 40, true)));
        Path out = tmp.resolve("ds");
        var withOcr = new Ingestor(IngestOptions.defaults());
        var noOcr = new Ingestor(IngestOptions.defaults().withOcr(false));

        IngestReport a = noOcr.run(List.of(in), out, IngestListener.NONE, () -> false);
        assertTrue(a.files().get(0).detail().contains("not OCR'd"), a.files().get(0).detail());
        IngestReport b = withOcr.run(List.of(in), out, IngestListener.NONE, () -> false);
        assertEquals(1, b.extractedNow()); // the no-OCR cache entry is not good enough now
        assertTrue(Dataset.open(out).extractedText("in/mixed.pdf").toLowerCase(Locale.ROOT).contains("recognition"));
        IngestReport c = noOcr.run(List.of(in), out, IngestListener.NONE, () -> false);
        assertEquals(1, c.extractedNow()); // --no-ocr: OCR'd text is not used
        assertTrue(!Dataset.open(out).extractedText("in/mixed.pdf").toLowerCase(Locale.ROOT).contains("recognition"));
        IngestReport d = withOcr.run(List.of(in), out, IngestListener.NONE, () -> false);
        assertEquals(0, d.extractedNow()); // the OCR'd entry survived the --no-ocr run
        assertTrue(d.files().get(0).cached());
    }

    @Test
    void interruptingTheCallerCancelsWhileWorkersAreOcring() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("many"));
        for (int i = 0; i < 4; i++) {
            TestFiles.png(in.resolve("p" + i + ".png"), TestFiles.textImage(List.of("page number " + i, "of a long scan"), 40, false));
        }
        var started = new java.util.concurrent.CountDownLatch(1);
        var outcome = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread caller = new Thread(() -> {
            try {
                new Ingestor(IngestOptions.defaults().withWorkers(1)).run(List.of(in), tmp.resolve("ds"), e -> {
                    if (e instanceof IngestEvent.FileStarted) {
                        started.countDown();
                    }
                }, () -> Thread.currentThread().isInterrupted());
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        caller.start();
        assertTrue(started.await(30, java.util.concurrent.TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(60_000);
        assertTrue(outcome.get() instanceof java.util.concurrent.CancellationException, String.valueOf(outcome.get()));
        assertTrue(!Dataset.isDataset(tmp.resolve("ds")));
    }
}
