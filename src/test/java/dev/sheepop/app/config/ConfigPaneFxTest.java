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
        assertEquals(FieldInfo.of("model.num_heads").help(), error.getText(), "the help comes back in the error's place");
        assertTrue(error.getStyleClass().contains("hint") && !error.getStyleClass().contains("field-error"));
        assertFalse(start.isDisabled());
        assertEquals(8, window.configViewModel().config().model().numHeads());
    }

    @Test
    void advancedSettingsAreHiddenUntilAskedForUnlessWrong(FxRobot robot) {
        robot.interact(() -> window.select("Config"));
        TextField beta2 = robot.lookup("#cfg-training-beta2").queryAs(TextField.class);
        TextField steps = robot.lookup("#cfg-training-max_steps").queryAs(TextField.class);
        assertTrue(steps.isVisible(), "a basic setting is always shown");
        assertFalse(beta2.isVisible(), "an advanced setting is hidden at first");
        robot.interact(() -> window.configViewModel().field("training.beta2").textProperty().set("1.5"));
        assertTrue(beta2.isVisible(), "a wrong advanced setting shows itself");
        robot.interact(() -> window.configViewModel().field("training.beta2").textProperty().set("0.99"));
        assertFalse(beta2.isVisible());
        robot.clickOn("#cfg-advanced");
        assertTrue(beta2.isVisible());
        Label key = robot.lookup(".field-key").match(n -> ((Label) n).getText().equals("training.beta2")).queryAs(Label.class);
        assertTrue(key.isVisible(), "the config key is shown beside the label");
    }

    @Test
    void thePresetSaysModifiedAfterAnEditAndTheTokenizerFieldsFollowItsType(FxRobot robot) {
        robot.interact(() -> window.select("Config"));
        Label modified = robot.lookup("#preset-modified").queryAs(Label.class);
        assertFalse(modified.isVisible());
        TextField steps = robot.lookup("#cfg-training-max_steps").queryAs(TextField.class);
        robot.doubleClickOn(steps).eraseText(6).write("300");
        assertTrue(modified.isVisible());
        robot.interact(() -> window.configViewModel().presetProperty().set("tiny"));
        assertFalse(modified.isVisible());
        TextField vocab = robot.lookup("#cfg-tokenizer-vocab_size").queryAs(TextField.class);
        assertTrue(vocab.isDisabled(), "the tiny preset is character-level: no BPE vocabulary");
        robot.interact(() -> window.configViewModel().useTokenizer(dev.sheepop.config.TokenizerConfig.bpe(1024)));
        assertFalse(vocab.isDisabled());
        assertEquals("1024", vocab.getText());
        assertEquals(1024, window.configViewModel().config().tokenizer().vocabSize());
        assertTrue(modified.isVisible());
        assertTrue(robot.lookup("#cfg-dataset").queryAs(Label.class).getText().startsWith("Trains on: "));
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
