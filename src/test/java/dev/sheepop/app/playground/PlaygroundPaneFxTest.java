package dev.sheepop.app.playground;

import dev.sheepop.app.WorkbenchApp;
import dev.sheepop.app.fx.FxJobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.insight.AttentionViewModel;
import dev.sheepop.app.insight.CorpusSearchViewModel;
import dev.sheepop.app.insight.RetrievalSource;
import dev.sheepop.data.Corpus;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Playground pane driven with the mouse and keyboard over real (tiny, random) models. */
@ExtendWith(ApplicationExtension.class)
class PlaygroundPaneFxTest {
    private final List<Throwable> fxErrors = new ArrayList<>();
    private PlaygroundViewModel vm;
    private PlaygroundPane pane;
    private RetrievalSource retrieval;
    private Notifier notifier;

    @Start
    void start(Stage stage) {
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> fxErrors.add(e));
        notifier = new Notifier(() -> stage);
        var jobs = new FxJobRunner();
        vm = new PlaygroundViewModel(jobs, notifier, Platform::runLater);
        retrieval = new RetrievalSource();
        vm.setRetrieval(retrieval);
        vm.addModel(TinyModels.random("random-a", 1));
        vm.addModel(TinyModels.random("random-b", 2));
        pane = new PlaygroundPane(vm, new AttentionViewModel(jobs, notifier), new CorpusSearchViewModel(jobs, notifier, retrieval),
                notifier);
        var scene = new Scene(pane, 1200, 760);
        WorkbenchApp.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void noExceptionOnTheFxThread() {
        assertEquals(List.of(), fxErrors);
    }

