package dev.sheepop.app.checkpoints;

import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.fx.SyncJobRunner;
import dev.sheepop.app.playground.ModelSlot;
import dev.sheepop.app.train.TrainViewModel;
import dev.sheepop.app.train.TrainViewModelTest;
import dev.sheepop.checkpoint.CheckpointInfo;
import dev.sheepop.data.Corpus;
import dev.sheepop.generate.SamplingSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointsViewModelTest {
    @TempDir
    static Path runs;

    /** Two real tiny runs: 20 steps and 30 steps with another learning rate. */
    @BeforeAll
    static void train() throws Exception {
        var vm = new TrainViewModel(new SyncJobRunner(), Notifier.silent(), Runnable::run, runs);
        var corpus = new Corpus(List.of(TrainViewModelTest.TEXT), "hash", "test");
        vm.start(TrainViewModelTest.tinyRun(20), () -> corpus);   // the second run starts in the same second: own folder
        var second = TrainViewModelTest.tinyRun(30);
        var t = second.training();
        vm.start(second.withTraining(t.toBuilder().learningRate(2e-3).build()), () -> corpus);
    }

    private CheckpointsViewModel listed(List<ModelSlot> opened, List<Path> resumed) {
        return listed(opened, resumed, new ArrayList<>());
    }

    private CheckpointsViewModel listed(List<ModelSlot> opened, List<Path> resumed, List<List<ModelSlot>> compared) {
        var vm = new CheckpointsViewModel(new SyncJobRunner(), Notifier.silent(),
                List.of(runs, runs.resolve("missing"), Path.of("sample-data", "checkpoint")));
        vm.setActions(resumed::add, opened::add, (a, b) -> compared.add(List.of(a, b)));
        vm.refresh();
        return vm;
    }

    @Test
    void listsBothRunsWithStepsLossesAndCurves() {
        var vm = listed(new ArrayList<>(), new ArrayList<>());
        assertTrue(vm.checkpoints().size() >= 2, vm.checkpoints().toString());
        var steps = vm.checkpoints().stream().map(CheckpointInfo::step).toList();
        assertTrue(steps.contains(20L) && steps.contains(30L), steps.toString());
        CheckpointInfo last = vm.checkpoints().stream().filter(c -> c.step() == 30).findFirst().orElseThrow();
        vm.selection().setAll(last);
        // metrics.jsonl has a step row every log_interval (5) steps
        assertTrue(vm.curveA().size() >= 6, vm.curveA().toString());
        assertEquals(30.0, vm.curveA().get(vm.curveA().size() - 1).x());
        assertTrue(vm.detailsProperty().get().contains("\"learning_rate\" : 0.002"), vm.detailsProperty().get());
    }

    @Test
    void twoSelectedCompareTheirConfigs() {
        var vm = listed(new ArrayList<>(), new ArrayList<>());
        CheckpointInfo a = vm.checkpoints().stream().filter(c -> c.step() == 20).findFirst().orElseThrow();
        CheckpointInfo b = vm.checkpoints().stream().filter(c -> c.step() == 30).findFirst().orElseThrow();
        vm.selection().setAll(a, b);
        String d = vm.detailsProperty().get();
        assertTrue(d.contains("training.learning_rate:  A 0.003   B 0.002"), d);
        assertTrue(d.contains("training.max_steps:  A 20   B 30"), d);
        assertFalse(d.contains("model.d_model"), d);
        assertEquals(20.0, vm.curveA().get(vm.curveA().size() - 1).x());
        assertEquals(30.0, vm.curveB().get(vm.curveB().size() - 1).x());
    }

    @Test
    void aDamagedCheckpointElsewhereDoesNotHideTheOthers(@TempDir Path other) throws Exception {
        Path bad = Files.createDirectories(other.resolve("broken"));
        Files.writeString(bad.resolve("meta.json"), "{ not json");
        var notifier = Notifier.silent();
        var vm = new CheckpointsViewModel(new SyncJobRunner(), notifier, List.of(bad, runs));
        vm.refresh();
        assertTrue(vm.checkpoints().size() >= 2);
        assertTrue(notifier.lastMessageProperty().get().contains("broken"), notifier.lastMessageProperty().get());
    }

    @Test
    void opensResumesExportsAndDeletes(@TempDir Path exportDir) {
        var opened = new ArrayList<ModelSlot>();
        var resumed = new ArrayList<Path>();
        var vm = listed(opened, resumed);
        CheckpointInfo c = vm.checkpoints().stream().filter(x -> x.step() == 20).findFirst().orElseThrow();
        vm.selection().setAll(c);
        vm.openSelectedInPlayground();
        assertEquals(1, opened.size());
        assertEquals(10, opened.get(0).generator().generate("All", SamplingSettings.greedy(10), null, null).text().length());
        vm.resumeSelected();
        assertEquals(List.of(c.path()), resumed);

        vm.exportSelected(exportDir);
        Path exported = exportDir.resolve(c.displayName().replace('/', '-'));
        assertTrue(Files.isRegularFile(exported.resolve("meta.json")));
        vm.exportSelectedAsHf(exportDir);
        Path hf = exportDir.resolve(c.displayName().replace('/', '-') + "-hf");
        var back = dev.sheepop.export.SafeTensors.read(hf.resolve("model.safetensors"));
        assertTrue(back.containsKey("transformer.h.0.attn.c_attn.weight"), back.keySet().toString());

        int before = vm.checkpoints().size();
        vm.deleteSelected();
        assertFalse(Files.exists(c.path()));
        assertEquals(before - 1, vm.checkpoints().size());
    }

    @Test
    void twoOpenSideBySideAndAModelWithoutOptimizerStateCannotBeResumed() {
        var compared = new ArrayList<List<ModelSlot>>();
        var resumed = new ArrayList<Path>();
        var vm = listed(new ArrayList<>(), resumed, compared);
        CheckpointInfo a = vm.checkpoints().stream().filter(c -> c.step() == 20).findFirst().orElseThrow();
        CheckpointInfo b = vm.checkpoints().stream().filter(c -> c.step() == 30).findFirst().orElseThrow();
        vm.selection().setAll(a, b);
        vm.openSelectedInPlayground();
        assertEquals(1, compared.size());
        assertEquals(a.path().toAbsolutePath().normalize(), compared.get(0).get(0).source());
        assertTrue(compared.get(0).get(1).name().contains(" · step 30"), compared.get(0).get(1).name());

        CheckpointInfo sample = vm.checkpoints().stream().filter(c -> c.path().endsWith("checkpoint")).findFirst().orElseThrow();
        assertFalse(sample.resumable());
        vm.selection().setAll(sample);
        assertTrue(vm.resumeBlockedProperty().get().startsWith("Resume needs the optimizer state"), vm.resumeBlockedProperty().get());
        vm.resumeSelected();
        assertTrue(resumed.isEmpty());
        vm.selection().setAll(a);
        assertEquals("", vm.resumeBlockedProperty().get());
    }

    @Test
    void aClickOnTheCurveSelectsTheNearestSavedCheckpointOfThatRun() {
        var vm = listed(new ArrayList<>(), new ArrayList<>());
        CheckpointInfo last = vm.checkpoints().stream().filter(c -> c.step() == 30).findFirst().orElseThrow();
        var kept = vm.checkpoints().stream().filter(c -> dev.sheepop.checkpoint.RunLibrary.runOf(c).equals(dev.sheepop.checkpoint.RunLibrary.runOf(last))
                && !c.kind().equals("best")).map(CheckpointInfo::step).sorted().toList();
        assertTrue(kept.size() >= 2, kept.toString());
        vm.selection().setAll(last);
        vm.selectNearest(0, kept.get(0) - 1);   // one step before the run's oldest kept checkpoint
        assertEquals(kept.get(0), vm.selection().get(0).step());
        assertEquals(dev.sheepop.checkpoint.RunLibrary.runOf(last), dev.sheepop.checkpoint.RunLibrary.runOf(vm.selection().get(0)));
    }
}
