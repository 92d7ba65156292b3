package dev.sheepop.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Folders SheepOp wrote (checkpoints, training runs, datasets) are skipped as one entry, never read as text. */
class SheepopFoldersTest {
    private static final Path SHIPPED = Path.of("sample-data", "checkpoint");

    @TempDir
    Path tmp;

    private static final String TEXT = "A line of real training text, long enough to keep.\n";

    private static IngestReport ingest(List<Path> inputs, Path out) {
        return new Ingestor(IngestOptions.defaults().withOcr(false).withWorkers(2))
                .run(inputs, out, IngestListener.NONE, () -> false);
    }

    private static Map<String, FileRecord> byPath(IngestReport report) {
        return report.files().stream().collect(Collectors.toMap(FileRecord::path, Function.identity()));
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
    }

    @Test
    void checkpointRunAndDatasetFoldersAreSkippedWithTheirReason() throws IOException {
        assertTrue(Files.isRegularFile(SHIPPED.resolve("weights.bin")), "the shipped checkpoint is in sample-data");
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("story.txt"), TEXT);
        copyFolder(SHIPPED, data.resolve("checkpoint"));                                  // the shipped checkpoint
        Path run = Files.createDirectories(data.resolve("runs").resolve("tiny-20261130-001500"));
        Files.writeString(run.resolve("config.json"), "{\"model\": {\"d_model\": 64}}\n");
        Files.writeString(run.resolve("metrics.jsonl"), "{\"type\":\"step\",\"step\":1,\"loss\":3.2}\n");
        copyFolder(SHIPPED, run.resolve("checkpoints").resolve("best"));
        Path bareRun = Files.createDirectories(data.resolve("old-run"));                  // no config.json
        copyFolder(SHIPPED, bareRun.resolve("checkpoints").resolve("step-0000100"));
        Path dataset = tmp.resolve("ds-first");
        ingest(List.of(data.resolve("story.txt")), dataset);
        copyFolder(dataset, data.resolve("my-dataset"));                                  // an earlier ingest output

        IngestReport report = ingest(List.of(data), tmp.resolve("ds"));
        var f = byPath(report);
        assertEquals(Reason.OK, f.get("data/story.txt").reason());
        assertSkipped(f.get("data/checkpoint"), "SheepOp checkpoint folder");
        assertSkipped(f.get("data/runs/tiny-20261130-001500"), "SheepOp run folder");
        assertSkipped(f.get("data/old-run"), "SheepOp run folder");
        assertSkipped(f.get("data/my-dataset"), "SheepOp dataset folder");
        assertTrue(f.keySet().stream().noneMatch(p -> p.contains(".json") || p.endsWith(".bin")), f.keySet().toString());
        assertEquals(5, report.files().size(), f.keySet().toString());
        assertEquals(1, report.stats().extracted());
        assertEquals(4, report.stats().skipped());
        assertEquals(TEXT.strip(), Dataset.open(tmp.resolve("ds")).extractedText("data/story.txt"));
    }

    @Test
    void aCheckpointFolderGivenByNameIsOneSkippedEntryToo() {
        IngestReport report = ingest(List.of(SHIPPED), tmp.resolve("ds"));
        assertEquals(1, report.files().size());
        assertSkipped(report.files().get(0), "SheepOp checkpoint folder");
        assertEquals(0, report.stats().extracted());
    }

    @Test
    void anOrdinaryFolderWithJsonFilesIsStillWalked() throws IOException {
        Path notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notes.resolve("meta.json"), "{\"title\": \"not a checkpoint, just metadata\"}\n");
        Files.writeString(notes.resolve("config.json"), "{\"option\": \"an ordinary configuration file\"}\n");
        Files.createDirectories(notes.resolve("checkpoints")); // empty, and no metrics.jsonl: not a run folder
        assertFalse(dev.sheepop.common.RunLayout.isCheckpoint(notes));
        IngestReport report = ingest(List.of(notes), tmp.resolve("ds"));
        var f = byPath(report);
        assertEquals(Reason.OK, f.get("notes/meta.json").reason());
        assertEquals(Reason.OK, f.get("notes/config.json").reason());
    }

    private static void assertSkipped(FileRecord r, String why) {
        assertTrue(r != null, "missing record for a SheepOp folder");
        assertEquals(Outcome.SKIPPED, r.outcome(), r.toString());
        assertEquals(Reason.SHEEPOP_FOLDER, r.reason(), r.toString());
        assertEquals(FileRecord.FOLDER, r.type());
        assertTrue(r.detail().startsWith(why), r.detail());
    }
}