    private void generateAndWait(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.left().content().done() && !vm.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void replace(FxRobot robot, String query, String text) {
        robot.doubleClickOn(query).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write(text);
    }

    @Test
    void aBadNumberIsMarkedInlineAndGenerateWaitsUntilItIsFixed(FxRobot robot) {
        var generate = robot.lookup("#generate").queryAs(Button.class);
        var temperature = robot.lookup("#temperature").queryAs(TextField.class);
        assertFalse(generate.isDisabled());
        replace(robot, "#temperature", "abc");
        robot.type(KeyCode.TAB);                    // leaving the field neither throws nor rewrites it
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("abc", temperature.getText());
        assertTrue(temperature.getStyleClass().contains("invalid"));
        assertEquals("not a number: abc", robot.lookup("#temperature-error").queryAs(Label.class).getText());
        assertTrue(generate.isDisabled());
        replace(robot, "#temperature", "500");
        assertEquals("must be in [0, 100] (0 = greedy), got 500.0", robot.lookup("#temperature-error").queryAs(Label.class).getText());
        replace(robot, "#temperature", "-1");
        assertTrue(generate.isDisabled());
        replace(robot, "#temperature", "0.3");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(temperature.getStyleClass().contains("invalid"));
        assertFalse(robot.lookup("#temperature-error").queryAs(Label.class).isVisible());
        assertFalse(generate.isDisabled());
    }

    @Test
    void ctrlEnterUsesTheValueJustTypedAndTheOutputShowsPromptAndTokensApart(FxRobot robot) throws Exception {
        replace(robot, "#max-length", "24");
        replace(robot, "#temperature", "0");      // not committed by leaving the field: still used
        robot.clickOn("#prompt").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("ROMEO:");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.left().content().done());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0.0, vm.history().get(0).settings().temperature());
        assertEquals(24, vm.history().get(0).settings().maxNewTokens());
        var texts = pane.leftView().text().textNodes();
        assertEquals("ROMEO:", texts.get(0).getText());
        assertTrue(texts.get(0).getStyleClass().contains("prompt-text"));
        assertEquals(25, texts.size(), "the prompt, then one node per token");
        var pieces = vm.left().content().pieces();
        for (int i = 0; i < pieces.size(); i++) {
            var node = texts.get(i + 1);
            assertTrue(node.getStyleClass().contains("continuation"));
            assertTrue(node.getStyleClass().contains("prob-" + AnnotatedText.band(pieces.get(i).token().probability())),
                    "coloured by the probability the sampler drew it with");
        }
        // hovering a token shows its odds and the alternatives
        robot.moveTo(texts.get(3));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pane.leftView().text().tooltip().isShowing());
        assertEquals(AnnotatedText.describe(pieces.get(2).token()), pane.leftView().text().tooltip().getText());
        robot.moveTo("#prompt");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(pane.leftView().text().tooltip().isShowing());
        // colouring off: plain text
        robot.clickOn("#color-by-probability");
        assertTrue(pane.leftView().text().textNodes().stream().noneMatch(t -> t.getStyleClass().stream().anyMatch(c -> c.startsWith("prob-"))));
        // Copy puts the prompt and the text on the clipboard
        robot.clickOn("#output-left-copy");
        WaitForAsyncUtils.waitForFxEvents();
        var copied = new String[1];
        robot.interact(() -> copied[0] = Clipboard.getSystemClipboard().getString());
        assertEquals(vm.left().content().fullText(), copied[0]);
    }

    @Test
    void withoutTheKvCacheTheTextIsTheSameAndNothingFails(FxRobot robot) throws Exception {
        replace(robot, "#max-length", "20");
        generateAndWait(robot);
        String cached = vm.left().content().text();
        robot.clickOn("#kv-cache");
        assertFalse(robot.lookup("#kv-cache").queryAs(CheckBox.class).isSelected());
        generateAndWait(robot);
        assertEquals(cached, vm.left().content().text());
        assertEquals("", notifier.lastMessageProperty().get());
        assertTrue(robot.lookup("#output-left-stats").queryAs(Label.class).getText().startsWith("20 tokens · "));
    }

    @Test
    void sideBySideLabelsEachModelAndTheHistoryRunsAPromptAgain(FxRobot robot) throws Exception {
        replace(robot, "#max-length", "16");
        robot.clickOn("#side-by-side");
        @SuppressWarnings("unchecked")
        ComboBox<ModelSlot> right = robot.lookup("#model-right").queryAs(ComboBox.class);
        robot.interact(() -> right.getSelectionModel().select(0));
        generateAndWait(robot);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.right().content().done());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("random-a", robot.lookup("#output-left-title").queryAs(Label.class).getText());
        assertEquals("random-b", robot.lookup("#output-right-title").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#output-right").query().isVisible());
        String left = vm.left().content().text();
        String rightText = vm.right().content().text();
        assertEquals(16, rightText.length());

        replace(robot, "#max-length", "40");
        replace(robot, "#seed", "99");
        @SuppressWarnings("unchecked")
        ListView<PlaygroundViewModel.HistoryEntry> history = robot.lookup("#history").queryAs(ListView.class);
        robot.doubleClickOn(history.lookup(".list-cell"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.left().content().done() && vm.right().content().done()
                && !vm.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("16", robot.lookup("#max-length").queryAs(TextField.class).getText(), "the entry's settings are back");
        assertEquals("1337", robot.lookup("#seed").queryAs(TextField.class).getText());
        assertEquals(left, vm.left().content().text());
        assertEquals(rightText, vm.right().content().text());
    }

    @Test
    void copiesFromTheCorpusAreMarkedAndTheSelectionSearchesTheCorpus(FxRobot robot) throws Exception {
        replace(robot, "#max-length", "50");
        generateAndWait(robot);
        String generated = vm.left().content().text();
        assertEquals("Copies from your corpus are marked once a dataset is open (Dataset pane).",
                robot.lookup("#output-left-copying").queryAs(Label.class).getText());
        retrieval.setCorpus(new Corpus(List.of("A meadow, a fold and the shearing.", "Said: " + generated + " and so on."), "h",
                "test", null, List.of("sheep.txt", "copied.txt")));
        generateAndWait(robot);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.left().content().copying() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Copied from your corpus: 1 span of 40+ characters, the longest 50 (copied.txt).",
                robot.lookup("#output-left-copying").queryAs(Label.class).getText());
        var shapes = pane.leftView().text().backgroundShapes();
        assertEquals(1, shapes.size());
        assertTrue(shapes.get(0).getStyleClass().contains("copied-span"));
        assertFalse(shapes.get(0).getElements().isEmpty(), "the span is drawn behind its text");

        // "Search corpus" with nothing selected searches for the whole text: the copied file is the top hit
        robot.clickOn("#output-left-search");
        @SuppressWarnings("unchecked")
        ListView<dev.sheepop.insight.CorpusSearch.Hit> results = robot.lookup("#playground-search-results").queryAs(ListView.class);
        var status = robot.lookup("#playground-search-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> status.getText().contains("lookups"));
        assertEquals(1, results.getItems().size(), status.getText() + " for " + generated);
        assertEquals("copied.txt", results.getItems().get(0).file());
        assertTrue(robot.lookup("#playground-search-status").queryAs(Label.class).getText().contains("retrieval cache: 0 hits of 2 lookups"),
                "the meter's lookup and the search's");
        // the same query again comes from the retrieval cache
        robot.clickOn("#playground-search-go");
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> status.getText().contains("retrieval cache: 1 hit of 3 lookups"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(status.getText());
        }
    }

    @Test
    void theAttentionTabShowsEveryLayerAndHeadOfThePrompt(FxRobot robot) throws Exception {
        robot.clickOn("#prompt").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("ROMEO: what");
        robot.clickOn("Attention");
        robot.clickOn("#attention-show");
        @SuppressWarnings("unchecked")
        ComboBox<Integer> heads = robot.lookup("#attention-head").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> heads.getItems().size() == 3);
        @SuppressWarnings("unchecked")
        ComboBox<Integer> layers = robot.lookup("#attention-layer").queryAs(ComboBox.class);
        assertEquals(2, layers.getItems().size());
        assertEquals(AttentionViewModel.AVERAGE, heads.getValue());
        String status = robot.lookup("#attention-status").queryAs(Label.class).getText();
        assertTrue(status.startsWith("random-a · 11 tokens · 2 layers × 2 heads"), status);
        // hover the cell where token 5 looks at token 2
        var heatmap = robot.lookup("#attention-heatmap").queryAs(dev.sheepop.app.insight.AttentionHeatmap.class);
        var readout = robot.lookup("#attention-readout").queryAs(Label.class);
        robot.interact(() -> heads.setValue(1));
        var point = new javafx.geometry.Point2D[1];
        robot.interact(() -> point[0] = heatmap.localToScreen(cellCentre(heatmap, 4, 1)));
        robot.moveTo(point[0]);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> readout.getText().startsWith("token 5 "));
        assertTrue(readout.getText().matches("token 5 “O” gives 0\\.\\d{3} of its attention to token 2 “O”"), readout.getText());
    }

    private static javafx.geometry.Point2D cellCentre(dev.sheepop.app.insight.AttentionHeatmap heatmap, int row, int column) {
        return dev.sheepop.app.insight.HeatmapProbe.cellCentre(heatmap, row, column);
    }
}
