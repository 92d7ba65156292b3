package dev.sheepop.app.dataset;

import dev.sheepop.app.MainWindow;
import dev.sheepop.app.WorkbenchFx;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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

/** A first start: the Dataset pane offers the sample data; datasets are created, switched and trimmed in the window. */
@ExtendWith(ApplicationExtension.class)
class DatasetManagementFxTest {
    @TempDir
    static Path workDir;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path sample = Files.createDirectories(workDir.resolve("sample-data"));
        Files.writeString(sample.resolve("sonnet.txt"), "Shall I compare thee to a summer's day?\nThou art more lovely.\n");
        Files.writeString(sample.resolve("notes.md"), "# Notes\nA second file of the sample with enough words.\n");
        window = WorkbenchFx.show(stage, workDir);
    }

    private void waitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.datasetViewModel().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void firstStartOffersTheSampleThenDatasetsAreCreatedSwitchedAndTrimmed(FxRobot robot) throws Exception {
        robot.interact(window::openInitialDataset);
        Button useSample = robot.lookup("#use-sample").queryButton();
        assertTrue(useSample.isVisible(), "a first start offers the sample data");
        robot.clickOn(useSample);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.datasetViewModel().datasetProperty().get() != null);
        waitIdle();
        @SuppressWarnings("unchecked")
        ComboBox<String> chooser = robot.lookup("#dataset-chooser").queryAs(ComboBox.class);
        assertEquals("sample-data", chooser.getValue());
        String where = robot.lookup("#dataset-location").queryAs(TextField.class).getText();
        assertTrue(where.endsWith("datasets/sample-data"), where);
        assertEquals(2, robot.lookup("#files-table").queryTableView().getItems().size());

        // remove one input and re-ingest: its file leaves the dataset
        @SuppressWarnings("unchecked")
        ListView<Path> inputs = robot.lookup("#inputs").queryAs(ListView.class);
        Path notes = inputs.getItems().stream().filter(p -> p.endsWith("notes.md")).findFirst().orElseThrow();
        robot.interact(() -> inputs.getSelectionModel().select(notes));
        robot.clickOn("#remove-input");
        waitIdle();
        TableView<?> table = robot.lookup("#files-table").queryTableView();
        assertEquals(1, table.getItems().size());

        // a new dataset through the dialog: a name that exists is refused, a new one starts empty
        robot.clickOn("#new-dataset");
        robot.write("sample-data");
        Button ok = robot.lookup(".dialog-pane .button").match(n -> ((Button) n).isDefaultButton()).queryButton();
        assertTrue(ok.isDisabled(), "an existing name cannot be taken");
        TextField name = robot.lookup(".dialog-pane .text-field").queryAs(TextField.class);
        robot.interact(name::clear);
        robot.clickOn(name).write("letters");
        assertEquals("letters", name.getText());
        assertTrue(!ok.isDisabled(), "a new name is accepted");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("letters", chooser.getValue(), "names " + window.datasetViewModel().datasetNames() + " current "
                + window.datasetViewModel().currentProperty().get() + " message "
                + window.workbench().notifier().lastMessageProperty().get());
        assertEquals(0, table.getItems().size());
        assertEquals("dataset 'letters' is empty: add files in the Dataset pane", window.configViewModel().datasetProperty().get());

        // and back
        robot.interact(() -> chooser.setValue("sample-data"));
        robot.interact(() -> chooser.getOnAction().handle(null));
        waitIdle();
        assertEquals(1, table.getItems().size());
        assertTrue(window.configViewModel().datasetProperty().get().startsWith("dataset 'sample-data'"),
                window.configViewModel().datasetProperty().get());
    }
}
