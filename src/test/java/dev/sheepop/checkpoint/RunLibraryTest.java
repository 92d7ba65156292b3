package dev.sheepop.checkpoint;

import dev.sheepop.common.RunLayout;
import dev.sheepop.common.UserException;
import dev.sheepop.config.Presets;
import dev.sheepop.config.RunConfig;
import dev.sheepop.config.TokenizerConfig;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLibraryTest {
    @TempDir
    Path runs;

    private final CharTokenizer tokenizer = CharTokenizer.fit("hello world");
    private final RunConfig tiny = Presets.tiny().withModel(Presets.tiny().model().withVocabSize(tokenizer.vocabSize()));

    private void write(Path run, RunConfig config, long step, boolean best) throws Exception {
        var meta = new CheckpointMeta(CheckpointMeta.FORMAT_VERSION, best ? "best" : "interval", step, 0, 2.5,
                2.0 + 1.0 / step, 2.0, Instant.ofEpochSecond(1_800_000_000L + step).toString(), tokenizer.hash(), "corpus",
                config.model().parameterCount(), step * 100, 2.0, 1.5, null);
        Map<String, INDArray> w = GptInit.initialWeights(config.model(), 1);
        new CheckpointStore(run, 10).write(meta, new CheckpointStore.Contents(config, tokenizer, w, Map.of(),
                new TrainingState(step, 0, step, 1.0, 0, 2.0, step * 100, 1.0, 1), null), best);
    }

    @Test
    void listsEveryFolderSkippingMissingOnesAndReportsDamagedOnes() throws Exception {
        write(runs.resolve("a"), tiny, 10, false);
        write(runs.resolve("a"), tiny, 20, false);
        Path other = Files.createDirectories(runs.getParent().resolve(runs.getFileName() + "-other"));
        write(other.resolve("b"), tiny, 5, false);
        var listing = RunLibrary.list(List.of(runs, runs.resolve("missing"), other));
        assertEquals(List.of(10L, 20L, 5L), listing.checkpoints().stream().map(CheckpointInfo::step).toList());
        assertEquals(List.of(), listing.problems());
        assertEquals(List.of(20L, 10L, 5L), RunLibrary.newestFirst(listing.checkpoints()).stream()
                .map(CheckpointInfo::step).toList(), "created at 1.8e9 + step seconds");

        Files.writeString(runs.resolve("a").resolve(RunLayout.CHECKPOINTS).resolve(RunLayout.stepFolder(10))
                .resolve(RunLayout.META), "{not json");
        var damaged = RunLibrary.list(List.of(runs, other));
        assertEquals(1, damaged.problems().size());
        assertTrue(damaged.problems().get(0).contains("meta.json is not valid"), damaged.problems().get(0));
        assertEquals(List.of(5L), damaged.checkpoints().stream().map(CheckpointInfo::step).toList(),
                "the other folder is still listed");
    }

    @Test
    void comparesTwoCheckpointsSettingBySettingLeavingOutWhatACharacterTokenizerIgnores() throws Exception {
        var m = tiny.model();
        RunConfig wider = tiny.withModel(new dev.sheepop.config.GptConfig(m.vocabSize(), 48, m.numLayers(), m.numHeads(),
                        m.dFf(), m.maxSeqLen(), m.dropout(), m.activation(), m.positionalEncoding(), m.tieEmbeddings(),
                        m.bias(), m.normPosition()))
                .withTokenizer(new TokenizerConfig(TokenizerConfig.Type.BPE, 512, 2, null));
        write(runs.resolve("a"), tiny, 10, false);
        write(runs.resolve("b"), wider, 10, false);
        var a = RunLibrary.one(runs.resolve("a"));
        var b = RunLibrary.one(runs.resolve("b"));
        assertEquals(List.of(
                "A = a/step-0000010  (step 10, val 2.1000, 1.500 bits/char)",
                "B = b/step-0000010  (step 10, val 2.1000, 1.500 bits/char)",
                "",
                "model.d_model:  A 32   B 48",
                "tokenizer.type:  A \"char\"   B \"bpe\""), RunLibrary.comparison(a, b));
        assertEquals(List.of("A = a/step-0000010  (step 10, val 2.1000, 1.500 bits/char)",
                "A = a/step-0000010  (step 10, val 2.1000, 1.500 bits/char)".replace("A =", "B ="), "",
                "The configs are identical."), RunLibrary.comparison(a, a));
    }

    @Test
    void theNearestCheckpointToAStepIsAStepCheckpointOfTheSameRun() throws Exception {
        for (long s : new long[]{10, 20, 30}) {
            write(runs.resolve("a"), tiny, s, false);
        }
        write(runs.resolve("a"), tiny, 24, true);
        write(runs.resolve("b"), tiny, 25, false);
        var all = RunLibrary.list(List.of(runs)).checkpoints();
        var ten = all.stream().filter(c -> c.step() == 10).findFirst().orElseThrow();
        var nearest = RunLibrary.nearest(all, ten, 24).orElseThrow();
        assertEquals(20, nearest.step());
        assertEquals(runs.resolve("a").toAbsolutePath().normalize(), RunLibrary.runOf(nearest));
        assertEquals(RunLayout.BEST, RunLibrary.one(runs.resolve("a")).path().getFileName().toString(), "a run is its best");
    }

    @Test
    void copiesWithoutOverwritingAndDeletes() throws Exception {
        write(runs.resolve("a"), tiny, 10, false);
        var c = RunLibrary.one(runs.resolve("a"));
        Path target = Files.createDirectories(runs.resolve("exports"));
        Path copy = RunLibrary.copy(c, target);
        assertEquals(target.resolve("a-step-0000010"), copy);
        assertEquals(Files.readString(c.path().resolve(RunLayout.CONFIG)), Files.readString(copy.resolve(RunLayout.CONFIG)));
        assertThrows(UserException.class, () -> RunLibrary.copy(c, target));
        RunLibrary.delete(List.of(c));
        assertFalse(Files.exists(c.path()));
        assertTrue(Files.exists(copy));
    }
}
