package dev.sheepop.app.train;

import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.fx.SyncJobRunner;
import dev.sheepop.app.playground.ModelSlot;
import dev.sheepop.config.Presets;
import dev.sheepop.config.RunConfig;
import dev.sheepop.config.TrainConfig;
import dev.sheepop.data.Corpus;
import dev.sheepop.generate.SamplingSettings;
import dev.sheepop.train.TrainResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class TrainViewModelTest {
    public static final String TEXT = """
            First Citizen:
            Before we proceed any further, hear me speak.
            All:
            Speak, speak.
            First Citizen:
            You are all resolved rather to die than to famish?
            All:
            Resolved. resolved.
            """.repeat(12);

    /** The tiny preset, shortened: evaluation every 10 steps, a checkpoint every 20. */
    public static RunConfig tinyRun(int steps) {
        RunConfig tiny = Presets.tiny();
        TrainConfig t = tiny.training();
        return tiny.withTraining(t.toBuilder().batchSize(4).maxEpochs(1).maxSteps(steps).warmupSteps(5).lrDecaySteps(0)
                .maxGradNorm(1.0).gradientAccumulationSteps(1).useAmp(false).evalInterval(10).evalIters(2)
                .checkpointInterval(20).keepCheckpoints(2).logInterval(5).build());
    }

    @Test
    void aRunFillsTheCurvesFiguresSampleAndHandsOverItsModel(@TempDir Path runs) {
        var notifier = Notifier.silent();
        var vm = new TrainViewModel(new SyncJobRunner(), notifier, Runnable::run, runs);
        List<Path> checkpoints = new CopyOnWriteArrayList<>();
        List<ModelSlot> models = new ArrayList<>();
        vm.setListeners(checkpoints::add, models::add);
        var retrieval = new dev.sheepop.app.insight.RetrievalSource();
        retrieval.setCorpus(new Corpus(List.of(TEXT), "hash", "test", null, List.of("train.txt")));
        vm.setRetrieval(retrieval);
        vm.start(tinyRun(30), () -> new Corpus(List.of(TEXT), "hash", "test"));

        assertEquals(RunPhase.IDLE, vm.stateProperty().get(), notifier.lastMessageProperty().get());
        assertEquals(TrainResult.Status.COMPLETED, vm.lastResultProperty().get().status());
        assertEquals(30, vm.trainLoss().size());
        assertEquals(30, vm.learningRate().size());
        assertEquals(3, vm.valLoss().size());
        assertEquals(30.0, vm.trainLoss().get(29).x());
        assertTrue(vm.trainLoss().get(29).y() < vm.trainLoss().get(0).y(), "loss should fall: " + vm.trainLoss());
        assertEquals("30 / 30", vm.figures().stepTextProperty().get());
        assertEquals("—", vm.figures().tokensPerSecTextProperty().get(), "a finished run claims no rate");
        assertEquals("done", vm.figures().etaTextProperty().get());
        assertFalse(vm.sampleProperty().get().isEmpty());
        // the memorisation meter on the sample: the longest span it shares with the training text, at least a character
        String copying = vm.sampleCopyingProperty().get();
        assertTrue(copying.matches("Longest span copied from your corpus: \\d+ characters \\(train\\.txt\\).*"), copying);
        var longest = retrieval.get().copying(vm.sampleProperty().get(), 40).longestLength();
        assertTrue(copying.contains(": " + longest + " characters"), copying + " vs " + longest);
        assertTrue(vm.log().stream().anyMatch(l -> l.startsWith("Started")), vm.log().toString());
        assertTrue(vm.log().stream().anyMatch(l -> l.startsWith("Finished: completed")), vm.log().toString());
        assertFalse(checkpoints.isEmpty());
        assertTrue(Files.isDirectory(checkpoints.get(checkpoints.size() - 1)), checkpoints.toString());

        assertEquals(1, models.size());
        var text = models.get(0).generator().generate("First", SamplingSettings.greedy(20), null, null).text();
        assertEquals(20, text.length());
    }

    @Test
    void resumesARunFromAnIntervalCheckpoint(@TempDir Path runs) throws Exception {
        var notifier = Notifier.silent();
        var vm = new TrainViewModel(new SyncJobRunner(), notifier, Runnable::run, runs);
        var corpus = new Corpus(List.of(TEXT), "hash", "test");
        vm.start(tinyRun(30), () -> corpus);
        Path earlier;
        try (var runDirs = Files.list(runs)) {
            Path ckpts = runDirs.findFirst().orElseThrow().resolve("checkpoints");
            try (var dirs = Files.list(ckpts)) {
                earlier = dirs.filter(d -> d.getFileName().toString().startsWith("step-")).sorted()
                        .findFirst().orElseThrow(); // the oldest step checkpoint kept (before step 30)
            }
        }
        int from = Integer.parseInt(earlier.getFileName().toString().substring(5));
        assertTrue(from < 30, earlier.toString());

        vm.resume(earlier, () -> corpus);
        assertEquals(RunPhase.IDLE, vm.stateProperty().get(), notifier.lastMessageProperty().get());
        assertEquals(TrainResult.Status.COMPLETED, vm.lastResultProperty().get().status());
        assertEquals(30 - from, vm.trainLoss().size(), vm.trainLoss().toString());
        assertEquals(from + 1.0, vm.trainLoss().get(0).x());
        assertTrue(vm.log().get(0).contains("from step " + from), vm.log().get(0));
    }

    @Test
    void aBadCorpusFailsWithAOneLineMessage(@TempDir Path runs) {
        var notifier = Notifier.silent();
        var vm = new TrainViewModel(new SyncJobRunner(), notifier, Runnable::run, runs);
        vm.start(tinyRun(10), () -> new Corpus(List.of("too short"), "hash", "short.txt"));
        assertEquals(RunPhase.IDLE, vm.stateProperty().get());
        assertTrue(notifier.lastMessageProperty().get().startsWith("Training data too short"),
                notifier.lastMessageProperty().get());
        assertTrue(vm.log().get(vm.log().size() - 1).startsWith("Failed"));
    }
}
