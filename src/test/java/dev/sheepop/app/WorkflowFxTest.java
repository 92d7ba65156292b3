package dev.sheepop.app;

import dev.sheepop.app.train.RunPhase;
import dev.sheepop.app.train.TrainViewModelTest;
import dev.sheepop.checkpoint.CheckpointInfo;
import dev.sheepop.train.TrainResult;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole loop through the real scene: tiny preset → Start → chart points → Stop → checkpoint → Playground. */
@ExtendWith(ApplicationExtension.class)
class WorkflowFxTest {
    @TempDir
    static Path workDir;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Files.createDirectories(workDir.resolve("sample-data"));
        Files.writeString(workDir.resolve("sample-data").resolve("citizens.txt"), TrainViewModelTest.TEXT);
        // the shipped checkpoint folder: the Playground's first model; its JSON files are no training text
        Path shipped = Files.createDirectories(workDir.resolve("sample-data").resolve("checkpoint"));
        try (var files = Files.list(Path.of("sample-data", "checkpoint"))) {
            for (Path f : files.toList()) {
                Files.copy(f, shipped.resolve(f.getFileName().toString()));
            }
        }
        window = WorkbenchFx.show(stage, workDir);
    }

    @Test
    void trainStopCheckpointAndGenerate(FxRobot robot) throws Exception {
        robot.interact(() -> window.useSampleData()); // the first-run offer: the sample data becomes a dataset
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.datasetViewModel().datasetProperty().get() != null);
        assertEquals(1, window.datasetViewModel().files().size(), window.datasetViewModel().files().toString());
        assertTrue(window.datasetViewModel().files().get(0).path().endsWith("citizens.txt"));
        robot.interact(() -> {
            window.select("Config");
            window.configViewModel().presetProperty().set("tiny");
        });
        robot.clickOn("#start-training");
        var train = window.trainViewModel();
        Label stepFigure = robot.lookup("#fig-step").queryAs(Label.class);
        try {   // the FX thread adds the points, then shows the figures: this thread waits for both
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> train.trainLoss().size() >= 5
                    && !stepFigure.getText().equals("—"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no chart points or no step figure (" + stepFigure.getText() + "); state "
                    + train.stateProperty().get() + ", points "
                    + train.trainLoss().size() + ", log " + train.log() + ", message "
                    + window.workbench().notifier().lastMessageProperty().get());
        }
        assertEquals(RunPhase.RUNNING, train.stateProperty().get());

        robot.clickOn("#train-stop");
        // both are set on the FX thread; this thread polls, so it waits for both
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> train.lastResultProperty().get() != null
                && train.stateProperty().get() == RunPhase.IDLE);
        TrainResult result = train.lastResultProperty().get();
        assertEquals(TrainResult.Status.STOPPED, result.status());
        assertTrue(result.steps() < 200, "stopped early: " + result.steps());

        robot.interact(() -> window.select("Checkpoints"));
        @SuppressWarnings("unchecked")
        TableView<CheckpointInfo> table = robot.lookup("#checkpoints-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(c -> c.step() == result.steps()));

        // the stopped run's model was handed to the Playground
        var playground = window.playgroundViewModel();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> playground.models().stream()
                .anyMatch(m -> m.name().startsWith("run-")));
        // the shipped sample model (trained on one text, so greedy decoding never produces its end-of-text
        // token): a long generation, started with Ctrl+Enter from the prompt, stopped with Stop
        robot.interact(() -> window.openSampleModel());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> playground.models().stream()
                .anyMatch(m -> m.name().startsWith("sample model")));
        robot.interact(() -> {
            window.select("Playground");
            playground.models().stream().filter(m -> m.name().startsWith("sample model")).findFirst()
                    .ifPresent(playground.leftProperty()::set);
            playground.settingsForm().maxNewTokens().textProperty().set("1000000");
            playground.settingsForm().temperature().textProperty().set("0");
        });
        robot.clickOn("#prompt").press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        var output = window.playgroundViewModel().left();
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> output.content().text().length() > 20);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no output; running=" + playground.runningProperty().get() + " message="
                    + window.workbench().notifier().lastMessageProperty().get() + " stats="
                    + output.statsProperty().get() + " text=" + output.content().text());
        }
        robot.clickOn("#stop-generate");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !playground.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        int length = output.content().text().length();
        assertTrue(length < 1_000_000, "stopped before the end: " + length);
        String stats = robot.lookup("#output-left-stats").queryAs(Label.class).getText();
        assertTrue(stats.contains(" · cancelled · "), stats);
        // the job flushed its last text before it finished: once the FX queue is drained, nothing more can arrive
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(length, output.content().text().length(), "no text after Stop");
    }
}
