package dev.sheepop.app.train;

import dev.sheepop.app.MainWindow;
import dev.sheepop.app.WorkbenchFx;
import dev.sheepop.app.chart.CurveChart;
import dev.sheepop.data.Corpus;
import dev.sheepop.train.TrainResult;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Train pane after a run ends and when the next one starts; the loss chart's markers, log axis and readout. */
@ExtendWith(ApplicationExtension.class)
class TrainPaneFxTest {
    @TempDir
    static Path workDir;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = WorkbenchFx.show(stage, workDir);
    }

    private void runAndWait(FxRobot robot, int steps, int evalInterval) throws Exception {
        runAndWait(robot, steps, evalInterval, 0);
    }

    private void runAndWait(FxRobot robot, int steps, int evalInterval, int checkpointInterval) throws Exception {
        var vm = window.trainViewModel();
        var t = TrainViewModelTest.tinyRun(steps).training();
        var config = TrainViewModelTest.tinyRun(steps).withTraining(t.toBuilder().maxEpochs(1)
                .maxSteps(steps).warmupSteps(2).lrDecaySteps(0).maxGradNorm(1.0).gradientAccumulationSteps(1).useAmp(false)
                .evalInterval(evalInterval).evalIters(2).checkpointInterval(checkpointInterval).keepCheckpoints(5).logInterval(1)
                .build());
        var previous = vm.lastResultProperty().get();
        robot.interact(() -> {
            window.select("Train");
            vm.start(config, () -> new Corpus(List.of(TrainViewModelTest.TEXT), "h", "test"));
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.lastResultProperty().get() != previous
                && vm.stateProperty().get() == RunPhase.IDLE);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aFinishedRunStopsClaimingProgressAndTheNextRunStartsWithAnEmptyChart(FxRobot robot) throws Exception {
        runAndWait(robot, 12, 6);
        var vm = window.trainViewModel();
        assertEquals(TrainResult.Status.COMPLETED, vm.lastResultProperty().get().status());
        assertEquals("done", robot.lookup("#fig-eta").queryAs(Label.class).getText());
        assertEquals("—", robot.lookup("#fig-tokens").queryAs(Label.class).getText());
        assertEquals(1.0, robot.lookup("#train-progress").queryAs(ProgressBar.class).getProgress(), 1e-9);
        assertEquals(2, vm.valLoss().size());

        // the next run: the chart holds only its own points (its first evaluation is at step 10)
        var vmRef = vm;
        robot.interact(() -> vmRef.start(TrainViewModelTest.tinyRun(60), () -> new Corpus(List.of(TrainViewModelTest.TEXT), "h", "t")));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.trainLoss().size() >= 3);
        robot.interact(() -> {
            assertTrue(vm.valLoss().isEmpty() || vm.valLoss().get(0).x() >= 10, "a previous run's validation points: " + vm.valLoss());
        });
        robot.interact(vm::stop);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.stateProperty().get() == RunPhase.IDLE);
        WaitForAsyncUtils.waitForFxEvents();
        String eta = robot.lookup("#fig-eta").queryAs(Label.class).getText();
        assertTrue(eta.startsWith("stopped at step "), eta);
    }

    @Test
    void aSingleEvaluationIsVisibleAndThePointUnderTheMouseIsReadOut(FxRobot robot) throws Exception {
        runAndWait(robot, 8, 100);     // one evaluation, at the last step
        var vm = window.trainViewModel();
        assertEquals(1, vm.valLoss().size());
        CurveChart chart = robot.lookup("#loss-chart").queryAs(CurveChart.class);
        var point = vm.valLoss().get(0);
        double[] at = chart.screenOf(point);
        robot.moveTo(chart.localToScreen(at[0], at[1]).getX(), chart.localToScreen(at[0], at[1]).getY());
        WaitForAsyncUtils.waitForFxEvents();
        String readout = robot.lookup("#loss-readout").queryAs(Label.class).getText();
        assertTrue(readout.startsWith("validation · step 8 · "), readout);
        var pick = chart.nearest(at[0], at[1], 5);
        assertEquals("validation", pick.series().name());
        robot.clickOn("#log-scale");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(chart.logScaleProperty().get());
        double[] logAt = chart.screenOf(point);
        assertFalse(Double.isNaN(logAt[1]));
        assertEquals(point, chart.nearest(logAt[0], logAt[1], 5).point(), "the log axis maps the same point under the mouse");
    }

    @Test
    void aClickOnTheCurvePicksTheNearestCheckpointToCompareInThePlayground(FxRobot robot) throws Exception {
        runAndWait(robot, 12, 4, 4);
        var vm = window.trainViewModel();
        CurveChart chart = robot.lookup("#loss-chart").queryAs(CurveChart.class);
        var point = vm.valLoss().get(0);                 // the evaluation at step 4
        assertEquals(4, (long) point.x());
        double[] at = chart.screenOf(point);
        robot.clickOn(chart.localToScreen(at[0], at[1]));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.pickedProperty().get() != null);
        assertEquals(4, vm.pickedProperty().get().step());
        WaitForAsyncUtils.waitForFxEvents();
        String picked = robot.lookup("#picked-checkpoint").queryAs(Label.class).getText();
        assertTrue(picked.matches("Picked run-[0-9-]+/step-0000004 · step 4 · val \\d\\.\\d{4}"), picked);

        // the run's final model is in the Playground: compare it with the picked one, side by side
        var playground = window.playgroundViewModel();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> playground.leftProperty().get() != null
                && playground.leftProperty().get().name().startsWith("run-"));
        robot.interact(() -> playground.leftProperty().set(playground.models().stream()
                .filter(m -> m.name().contains("step 12")).findFirst().orElseThrow()));
        robot.clickOn("#picked-compare");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> playground.sideBySideProperty().get());
        assertTrue(playground.leftProperty().get().name().contains("step 12"), playground.leftProperty().get().name());
        assertTrue(playground.rightProperty().get().name().contains("/step-0000004 · step 4 · val "),
                playground.rightProperty().get().name());
    }
}
