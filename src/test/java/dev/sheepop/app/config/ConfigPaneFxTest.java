package dev.sheepop.app.config;

import dev.sheepop.app.MainWindow;
import dev.sheepop.app.WorkbenchFx;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class ConfigPaneFxTest {
    @TempDir
    static Path workDir;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = WorkbenchFx.show(stage, workDir);
    }

    @Test
    void invalidValueShowsTheReasonAndDisablesStart(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        var tabs = robot.lookup("#panes").queryAs(TabPane.class);
        assertEquals("Config", tabs.getSelectionModel().getSelectedItem().getText());
        Button start = robot.lookup("#start-training").queryButton();
        assertFalse(start.isDisabled());

        TextField heads = robot.lookup("#cfg-model-num_heads").queryAs(TextField.class);
        robot.doubleClickOn(heads).eraseText(3).write("3");
        assertEquals("3", heads.getText());
        Label error = robot.lookup("#cfg-err-model-num_heads").queryAs(Label.class);
        assertTrue(error.getText().contains("divisible"), error.getText());
        assertTrue(heads.getStyleClass().contains("invalid"));
        assertTrue(start.isDisabled());

        robot.doubleClickOn(heads).eraseText(3).write("8");
        assertEquals("", error.getText());
        assertFalse(start.isDisabled());
        assertEquals(8, window.configViewModel().config().model().numHeads());
    }

    @Test
    void estimatesFollowThePreset(FxRobot robot) {
        robot.interact(() -> window.select("Config"));
        Label params = robot.lookup("#est-params").queryAs(Label.class);
        String before = params.getText();
        robot.interact(() -> window.configViewModel().presetProperty().set("tiny"));
        assertFalse(before.equals(params.getText()), before + " vs " + params.getText());
        assertEquals(32, window.configViewModel().config().model().dModel());
    }
}
