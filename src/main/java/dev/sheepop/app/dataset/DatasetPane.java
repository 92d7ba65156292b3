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
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import dev.sheepop.app.insight.CorpusSearchView;
import dev.sheepop.app.insight.CorpusSearchViewModel;
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
import java.nio.file.Path;
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
    private final Runnable onUseSample;

    /** {@code search}: the dataset's search tab; {@code onUseSample}: ingests the bundled sample data (null when there is none). */
    public DatasetPane(DatasetViewModel vm, TokenizerLabViewModel lab, CorpusSearchViewModel search, Runnable onUseSample) {
        this.vm = vm;
        this.onUseSample = onUseSample;
        getStyleClass().add("pane");
        setTop(top());
        var split = new SplitPane(table(), right());
        split.setDividerPositions(0.6);
        var files = new Tab("Files", split);
        files.setId("dataset-files-tab");
        var tokenizers = new Tab("Tokenizers", new TokenizerLabView(lab));
        tokenizers.setId("dataset-tokenizers-tab");
        var find = new Tab("Search", new CorpusSearchView("dataset-search", search));
        find.setId("dataset-search-tab");
        var tabs = new TabPane(files, tokenizers, find);
        tabs.setId("dataset-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
        BorderPane.setMargin(tabs, new Insets(8, 0, 0, 0));
    }

    private VBox top() {
        // which dataset, and where it lives
        var chooser = new ComboBox<String>(vm.datasetNames());
        chooser.setId("dataset-chooser");
        chooser.setPromptText("no dataset yet");
        chooser.setValue(vm.currentProperty().get().isEmpty() ? null : vm.currentProperty().get());
        vm.currentProperty().addListener((o, a, b) -> chooser.setValue(b.isEmpty() ? null : b));
        chooser.setOnAction(e -> {
            String chosen = chooser.getValue();
            if (chosen != null && !chosen.equals(vm.currentProperty().get())) {
                vm.open(chosen);
            }
        });
        chooser.disableProperty().bind(vm.runningProperty());
        var create = new Button("New dataset…");
        create.setId("new-dataset");
        create.disableProperty().bind(vm.runningProperty());
        create.setOnAction(e -> askForNewDataset());
        var where = new TextField();
        where.setId("dataset-location");
        where.setEditable(false);
        where.getStyleClass().add("location");
        where.textProperty().bind(Bindings.when(vm.locationProperty().isEmpty()).then("—").otherwise(vm.locationProperty()));
        where.setTooltip(new javafx.scene.control.Tooltip("The folder that holds this dataset (select to copy)"));
        HBox.setHgrow(where, Priority.ALWAYS);
        var datasetRow = new HBox(8, new Label("Dataset"), chooser, create, new Label("stored in"), where);
        datasetRow.setAlignment(Pos.CENTER_LEFT);

        var hint = new Label("Drop folders or files here — text, code, PDF, images (OCR)");
        hint.getStyleClass().add("section-title");
        var addFolder = new Button("Add folder…");
        addFolder.setId("add-folder");
        addFolder.setOnAction(e -> {
            var dirChooser = new DirectoryChooser();
            File dir = dirChooser.showDialog(getScene().getWindow());
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
        var hidden = new CheckBox("Include hidden files and tool folders (.git, node_modules…)");
        hidden.setMnemonicParsing(false);          // "node_modules" keeps its underscore
        hidden.setId("include-hidden");
        hidden.selectedProperty().bindBidirectional(vm.includeHiddenProperty());
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

        var buttons = new HBox(8, addFolder, addFiles, ocr, new Label("Min line length"), minLine, hidden);
        buttons.setAlignment(Pos.CENTER_LEFT);
        var inputs = new ListView<Path>(vm.inputs());
        inputs.setId("inputs");
        inputs.setOrientation(javafx.geometry.Orientation.HORIZONTAL);
        inputs.setPrefHeight(34);
        inputs.setPlaceholder(new Label("No inputs yet"));
        inputs.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Path item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.getFileName() == null ? item.toString() : item.getFileName().toString());
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item.toString()));
            }
        });
        var remove = new Button("Remove input");
        remove.setId("remove-input");
        remove.disableProperty().bind(inputs.getSelectionModel().selectedItemProperty().isNull().or(vm.runningProperty()));
        remove.setOnAction(e -> vm.removeInput(inputs.getSelectionModel().getSelectedItem()));
        inputs.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.DELETE && inputs.getSelectionModel().getSelectedItem() != null) {
                vm.removeInput(inputs.getSelectionModel().getSelectedItem());
            }
        });
        HBox.setHgrow(inputs, Priority.ALWAYS);
        var inputsRow = new HBox(8, new Label("Inputs"), inputs, remove, reingest);
        inputsRow.setAlignment(Pos.CENTER_LEFT);
        var drop = new VBox(6, hint, buttons, inputsRow, new HBox(8, progress, cancel, status));
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
        return new VBox(8, datasetRow, drop);
    }

    private void askForNewDataset() {
        var dialog = new javafx.scene.control.TextInputDialog();
        dialog.initOwner(getScene().getWindow());
        dialog.setTitle("New dataset");
        dialog.setHeaderText("A new, empty dataset: drop files on it next");
        dialog.setContentText("Name");
        var ok = dialog.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK);
        var problem = new Label();
        problem.getStyleClass().add("field-error");
        dialog.getEditor().textProperty().addListener((o, a, b) -> {
            String why = vm.checkNewName(b);
            problem.setText(why);
            ok.setDisable(!why.isEmpty());
        });
        ok.setDisable(true);
        dialog.getDialogPane().setExpandableContent(null);
        ((javafx.scene.layout.GridPane) dialog.getDialogPane().getContent()).add(problem, 1, 1);
        dialog.showAndWait().ifPresent(vm::newDataset);
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
        table.getColumns().add(column("Path", 300, FileRecord::path));
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
        var chars = column("Characters", 100, r -> String.format("%,d", r.characters()));
        chars.setStyle("-fx-alignment: CENTER-RIGHT;");
        chars.setMinWidth(95);
        table.getColumns().add(chars);
        var reason = column("Reason", 360, r -> r.reason().json() + (r.detail().isEmpty() ? "" : " — " + r.detail()));
        reason.setCellFactory(c -> new TableCell<>() {   // the whole reason: wrapped on a second line, and as a tooltip
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true);
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        table.getColumns().add(reason);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(emptyState());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        VBox.setVgrow(table, Priority.ALWAYS);
        var header = new HBox(8, new Label("Files"), filter);
        header.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, header, table);
    }

    /** What the file table says while the dataset is empty: how to fill it, or (first start) the sample data. */
    private VBox emptyState() {
        var title = new Label("This dataset has no files yet");
        title.getStyleClass().add("section-title");
        var how = new Label("Drop a folder of your documents (PDFs, scans, code, notes) on the area above, or use Add folder…");
        how.setWrapText(true);
        var box = new VBox(10, title, how);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(520);
        if (onUseSample != null) {
            var sample = new Button("Use the sample data");
            sample.setId("use-sample");
            sample.getStyleClass().add("accent");
            sample.setOnAction(e -> onUseSample.run());
            var what = new Label("Shakespeare, a PDF with a scanned page, a photographed sonnet and some code: trains in minutes");
            what.getStyleClass().add("hint");
            what.setWrapText(true);
            box.getChildren().addAll(new Label("or"), sample, what);
        }
        return box;
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
