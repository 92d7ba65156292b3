package dev.sheepop.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the generated files of sample-data/ (the PDF and the PNG; the source files are hand-written):
 * {@code java -cp target/classes:target/test-classes:<deps> dev.sheepop.ingest.SampleDataGenerator sample-data}.
 * The texts are public domain (Shakespeare's Sonnet 18, the opening of Dickens' A Tale of Two Cities) or
 * written for this project.
 */
public final class SampleDataGenerator {
    static final List<String> SONNET = List.of(
            "Shall I compare thee to a summer's day?",
            "Thou art more lovely and more temperate:",
            "Rough winds do shake the darling buds of May,",
            "And summer's lease hath all too short a date;",
            "Sometime too hot the eye of heaven shines,",
            "And often is his gold complexion dimm'd;");
    static final List<String> DICKENS = List.of(
            "It was the best of times, it was the worst of times,",
            "it was the age of wisdom, it was the age of foolishness,",
            "it was the epoch of belief, it was the epoch of incredulity,",
            "it was the season of Light, it was the season of Darkness,",
            "it was the spring of hope, it was the winter of despair.");
    static final String TYPED_PAGE = String.join("\n",
            "SheepOp Workbench sample document",
            "",
            "This first page has a real text layer: PDFBox reads it directly.",
            "The second page is only a picture of printed text, like a scan.",
            "With OCR switched on, Tesseract reads that page as well, and the",
            "manifest records the mean OCR confidence of the recognised page.");

    private SampleDataGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "sample-data");
        Files.createDirectories(dir);
        TestFiles.pdf(dir.resolve("typed-and-scanned.pdf"), List.of(TYPED_PAGE),
                List.of(TestFiles.textImage(DICKENS, 34, true)));
        TestFiles.png(dir.resolve("printed-sonnet.png"), TestFiles.textImage(SONNET, 32, false));
    }
}
