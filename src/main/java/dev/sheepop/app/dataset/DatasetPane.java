package dev.sheepop.app.dataset;

import dev.sheepop.ingest.DatasetStats;
import dev.sheepop.ingest.FileRecord;
import dev.sheepop.ingest.Outcome;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Dataset pane: a drop zone with Add folder / Add files, OCR and minimum-line-length options,
 * progress with Cancel; the table of files (filterable by outcome), the selected file's extracted text
 * and the dataset's figures.
 */
public final class DatasetPane extends BorderPane {
    private final DatasetViewModel vm;

    public DatasetPane(DatasetViewModel vm, TokenizerLabViewModel lab) {
        this.vm = vm;
        getStyleClass().add("pane");
        setTop(top());
        var split = new SplitPane(table(), right());
        split.setDividerPositions(0.6);
        var files = new Tab("Files", split);
        files.setId("dataset-files-tab");
        var tokenizers = new Tab("Tokenizers", new TokenizerLabView(lab));
        tokenizers.setId("dataset-tokenizers-tab");
        var tabs = new TabPane(files, tokenizers);
        tabs.setId("dataset-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
        BorderPane.setMargin(tabs, new Insets(8, 0, 0, 0));
    }

    private VBox top() {
        var hint = new Label("Drop folders or files here — text, code, PDF, images (OCR)");
        hint.getStyleClass().add("section-title");
        var addFolder = new Button("Add folder…");
        addFolder.setId("add-folder");
        addFolder.setOnAction(e -> {
            var chooser = new DirectoryChooser();
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                vm.onFilesDropped(java.util.List.of(dir));
            }
        });
        var addFiles = new Button("Add files…");
        addFiles.setId("add-files");
        addFiles.setOnAction(e -> {
            var files = new FileChooser().showOpenMultipleDialog(getScene().getWindow());
            if (files != null) {
                vm.onFilesDropped(files);
            }
        });
        var ocr = new CheckBox("OCR images and scanned PDFs");
        ocr.setId("ocr");
        ocr.selectedProperty().bindBidirectional(vm.ocrProperty());
        var minLine = new Spinner<Integer>(0, 10_000, vm.minLineLengthProperty().get());
        minLine.setId("min-line-length");
        minLine.setEditable(true);
        minLine.setPrefWidth(90);
        minLine.valueProperty().addListener((o, a, b) -> vm.minLineLengthProperty().set(b));
        var reingest = new Button("Re-ingest");
        reingest.setId("reingest");
        reingest.setOnAction(e -> vm.ingest());
        reingest.disableProperty().bind(vm.runningProperty().or(Bindings.isEmpty(vm.inputs())));
        var cancel = new Button("Cancel");
        cancel.setId("cancel-ingest");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.runningProperty().not());
        var progress = new ProgressBar();
        progress.setId("ingest-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        progress.setPrefWidth(180);
        var status = new Label();
        status.setId("ingest-status");
        status.textProperty().bind(vm.statusProperty());

        var buttons = new HBox(8, addFolder, addFiles, ocr, new Label("Min line length"), minLine, reingest);
        buttons.setAlignment(Pos.CENTER_LEFT);
        var inputs = new Label();
        inputs.getStyleClass().add("hint");
        inputs.textProperty().bind(Bindings.createStringBinding(() -> vm.inputs().isEmpty() ? "No inputs yet"
                : "Inputs: " + String.join(", ", vm.inputs().stream().map(p -> p.getFileName() == null ? p.toString()
                : p.getFileName().toString()).toList()), vm.inputs()));
        var drop = new VBox(6, hint, buttons, inputs, new HBox(8, progress, cancel, status));
        drop.setId("drop-target");
        drop.getStyleClass().add("drop-target");
        drop.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            }
            e.consume();
        });
        drop.setOnDragEntered(e -> drop.getStyleClass().add("drag-over"));
        drop.setOnDragExited(e -> drop.getStyleClass().remove("drag-over"));
        drop.setOnDragDropped(this::dropped);
        return drop;
    }

    private void dropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles();
        if (ok) {
            vm.onFilesDropped(e.getDragboard().getFiles());
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    private VBox table() {
        var filter = new ComboBox<String>();
        filter.setId("outcome-filter");
        filter.getItems().addAll("all", "extracted", "skipped", "failed");
        filter.setValue("all");
        filter.valueProperty().addListener((o, a, b) -> vm.outcomeFilterProperty().set(
                b == null || b.equals("all") ? null : Outcome.valueOf(b.toUpperCase())));
        var table = new TableView<FileRecord>(vm.visibleFiles());
        table.setId("files-table");
        table.getColumns().add(column("Path", 320, FileRecord::path));
        table.getColumns().add(column("Type", 70, FileRecord::type));
        var outcome = column("Outcome", 90, r -> r.outcome().json());
        outcome.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("outcome-extracted", "outcome-skipped", "outcome-failed");
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add("outcome-" + item);
                }
            }
        });
        table.getColumns().add(outcome);
        var chars = column("Characters", 90, r -> r.characters());
        table.getColumns().add(chars);
        table.getColumns().add(column("Reason", 220, r -> r.reason().json()
                + (r.detail().isEmpty() ? "" : " — " + r.detail())));
        table.setPlaceholder(new Label("Drop a folder above to build the dataset"));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        VBox.setVgrow(table, Priority.ALWAYS);
        var header = new HBox(8, new Label("Files"), filter);
        header.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, header, table);
    }

    private static <T> TableColumn<FileRecord, T> column(String name, double width, Function<FileRecord, T> value) {
        var col = new TableColumn<FileRecord, T>(name);
        col.setPrefWidth(width);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return col;
    }

    private VBox right() {
        var preview = new TextArea();
        preview.setId("preview");
        preview.getStyleClass().add("preview-area");
        preview.setEditable(false);
        preview.setWrapText(true);
        preview.textProperty().bind(vm.previewProperty());
        VBox.setVgrow(preview, Priority.ALWAYS);
        var stats = new Label();
        stats.setId("dataset-stats");
        stats.setWrapText(true);
        stats.textProperty().bind(Bindings.createStringBinding(() -> describe(vm.statsProperty().get()),
                vm.statsProperty(), vm.valFractionProperty()));
        var box = new VBox(6, new Label("Extracted text of the selected file"), preview, new Label("Dataset"), stats);
        box.setPadding(new Insets(0, 0, 0, 6));
        return box;
    }

    private String describe(DatasetStats s) {
        if (s == null) {
            return "—";
        }
        Map<String, Integer> byType = new TreeMap<>();
        s.byType().forEach((type, outcomes) -> byType.put(type, outcomes.values().stream().mapToInt(i -> i).sum()));
        long[] split = vm.trainValidationCharacters();
        return String.format("%d files (%d extracted, %d skipped, %d failed)%nby type: %s%n%,d characters, %,d lines, "
                        + "%d distinct characters%ntrain %,d / validation %,d characters (%.0f%%)",
                s.files(), s.extracted(), s.skipped(), s.failed(), byTypeText(byType), s.characters(), s.lines(),
                s.distinctCharacters(), split[0], split[1], vm.valFractionProperty().get() * 100);
    }

    /** "code 3, image 1, pdf 1, text 2". */
    private static String byTypeText(Map<String, Integer> byType) {
        var parts = new java.util.ArrayList<String>();
        byType.forEach((type, count) -> parts.add(type + " " + count));
        return String.join(", ", parts);
    }
}
