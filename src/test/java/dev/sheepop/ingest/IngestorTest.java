package dev.sheepop.ingest;

import dev.sheepop.common.UserException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ingestion of good and hostile inputs, without OCR (see OcrIngestTest for OCR). */
class IngestorTest {
    @TempDir
    Path tmp;
    Path in;
    Path out;
    static final IngestOptions NO_OCR = IngestOptions.defaults().withOcr(false).withWorkers(2);

    @BeforeEach
    void setUp() throws IOException {
        in = Files.createDirectories(tmp.resolve("notes"));
        out = tmp.resolve("ds");
    }

    private IngestReport ingest(IngestOptions options) {
        return new Ingestor(options).run(List.of(in), out, IngestListener.NONE, () -> false);
    }

    private static Map<String, FileRecord> byPath(IngestReport report) {
        return report.files().stream().collect(Collectors.toMap(FileRecord::path, Function.identity()));
    }

    private void write(String name, String text) throws IOException {
        Path p = in.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    @Test
    void extractsTextCodeAndPdfAndWritesTheDatasetFolder() throws IOException {
        write("a.txt", "The first document has a long line.\r\nok\r\nAnd a second long line.\n");
        write("src/Hello.java", "class Hello {\n    public static void main(String[] a) {}\n}\n");
        write("notes.unknownext", "plain words in a file with an unknown extension\n");
        TestFiles.pdf(in.resolve("paper.pdf"), List.of("Page one of the paper.\nWith a second line.", "Page two text."),
                List.of());
        var events = new CopyOnWriteArrayList<IngestEvent>();
        IngestReport report = new Ingestor(NO_OCR).run(List.of(in), out, events::add, () -> false);
        var files = byPath(report);
        assertEquals(4, report.stats().extracted(), report.files().toString());
        assertEquals("The first document has a long line.\nAnd a second long line.",
                Dataset.open(out).extractedText("notes/a.txt"));
        assertEquals(FileRecord.CODE, files.get("notes/src/Hello.java").type());
        assertEquals(2, files.get("notes/src/Hello.java").lines()); // the lone "}" is shorter than 10 characters
        assertEquals(FileRecord.TEXT, files.get("notes/notes.unknownext").type());
        FileRecord pdf = files.get("notes/paper.pdf");
        assertEquals(2, pdf.pages());
        assertNull(pdf.ocrConfidence());
        assertTrue(Dataset.open(out).extractedText("notes/paper.pdf").contains("Page one of the paper."));
        assertTrue(Dataset.open(out).extractedText("notes/paper.pdf").contains("Page two text."));

        // events: Started first, one FileDone per record, Finished last
        assertInstanceOf(IngestEvent.Started.class, events.get(0));
        assertEquals(4, ((IngestEvent.Started) events.get(0)).totalFiles());
        assertEquals(4, events.stream().filter(e -> e instanceof IngestEvent.FileDone).count());
        // every file is identified (size, mtime, hash) before any extraction starts, with progress
        int firstStarted = events.indexOf(events.stream().filter(e -> e instanceof IngestEvent.FileStarted).findFirst().orElseThrow());
        var identified = events.subList(1, firstStarted).stream().map(e -> (IngestEvent.Identified) e).toList();
        assertEquals(4, identified.size());
        assertEquals(java.util.Set.of(1, 2, 3, 4), identified.stream().map(IngestEvent.Identified::done)
                .collect(Collectors.toSet()));
        assertTrue(identified.stream().allMatch(i -> i.total() == 4 && i.bytes() > 0));
        assertTrue(identified.stream().anyMatch(i -> i.path().equals("notes/paper.pdf")));
        assertInstanceOf(IngestEvent.Finished.class, events.get(events.size() - 1));

        // the folder: corpus.txt documents separated by U+001E lines, in manifest order
        Dataset ds = Dataset.open(out);
        String corpus = Files.readString(out.resolve(DatasetLayout.CORPUS));
        assertEquals(4, corpus.split("\n\u001E\n", -1).length - 1);
        assertEquals(ds.documents(), Dataset.splitCorpus(corpus));
        assertEquals(ds.documents().get(0), ds.extractedText("notes/a.txt"));
        assertEquals(64, ds.corpusHash().length());
        assertTrue(Files.isRegularFile(out.resolve(DatasetLayout.STATS)));
        assertEquals(report.stats(), ds.stats());
    }

    @Test
    void reportsEveryBadInputWithItsReasonAndKeepsTheGoodOnes() throws IOException {
        write("good.md", "A good markdown file with enough text.\n");
        Files.write(in.resolve("empty.txt"), new byte[0]);
        Files.write(in.resolve("binary.txt"), new byte[]{0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0});
        Files.write(in.resolve("blob.xyz"), new byte[]{1, 2, 3, 0, 0, (byte) 0xFF, 4, 5});
        Files.write(in.resolve("latin1.txt"), "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, tr\u00e8s bien.\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        write("short.txt", "tiny\nbits\n");
        write("z-copy.md", "A good markdown file with enough text.\n");
        write(".hidden.txt", "A hidden file that is long enough.\n");
        write(".git/config", "[core] repositoryformatversion = 0\n");
        write("node_modules/x/index.js", "module.exports = function () { return 42; };\n");
        byte[] pdf = pdfBytes();
        Files.write(in.resolve("truncated.pdf"), java.util.Arrays.copyOf(pdf, 120));
        TestFiles.encryptedPdf(in.resolve("secret.pdf"), "Nobody may read this text.");
        Files.createSymbolicLink(in.resolve("loop"), in);
        Files.createSymbolicLink(in.resolve("dangling.txt"), in.resolve("missing.txt"));

        IngestReport report = ingest(NO_OCR);
        var f = byPath(report);
        assertEquals(Reason.OK, f.get("notes/good.md").reason());
        assertEquals(Reason.EMPTY, f.get("notes/empty.txt").reason());
        assertEquals(Reason.BINARY, f.get("notes/binary.txt").reason());
        assertEquals(Reason.BINARY, f.get("notes/blob.xyz").reason());
        assertEquals(Reason.OK, f.get("notes/latin1.txt").reason());
        assertTrue(f.get("notes/latin1.txt").detail().contains("Windows-1252"), f.get("notes/latin1.txt").detail());
        assertTrue(Dataset.open(out).extractedText("notes/latin1.txt").startsWith("Caf\u00e9 cr\u00e8me"));
        assertEquals(Reason.TOO_SHORT, f.get("notes/short.txt").reason());
        assertEquals(Reason.DUPLICATE, f.get("notes/z-copy.md").reason());
        assertTrue(f.get("notes/z-copy.md").detail().contains("notes/good.md"));
        assertEquals(Reason.HIDDEN, f.get("notes/.hidden.txt").reason());
        assertEquals(Reason.HIDDEN, f.get("notes/.git").reason());
        assertEquals(FileRecord.FOLDER, f.get("notes/.git").type());
        assertEquals(Reason.HIDDEN, f.get("notes/node_modules").reason());
        assertEquals(Reason.CORRUPT_PDF, f.get("notes/truncated.pdf").reason());
        assertEquals(Outcome.FAILED, f.get("notes/truncated.pdf").outcome());
        assertEquals(Reason.ENCRYPTED_PDF, f.get("notes/secret.pdf").reason());
        assertEquals(Reason.SYMLINK_LOOP, f.get("notes/loop").reason());
        assertEquals(Reason.UNREADABLE, f.get("notes/dangling.txt").reason());
        assertEquals(2, report.stats().extracted());
        for (FileRecord r : report.files()) {
            assertFalse(r.detail().contains("\n"), r.toString());
            assertEquals(r.reason().outcome(), r.outcome());
            if (r.outcome() != Outcome.EXTRACTED) {
                assertFalse(r.detail().isBlank(), "a skipped/failed file needs a reason detail: " + r);
            }
        }
        // include-hidden walks them
        IngestReport all = new Ingestor(NO_OCR.withIncludeHidden(true)).run(List.of(in), tmp.resolve("ds2"),
                IngestListener.NONE, () -> false);
        var g = byPath(all);
        assertEquals(Reason.OK, g.get("notes/.hidden.txt").reason());
        assertEquals(Reason.OK, g.get("notes/node_modules/x/index.js").reason());
    }

    private byte[] pdfBytes() throws IOException {
        Path p = tmp.resolve("whole.pdf");
        TestFiles.pdf(p, List.of("Some text that will be cut off."), List.of());
        byte[] bytes = Files.readAllBytes(p);
        Files.delete(p);
        return bytes;
    }

    @Test
    void limitsFileSizeAndHandlesAHugeSingleLine() throws IOException {
        String line = "x".repeat(10 * 1024 * 1024);
        write("oneline.txt", line);
        write("small.txt", "a small file with a line long enough\n");
        IngestReport report = ingest(NO_OCR);
        FileRecord big = byPath(report).get("notes/oneline.txt");
        assertEquals(Reason.OK, big.reason());
        assertEquals(line.length(), big.characters());
        assertEquals(1, big.lines());

        IngestReport limited = new Ingestor(NO_OCR.withMaxFileBytes(1024 * 1024)).run(List.of(in), tmp.resolve("ds2"),
                IngestListener.NONE, () -> false);
        FileRecord refused = byPath(limited).get("notes/oneline.txt");
        assertEquals(Reason.TOO_LARGE, refused.reason());
        assertTrue(refused.detail().contains("over the limit"), refused.detail());
        assertEquals(Reason.OK, byPath(limited).get("notes/small.txt").reason());
    }

    @Test
    void imagesAreSkippedWhenOcrIsOff() throws IOException {
        TestFiles.png(in.resolve("scan.png"), TestFiles.textImage(List.of("Hello"), 24, false));
        TestFiles.pdf(in.resolve("scan.pdf"), List.of(), List.of(TestFiles.textImage(List.of("Hello"), 24, true)));
        IngestReport report = ingest(NO_OCR);
        assertEquals(Reason.OCR_DISABLED, byPath(report).get("notes/scan.png").reason());
        assertEquals(Reason.OCR_DISABLED, byPath(report).get("notes/scan.pdf").reason());
        assertTrue(report.nothingExtracted());
        assertTrue(report.noDataMessage("notes").startsWith("No data extracted from notes: 2 files found, 2 skipped, 0 failed — see "),
                report.noDataMessage("notes"));
    }

    @Test
    void cancellationStopsTheRunAndKeepsThePreviousDataset() throws IOException {
        for (int i = 0; i < 40; i++) {
            write("f" + i + ".txt", "file number " + i + " with enough characters\n");
        }
        IngestReport first = ingest(NO_OCR.withWorkers(1));
        String corpus = Files.readString(out.resolve(DatasetLayout.CORPUS));
        write("new.txt", "a new file that will not make it into the corpus\n");
        var done = new java.util.concurrent.atomic.AtomicInteger();
        assertThrows(CancellationException.class, () -> new Ingestor(NO_OCR.withWorkers(1)).run(List.of(in), out,
                e -> {
                    if (e instanceof IngestEvent.FileDone) {
                        done.incrementAndGet();
                    }
                }, () -> done.get() >= 3));
        assertTrue(done.get() < first.files().size() + 1, "stopped early: " + done.get());
        assertEquals(corpus, Files.readString(out.resolve(DatasetLayout.CORPUS)));
    }

    @Test
    void refusesMissingInputsAndForeignOutputFolders() throws IOException {
        var ingestor = new Ingestor(NO_OCR);
        var e = assertThrows(UserException.class, () -> ingestor.run(List.of(tmp.resolve("nope")), out,
                IngestListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("important.doc"), "do not overwrite");
        var e2 = assertThrows(UserException.class, () -> ingestor.run(List.of(in), foreign, IngestListener.NONE, () -> false));
        assertTrue(e2.getMessage().contains("not a dataset folder"), e2.getMessage());
        var e3 = assertThrows(UserException.class, () -> Dataset.open(foreign));
        assertTrue(e3.getMessage().contains(foreign.toString()), e3.getMessage());
    }

    @Test
    void walksInAStableOrderSoTheCorpusIsDeterministic() throws IOException {
        List<String> names = new ArrayList<>(List.of("b.txt", "a.txt", "c/d.txt", "c/a.txt", "e.txt"));
        for (String n : names) {
            write(n, "document " + n + " with some text\n");
        }
        IngestReport one = new Ingestor(NO_OCR.withWorkers(1)).run(List.of(in), tmp.resolve("one"), IngestListener.NONE, () -> false);
        IngestReport two = new Ingestor(NO_OCR.withWorkers(4)).run(List.of(in), tmp.resolve("two"), IngestListener.NONE, () -> false);
        assertEquals(List.of("notes/a.txt", "notes/b.txt", "notes/c/a.txt", "notes/c/d.txt", "notes/e.txt"),
                one.files().stream().map(FileRecord::path).toList());
        assertEquals(Dataset.open(tmp.resolve("one")).corpusHash(), Dataset.open(tmp.resolve("two")).corpusHash());
        assertEquals(one.files().stream().map(FileRecord::path).toList(), two.files().stream().map(FileRecord::path).toList());
    }
}
