package dev.sheepop.app.dataset;

import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.fx.SyncJobRunner;
import dev.sheepop.ingest.FileRecord;
import dev.sheepop.ingest.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetViewModelTest {
    @TempDir
    Path tmp;
    private Path folder;
    private final Notifier notifier = Notifier.silent();
    private DatasetViewModel vm;

    @BeforeEach
    void files() throws Exception {
        folder = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(folder.resolve("poem.txt"), "Shall I compare thee to a summer's day?\n"
                + "Thou art more lovely and more temperate.\n");
        Files.writeString(folder.resolve("Hello.java"), "public class Hello {\n    // says hello to the world\n}\n");
        Files.writeString(folder.resolve("empty.txt"), "");
        Files.write(folder.resolve("blob.bin"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 0, 7});
        vm = new DatasetViewModel(new SyncJobRunner(), notifier, Runnable::run, tmp.resolve("dataset"));
    }

    @Test
    void droppingAFolderIngestsItAndListsEveryFileWithItsOutcome() {
        vm.onFilesDropped(List.of(folder.toFile()));
        assertFalse(vm.runningProperty().get());
        Map<String, Outcome> outcomes = vm.files().stream()
                .collect(Collectors.toMap(r -> r.path().substring(r.path().lastIndexOf('/') + 1), FileRecord::outcome));
        assertEquals(Outcome.EXTRACTED, outcomes.get("poem.txt"));
        assertEquals(Outcome.EXTRACTED, outcomes.get("Hello.java"));
        assertEquals(Outcome.SKIPPED, outcomes.get("empty.txt"));
        assertTrue(outcomes.get("blob.bin") != Outcome.EXTRACTED);
        assertEquals(2, vm.statsProperty().get().extracted());
        assertTrue(vm.statsProperty().get().distinctCharacters() > 20);
        long[] split = vm.trainValidationCharacters();
        assertEquals(vm.statsProperty().get().characters(), split[0] + split[1]);
        assertTrue(split[1] > 0 && split[1] < split[0]);
        assertTrue(vm.statusProperty().get().startsWith("2 of 4 files extracted"), vm.statusProperty().get());
    }

    @Test
    void filesBeingCheckedBeforeExtractionShowAsProgress() {
        var statuses = new java.util.ArrayList<String>();
        var progress = new java.util.ArrayList<Double>();
        vm.statusProperty().addListener((o, a, b) -> statuses.add(b));
        vm.progressProperty().addListener((o, a, b) -> progress.add(b));
        vm.onFilesDropped(List.of(folder.toFile()));
        var checking = statuses.stream().filter(s -> s.startsWith("Checking ")).toList();
        assertEquals(4, checking.size(), statuses.toString());
        for (String name : List.of("poem.txt", "Hello.java", "empty.txt", "blob.bin")) {
            assertTrue(checking.stream().anyMatch(s -> s.startsWith("Checking " + name + " (")), name + " in " + checking);
        }
        assertTrue(checking.stream().anyMatch(s -> s.endsWith("(4 of 4)")), checking.toString());
        int lastCheck = statuses.lastIndexOf(checking.get(3));
        assertTrue(statuses.subList(lastCheck, statuses.size()).stream().anyMatch(s -> s.startsWith("Ingested ")),
                "extraction follows the checks: " + statuses);
        assertTrue(progress.contains(0.25) && progress.contains(1.0), progress.toString());
    }

    @Test
    void filterAndPreviewFollowTheSelection() {
        vm.onFilesDropped(List.of(folder.toFile()));
        vm.outcomeFilterProperty().set(Outcome.EXTRACTED);
        assertEquals(2, vm.visibleFiles().size());
        FileRecord poem = vm.visibleFiles().stream().filter(r -> r.path().endsWith("poem.txt")).findFirst().orElseThrow();
        vm.selectedProperty().set(poem);
        assertTrue(vm.previewProperty().get().startsWith("Shall I compare thee"), vm.previewProperty().get());
        vm.outcomeFilterProperty().set(Outcome.SKIPPED);
        assertTrue(vm.visibleFiles().stream().allMatch(r -> r.outcome() == Outcome.SKIPPED));
        vm.outcomeFilterProperty().set(null);
        assertEquals(vm.files().size(), vm.visibleFiles().size());
    }

    @Test
    void reIngestingIsIncrementalAndAReopenedViewModelFindsTheDataset() throws Exception {
        vm.onFilesDropped(List.of(folder.toFile()));
        Files.writeString(folder.resolve("more.txt"), "A new file arrives with a line of text.\n");
        vm.ingest();
        var records = vm.files().stream().filter(r -> r.outcome() == Outcome.EXTRACTED).toList();
        assertEquals(3, records.size());
        assertTrue(records.stream().filter(r -> r.path().endsWith("poem.txt")).allMatch(FileRecord::cached));
        assertFalse(records.stream().filter(r -> r.path().endsWith("more.txt")).anyMatch(FileRecord::cached));

        var again = new DatasetViewModel(new SyncJobRunner(), notifier, Runnable::run, tmp.resolve("dataset"));
        assertTrue(again.openExisting());
        assertEquals(vm.files().size(), again.files().size());
        assertEquals(1, again.inputs().size());
    }

    @Test
    void nothingToExtractIsReportedInOneLine() throws Exception {
        Path blank = Files.createDirectories(tmp.resolve("blank"));
        Files.writeString(blank.resolve("empty.txt"), "");
        vm.onFilesDropped(List.of(blank.toFile()));
        assertTrue(notifier.lastMessageProperty().get().startsWith("No data extracted from"),
                notifier.lastMessageProperty().get());
    }

    @Test
    void theFirstDropMakesADatasetNamedAfterItAndTheNextSessionReopensIt() {
        assertFalse(vm.openExisting(), "a first start has no dataset");
        vm.onFilesDropped(List.of(folder.toFile()));
        assertEquals("notes", vm.currentProperty().get());
        assertEquals(tmp.resolve("dataset").resolve("notes").toAbsolutePath().toString(), vm.locationProperty().get());
        var next = new DatasetViewModel(new SyncJobRunner(), notifier, Runnable::run, tmp.resolve("dataset"));
        assertTrue(next.openExisting());
        assertEquals("notes", next.currentProperty().get());
        assertEquals(2, next.statsProperty().get().extracted());
        assertEquals(List.of(folder.toAbsolutePath().normalize()), next.inputs());
    }

    @Test
    void aNewDatasetStartsEmptyAndSwitchingBackShowsTheOther() throws Exception {
        vm.onFilesDropped(List.of(folder.toFile()));
        assertEquals("a dataset named 'notes' exists already", vm.checkNewName("notes"));
        assertTrue(vm.checkNewName("../up").startsWith("use letters"));
        assertTrue(vm.newDataset("papers"));
        assertEquals("papers", vm.currentProperty().get());
        assertTrue(vm.files().isEmpty());
        assertTrue(vm.inputs().isEmpty());
        assertEquals(List.of("notes", "papers"), vm.datasetNames());
        Path paper = Files.writeString(tmp.resolve("paper.txt"), "A paper about sheep and their meadows, in one line.\n");
        vm.onFilesDropped(List.of(paper.toFile()));
        assertEquals(1, vm.statsProperty().get().extracted());
        assertTrue(vm.open("notes"));
        assertEquals(2, vm.statsProperty().get().extracted());
        assertEquals(folder.toAbsolutePath().normalize(), vm.inputs().get(0));
    }

    @Test
    void removingAnInputTakesItsFilesOutOfTheDataset() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("letter.txt"), "Dear friend, the meadow is green this spring.\n");
        vm.onFilesDropped(List.of(folder.toFile(), other.toFile()));
        assertEquals(3, vm.statsProperty().get().extracted());
        vm.removeInput(folder.toAbsolutePath().normalize());
        assertEquals(1, vm.statsProperty().get().extracted());
        assertTrue(vm.files().stream().allMatch(f -> f.path().contains("letter.txt")), vm.files().toString());
        vm.removeInput(other.toAbsolutePath().normalize());
        assertTrue(vm.files().isEmpty());
        assertEquals(null, vm.datasetProperty().get());
        assertTrue(vm.statusProperty().get().endsWith("is empty: drop files or folders to add them"), vm.statusProperty().get());
    }

    @Test
    void hiddenFilesAreReadWhenAsked() throws Exception {
        Files.writeString(folder.resolve(".notes.txt"), "a hidden note with enough words on its line\n");
        vm.onFilesDropped(List.of(folder.toFile()));
        assertTrue(vm.files().stream().anyMatch(f -> f.path().endsWith(".notes.txt") && f.outcome() == Outcome.SKIPPED));
        vm.includeHiddenProperty().set(true);
        vm.ingest();
        assertTrue(vm.files().stream().anyMatch(f -> f.path().endsWith(".notes.txt") && f.outcome() == Outcome.EXTRACTED));
    }
}
