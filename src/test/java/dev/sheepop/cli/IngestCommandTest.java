package dev.sheepop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    @TempDir
    Path tmp;

    private int run(String... args) {
        return Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void ingestsAFolderAndPrintsTheSummaryTable() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(in.resolve("a.txt"), "a line of text that is long enough\n");
        Files.write(in.resolve("b.bin"), new byte[]{0, 1, 2, 3});
        Path ds = tmp.resolve("ds");
        assertEquals(Cli.OK, run("ingest", in.toString(), "--out", ds.toString(), "--no-ocr", "--workers", "1"));
        String table = out.toString();
        assertTrue(table.contains("FILE") && table.contains("OUTCOME"), table);
        assertTrue(table.contains("notes/a.txt") && table.contains("extracted"), table);
        assertTrue(table.contains("binary"), table);
        assertTrue(table.contains("2 files: 1 extracted (1 now, 0 from cache), 1 skipped, 0 failed"), table);
        assertTrue(Files.isRegularFile(ds.resolve("corpus.txt")));
        assertTrue(err.toString().contains("2/2 (100%)"), err.toString());
        assertTrue(err.toString().contains("checking notes/"), err.toString()); // the hashing phase has progress too
    }

    @Test
    void aCheckpointFolderIsNotTrainingText() {
        Path ds = tmp.resolve("ds");
        Path shipped = Path.of("sample-data", "checkpoint");
        assertEquals(Cli.FAILED, run("ingest", shipped.toString(), "--out", ds.toString(), "--no-ocr"));
        assertTrue(out.toString().contains("SheepOp checkpoint folder"), out.toString());
        String last = err.toString().strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("sheepop: No data extracted from " + shipped + ": 1 files found, 1 skipped, 0 failed — see "
                + ds.resolve("manifest.json"), last);
    }

    @Test
    void nothingExtractedExitsOneWithTheManifestHint() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("junk"));
        Files.write(in.resolve("x.bin"), new byte[]{0, 1, 2, 3});
        Files.writeString(in.resolve("short.txt"), "tiny\n");
        Path ds = tmp.resolve("ds");
        assertEquals(Cli.FAILED, run("ingest", in.toString(), "--out", ds.toString(), "--no-ocr"));
        String last = err.toString().strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("sheepop: No data extracted from " + in + ": 2 files found, 2 skipped, 0 failed — see "
                + ds.resolve("manifest.json"), last);
        assertTrue(Files.isRegularFile(ds.resolve("manifest.json")));
    }

    @Test
    void missingPathFailsAndBadOptionsAreUsageErrors() {
        assertEquals(Cli.FAILED, run("ingest", tmp.resolve("missing").toString(), "--out", tmp.resolve("ds").toString()));
        assertTrue(err.toString().contains("No such file or folder: " + tmp.resolve("missing")), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertEquals(Cli.USAGE, run("ingest"));
        assertEquals(Cli.USAGE, run("ingest", tmp.toString(), "--workers", "-1"));
        assertEquals(Cli.USAGE, run("ingest", tmp.toString(), "--min-length", "many"));
        err.getBuffer().setLength(0);
        assertEquals(Cli.USAGE, run("ingest", tmp.toString(), "--max-file-mb", "0"));
        assertTrue(err.toString().startsWith("sheepop: --max-file-mb: must be in [1, "), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(Cli.USAGE, run("ingest", tmp.toString(), "--ocr-timeout", "0"));
        assertTrue(err.toString().startsWith("sheepop: --ocr-timeout: must be in [1, "), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(Cli.USAGE, run("ingest", tmp.toString(), "--min-length", "-5"));
        assertTrue(err.toString().startsWith("sheepop: --min-length: must be in [0, 10,000], got -5"), err.toString());
    }

    @Test
    void defaultOutputIsUnderDatasets() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("my-notes"));
        assertEquals(Path.of("datasets", "my-notes"), IngestCommand.defaultOut(folder));
        Path file = Files.writeString(tmp.resolve("book.txt"), "x");
        assertEquals(Path.of("datasets", "book"), IngestCommand.defaultOut(file));
    }
}
