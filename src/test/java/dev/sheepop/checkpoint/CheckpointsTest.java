package dev.sheepop.checkpoint;

import dev.sheepop.common.Json;
import dev.sheepop.common.RunLayout;
import dev.sheepop.common.UserException;
import dev.sheepop.config.Presets;
import dev.sheepop.config.RunConfig;
import dev.sheepop.model.GptInit;
import dev.sheepop.tokenizer.CharTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointsTest {
    @TempDir
    Path run;

    final CharTokenizer tokenizer = CharTokenizer.fit("hello world");
    final RunConfig config = Presets.tiny().withModel(Presets.tiny().model().withVocabSize(tokenizer.vocabSize()));

    CheckpointMeta meta(long step, String kind) {
        return new CheckpointMeta(CheckpointMeta.FORMAT_VERSION, kind, step, 0, 2.5, 2.7, 2.7, Instant.now().toString(),
                tokenizer.hash(), "corpus", config.model().parameterCount(), step * 100, 1.0, 3.9, null);
    }

    CheckpointStore.Contents contents(long step) {
        Map<String, INDArray> w = GptInit.initialWeights(config.model(), step);
        return new CheckpointStore.Contents(config, tokenizer, w, Map.of("m/wte", w.get("wte")),
                new TrainingState(step, 0, step, 1.0, 0, 2.7, step * 100, 1.5, 1), null);
    }

    @Test
    void writesLoadsListsAndKeepsTheNewestPlusBest() throws Exception {
        var store = new CheckpointStore(run, 2);
        for (long s = 10; s <= 40; s += 10) {
            store.write(meta(s, "interval"), contents(s), false);
        }
        store.write(meta(20, "best"), contents(20), true);
        var infos = Checkpoints.list(run);
        assertEquals(3, infos.size());
        assertEquals(30, infos.get(0).step());
        assertEquals("best", infos.get(2).path().getFileName().toString());
        long bytes = 0;
        try (var files = Files.list(infos.get(0).path())) {
            for (Path f : files.toList()) {
                bytes += Files.size(f);
            }
        }
        assertEquals(bytes, infos.get(0).sizeBytes(), "the folder's files together");
        var best = Checkpoints.load(run);
        assertEquals(20, best.meta().step());
        assertEquals(contents(20).weights().get("wte"), best.weights().get("wte"));
        assertEquals(40, Checkpoints.loadResumable(run).state().step());
        assertEquals(tokenizer.hash(), best.tokenizer().hash());
        // a folder of runs lists them all
        assertEquals(3, Checkpoints.list(run.getParent()).stream().filter(i -> i.path().startsWith(run)).count());
    }

    @Test
    void aWriteThatFailsMidwayLeavesTheExistingCheckpointIntact() throws Exception {
        var store = new CheckpointStore(run, 3);
        store.write(meta(5, "best"), contents(5), true);
        store.afterFile = name -> {
            if (name.equals(RunLayout.WEIGHTS)) {
                throw new IllegalStateException("disk full (simulated)");
            }
        };
        assertThrows(IllegalStateException.class, () -> store.write(meta(9, "best"), contents(9), true));
        assertThrows(IllegalStateException.class, () -> store.write(meta(9, "interval"), contents(9), false));
        var loaded = Checkpoints.load(run);
        assertEquals(5, loaded.meta().step());
        assertEquals(contents(5).weights().get("h0.mlp.w1"), loaded.weights().get("h0.mlp.w1"));
        assertEquals(1, Checkpoints.list(run).size());
        try (var files = Files.list(run.resolve(RunLayout.CHECKPOINTS))) {
            assertEquals(List.of("best"), files.map(f -> f.getFileName().toString()).filter(n -> !n.equals(CheckpointStore.LOCK))
                    .toList(), "no temporary folder left behind");
        }
    }

    @Test
    void refusesMissingFilesNewerFormatsAndMismatchedTokenizers() throws Exception {
        Path dir = new CheckpointStore(run, 3).write(meta(1, "interval"), contents(1), false);
        Files.delete(dir.resolve(RunLayout.WEIGHTS));
        var e = assertThrows(UserException.class, () -> Checkpoints.load(dir));
        assertTrue(e.getMessage().contains("weights.bin is missing"), e.getMessage());

        Path dir2 = new CheckpointStore(run, 3).write(meta(2, "interval"), contents(2), false);
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(dir2.resolve(RunLayout.META).toFile());
        tree.put("format_version", 99);
        Json.mapper().writeValue(dir2.resolve(RunLayout.META).toFile(), tree);
        e = assertThrows(UserException.class, () -> Checkpoints.load(dir2));
        assertTrue(e.getMessage().contains("format version 99"), e.getMessage());

        Path dir3 = new CheckpointStore(run, 3).write(meta(3, "interval"), contents(3), false);
        dev.sheepop.tokenizer.TokenizerIO.save(CharTokenizer.fit("hello worlds"), dir3.resolve(RunLayout.TOKENIZER));
        e = assertThrows(UserException.class, () -> Checkpoints.load(dir3));
        assertTrue(e.getMessage().contains("tokenizer"), e.getMessage());

        e = assertThrows(UserException.class, () -> Checkpoints.load(run.resolve("nothing")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    /** A crash: an Error, which the store does not catch (no cleanup runs, as when the process dies). */
    static final class Crash extends Error {
        Crash(String where) {
            super("simulated crash after " + where);
        }
    }

    @Test
    void replacingBestSurvivesACrashBetweenAnyTwoFileOperations() throws Exception {
        // the operations of one replacement: 7 files written into best.new, then 3 folder renames/deletions
        for (int crashAfter = 1; crashAfter <= 10; crashAfter++) {
            Path dir = Files.createTempDirectory(run, "crash-" + crashAfter + "-");
            new CheckpointStore(dir, 2).write(meta(5, "best"), contents(5), true);
            var store = new CheckpointStore(dir, 2);
            int[] count = {0};
            int at = crashAfter;
            store.afterFile = name -> {
                if (++count[0] == at) {
                    throw new Crash(name);
                }
            };
            store.afterFolderStep = step -> {
                if (++count[0] == at) {
                    throw new Crash(step);
                }
            };
            assertThrows(Crash.class, () -> store.write(meta(9, "best"), contents(9), true));
            // the next run opens the folder: a complete best, the old one or the new one, never none
            new CheckpointStore(dir, 2).write(meta(12, "interval"), contents(12), false);   // prunes too
            var best = Checkpoints.load(dir);
            assertEquals("best", best.dir().getFileName().toString(), "crash after operation " + at);
            long step = best.meta().step();
            assertTrue(step == 5 || step == 9, "crash after operation " + at + ": best is step " + step);
            assertEquals(contents(step).weights().get("h0.mlp.w1"), best.weights().get("h0.mlp.w1"));
            if (at >= 8) {
                assertEquals(9, step, "once best.new is complete and renamed, the new best stands");
            }
            try (var files = Files.list(dir.resolve(RunLayout.CHECKPOINTS))) {
                assertEquals(List.of("best", "step-0000012"), files.map(f -> f.getFileName().toString())
                                .filter(n -> !n.equals(CheckpointStore.LOCK)).sorted().toList(),
                        "no leftovers after operation " + at);
            }
        }
    }

    @Test
    void aCheckpointPathToAnInterruptedBestIsRestoredWhenLoaded() throws Exception {
        var store = new CheckpointStore(run, 2);
        store.write(meta(5, "best"), contents(5), true);
        Path ckpts = run.resolve(RunLayout.CHECKPOINTS);
        Files.move(ckpts.resolve("best"), ckpts.resolve("best.old"));   // as a crash between the two renames leaves it
        assertEquals(5, Checkpoints.load(ckpts.resolve("best")).meta().step());
        assertTrue(Files.isDirectory(ckpts.resolve("best")));
    }

    @Test
    void listingARunWhileItsBestIsBeingReplacedLeavesTheWriteAlone() throws Exception {
        var store = new CheckpointStore(run, 2);
        store.write(meta(5, "best"), contents(5), true);
        Path ckpts = run.resolve(RunLayout.CHECKPOINTS);
        var seen = new java.util.ArrayList<Long>();
        store.afterFile = name -> {
            if (name.equals(RunLayout.WEIGHTS)) {
                // the checkpoint browser refreshes while best.new is half written (another thread, as in the workbench)
                var reader = new Thread(() -> Checkpoints.list(run).forEach(c -> seen.add(c.step())));
                reader.start();
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                assertTrue(Files.isDirectory(ckpts.resolve("best.new")), "the reader must not delete the write in progress");
            }
        };
        store.write(meta(9, "best"), contents(9), true);
        assertEquals(List.of(5L), seen, "the reader saw the complete best of before");
        assertEquals(9, Checkpoints.load(ckpts.resolve("best")).meta().step());
    }
}
