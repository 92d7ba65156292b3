package dev.sheepop.app.dataset;

import dev.sheepop.app.MainWindow;
import dev.sheepop.app.WorkbenchFx;
import dev.sheepop.ingest.FileRecord;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class DatasetPaneFxTest {
    @TempDir
    static Path workDir;
    private MainWindow window;
    private Path folder;

    @Start
    void start(Stage stage) throws Exception {
        folder = Files.createDirectories(workDir.resolve("dropped"));
        Files.writeString(folder.resolve("a.txt"), "To be, or not to be, that is the question.\n");
        Files.writeString(folder.resolve("b.md"), "# Notes\nWhether 'tis nobler in the mind to suffer\n");
        Files.writeString(folder.resolve("empty.txt"), "");
        window = WorkbenchFx.show(stage, workDir);
        // A test-only drag source: puts the folder on the Dragboard, like a file manager would.
        var source = new Label("drag me");
        source.setId("src");
        source.setOnDragDetected(e -> {
            var board = source.startDragAndDrop(TransferMode.COPY);
            var content = new ClipboardContent();
            content.putFiles(List.of(folder.toFile()));
            board.setContent(content);
            e.consume();
        });
        window.setTop(source);
    }

    @Test
    void droppingAFolderListsItsFilesWithOutcomes(FxRobot robot) throws Exception {
        robot.drag("#src").dropTo("#drop-target");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.datasetViewModel().runningProperty().get()
                && window.datasetViewModel().statsProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<FileRecord> table = robot.lookup("#files-table").queryAs(TableView.class);
        assertEquals(3, table.getItems().size());
        assertTrue(table.getItems().stream().anyMatch(r -> r.path().endsWith("a.txt") && r.outcome().json().equals("extracted")));
        assertTrue(table.getItems().stream().anyMatch(r -> r.path().endsWith("empty.txt") && r.outcome().json().equals("skipped")));
        String stats = robot.lookup("#dataset-stats").queryAs(Label.class).getText();
        assertTrue(stats.startsWith("3 files (2 extracted, 1 skipped, 0 failed)"), stats);

        robot.interact(() -> table.getSelectionModel().select(
                table.getItems().stream().filter(r -> r.path().endsWith("a.txt")).findFirst().orElseThrow()));
        assertTrue(robot.lookup("#preview").queryAs(TextArea.class).getText().startsWith("To be, or not to be"));
    }

    @Test
    void theTokenizerLabComparesShowsBoundariesAndHandsTheChoiceToTheConfig(FxRobot robot) throws Exception {
        robot.drag("#src").dropTo("#drop-target");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.datasetViewModel().runningProperty().get()
                && window.datasetViewModel().datasetProperty().get() != null);
        robot.clickOn("Tokenizers");
        var sizes = robot.lookup("#lab-sizes").queryAs(javafx.scene.control.TextField.class);
        robot.doubleClickOn(sizes).press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A)
                .release(javafx.scene.input.KeyCode.A, javafx.scene.input.KeyCode.CONTROL).write("abc");
        assertTrue(robot.lookup("#lab-compare").queryButton().isDisabled(), "a bad size disables Compare");
        robot.interact(() -> sizes.setText("260"));
        robot.clickOn("#lab-compare");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.datasetViewModel().runningProperty().get()
                && robot.lookup("#lab-table").queryTableView().getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        var passage = robot.lookup("#lab-passage").queryAs(javafx.scene.text.TextFlow.class);
        long tokens = passage.getChildren().stream().filter(n -> n.getStyleClass().contains("token")).count();
        assertTrue(tokens > 10, "the passage is shown token by token: " + tokens);
        robot.clickOn("#lab-use");
        assertEquals(dev.sheepop.config.TokenizerConfig.bpe(260), window.configViewModel().config().tokenizer());
    }
}
