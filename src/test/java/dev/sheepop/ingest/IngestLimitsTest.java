package dev.sheepop.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Limits per file and per PDF, what is cached when a limit cuts an extraction short, and duplicates of failures. */
class IngestLimitsTest {
    private static final List<String> LINES = List.of("It was the best of times, it was the worst of times,",
            "it was the age of wisdom, it was the age of foolishness,");
    @TempDir
    Path tmp;

    private static FileRecord only(IngestReport report, String suffix) {
        return report.files().stream().filter(r -> r.path().endsWith(suffix)).findFirst().orElseThrow();
    }

    @Test
    void aPdfPageCutShortByTheOcrTimeLimitIsTriedAgainWithALongerOne() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        TestFiles.pdf(in.resolve("mixed.pdf"), List.of("The typed page of this document."), List.of(TestFiles.textImage(LINES, 40, true)));
        Path out = tmp.resolve("ds");
        IngestReport hurried = new Ingestor(IngestOptions.defaults().withOcrTimeout(Duration.ofMillis(1)))
                .run(List.of(in), out, IngestListener.NONE, () -> false);
        assertTrue(only(hurried, "mixed.pdf").detail().contains("OCR failed on page 2"), only(hurried, "mixed.pdf").detail());
        IngestReport same = new Ingestor(IngestOptions.defaults().withOcrTimeout(Duration.ofMillis(1)))
                .run(List.of(in), out, IngestListener.NONE, () -> false);
        assertEquals(0, same.extractedNow(), "the same limits: the cached (cut short) result stands");
        IngestReport patient = new Ingestor(IngestOptions.defaults()).run(List.of(in), out, IngestListener.NONE, () -> false);
        assertEquals(1, patient.extractedNow(), "a longer time limit extracts the PDF again");
        assertTrue(Dataset.open(out).extractedText("in/mixed.pdf").contains("foolishness"));
        assertFalse(only(patient, "mixed.pdf").detail().contains("OCR failed"), only(patient, "mixed.pdf").detail());
    }

    @Test
    void pdfsAreCappedInPagesAndEmbeddedImagesAreSizeCheckedBeforeRendering() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        TestFiles.pdf(in.resolve("long.pdf"), List.of("Page one is here.", "Page two is here.", "Page three is here."), List.of());
        TestFiles.pdf(in.resolve("poster.pdf"), List.of(), List.of(new BufferedImage(4000, 3000, BufferedImage.TYPE_BYTE_GRAY)));
        var options = IngestOptions.defaults().withMaxPdfPages(2).withMaxImagePixels(10_000_000);   // an A4 page at 300 dpi: 8.7
        IngestReport report = new Ingestor(options).run(List.of(in), tmp.resolve("ds"), IngestListener.NONE, () -> false);
        FileRecord longPdf = only(report, "long.pdf");
        assertEquals(Reason.OK, longPdf.reason());
        assertTrue(longPdf.detail().contains("only the first 2 of 3 pages read (the page limit, --max-pdf-pages)"), longPdf.detail());
        String text = Dataset.open(tmp.resolve("ds")).extractedText("in/long.pdf");
        assertTrue(text.contains("Page two") && !text.contains("Page three"), text);
        FileRecord poster = only(report, "poster.pdf");
        assertEquals(Reason.TOO_LARGE, poster.reason(), poster.toString());
        assertTrue(poster.detail().contains("an embedded image of 4,000 × 3,000 pixels is over the limit of 10.0 Mpixel"),
                poster.detail());
        // more pages allowed now: the capped PDF is read again, completely
        IngestReport more = new Ingestor(IngestOptions.defaults().withMaxPdfPages(10))
                .run(List.of(in), tmp.resolve("ds"), IngestListener.NONE, () -> false);
        assertTrue(Dataset.open(tmp.resolve("ds")).extractedText("in/long.pdf").contains("Page three"));
        assertFalse(only(more, "long.pdf").detail().contains("page limit"));
    }

    @Test
    void aTimeLimitPerPdfKeepsThePagesReadSoFar() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        TestFiles.pdf(in.resolve("slow.pdf"), List.of("First page text.", "Second page text."), List.of());
        var options = IngestOptions.defaults().withMaxPdfTime(Duration.ofNanos(1));
        IngestReport report = new Ingestor(options).run(List.of(in), tmp.resolve("ds"), IngestListener.NONE, () -> false);
        FileRecord slow = only(report, "slow.pdf");
        assertTrue(slow.detail().contains("(the time limit per PDF, --max-pdf-seconds)"), slow.detail());
    }

    @Test
    void aDuplicateOfAFileThatFailedIsExtractedItselfAndOnlyOnce() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        TestFiles.png(in.resolve("a.png"), TestFiles.textImage(LINES, 40, false));
        Files.copy(in.resolve("a.png"), in.resolve("b.png"));
        Files.copy(in.resolve("a.png"), in.resolve("c.png"));
        Files.writeString(in.resolve("n1.txt"), "the same note twice, word for word\n");
        Files.writeString(in.resolve("n2.txt"), "the same note twice, word for word\n");
        IngestReport report = new Ingestor(IngestOptions.defaults().withWorkers(1)).run(List.of(in), tmp.resolve("ds"), e -> { },
                () -> false);
        assertEquals(Reason.OK, only(report, "a.png").reason());
        assertEquals(Reason.DUPLICATE, only(report, "b.png").reason());
        assertEquals("same content as in/a.png", only(report, "b.png").detail());
        assertEquals(Reason.DUPLICATE, only(report, "n2.txt").reason());

        // now the first copy fails (OCR times out on every copy): no copy is a "duplicate" of a failure
        IngestReport failing = new Ingestor(IngestOptions.defaults().withOcrTimeout(Duration.ofMillis(1)))
                .run(List.of(in), tmp.resolve("ds2"), IngestListener.NONE, () -> false);
        for (String name : List.of("a.png", "b.png", "c.png")) {
            assertEquals(Reason.OCR_TIMEOUT, only(failing, name).reason(), name + ": " + only(failing, name));
        }
    }

    @Test
    void onlyARealBitmapHeaderMakesAnImage() {
        byte[] fake = "BM is how this memo starts, and then it goes on in plain text".getBytes();
        assertEquals(FileRecord.TEXT, FileTypes.sniff(fake));
        byte[] binary = new byte[64];
        binary[0] = 'B';
        binary[1] = 'M';
        binary[30] = 0;
        assertEquals(FileRecord.UNKNOWN, FileTypes.sniff(binary), "BM followed by zeros is no BMP: a DIB header size of 0");
        byte[] bmp = new byte[64];
        bmp[0] = 'B';
        bmp[1] = 'M';
        bmp[10] = 54;   // pixel data after a 14-byte file header and a 40-byte DIB header
        bmp[14] = 40;
        assertEquals(FileRecord.IMAGE, FileTypes.sniff(bmp));
    }
}
