package dev.sheepop.app.checkpoints;

import dev.sheepop.app.chart.CurveChart;
import dev.sheepop.app.train.CurvePoint;
import dev.sheepop.checkpoint.CheckpointInfo;
import dev.sheepop.checkpoint.RunLibrary;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;

import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The Checkpoints pane: a table of checkpoints (select one to inspect, two to compare), actions, and the
 * selected config(s) with their loss curves.
 */
public final class CheckpointsPane extends BorderPane {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private final CheckpointsViewModel vm;

    public CheckpointsPane(CheckpointsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("pane");
        var table = table();
        setTop(toolbar());
        var split = new SplitPane(table, details());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        setCenter(split);
        BorderPane.setMargin(split, new Insets(8, 0, 0, 0));
    }

    private TableView<CheckpointInfo> table() {
        var table = new TableView<>(vm.checkpoints());
        table.setId("checkpoints-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().add(col("Run", 190, c -> {
            var run = RunLibrary.runOf(c);
            return run == null || run.getFileName() == null ? "" : run.getFileName().toString();
        }));
        table.getColumns().add(col("Checkpoint", 120, c -> c.path().getFileName().toString()));
        table.getColumns().add(col("Kind", 70, CheckpointInfo::kind));
        table.getColumns().add(right(col("Step", 80, c -> String.format("%,d", c.step()))));
        table.getColumns().add(right(col("Epoch", 60, c -> Integer.toString(c.epochNumber()))));
        table.getColumns().add(right(col("Train loss", 90, c -> fmt(c.trainLoss()))));
        table.getColumns().add(right(col("Val loss", 90, c -> fmt(c.valLoss()))));
        var bpc = right(col("Bits/char", 80, c -> Double.isFinite(c.bitsPerChar()) ? String.format("%.3f", c.bitsPerChar()) : "—"));
        bpc.setId("col-bits-per-char");
        table.getColumns().add(bpc);
        table.getColumns().add(col("Date", 140, c -> c.created() == null ? "" : DATE.format(c.created())));
        table.getColumns().add(right(col("Size", 80, c -> String.format("%,.1f MB", c.sizeBytes() / 1048576.0))));
        table.getColumns().add(col("Resumable", 90, c -> c.resumable() ? "yes" : "no (model only)"));
        table.setPlaceholder(new Label("No checkpoints yet: train a model (Train pane)"));
        boolean[] syncing = {false};
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<CheckpointInfo>) c -> {
            if (!syncing[0]) {
                syncing[0] = true;
                vm.selection().setAll(table.getSelectionModel().getSelectedItems().stream().limit(2).toList());
                syncing[0] = false;
            }
        });
        vm.selection().addListener((ListChangeListener<CheckpointInfo>) c -> {   // e.g. a click on the chart chose one
            if (!syncing[0]) {
                syncing[0] = true;
                table.getSelectionModel().clearSelection();
                vm.selection().forEach(table.getSelectionModel()::select);
                syncing[0] = false;
            }
        });
        return table;
    }

    private static <T> TableColumn<CheckpointInfo, T> col(String name, double width, Function<CheckpointInfo, T> f) {
        var col = new TableColumn<CheckpointInfo, T>(name);
        col.setPrefWidth(width);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(f.apply(c.getValue())));
        return col;
    }

    private static <T> TableColumn<CheckpointInfo, T> right(TableColumn<CheckpointInfo, T> col) {
        col.setStyle("-fx-alignment: CENTER-RIGHT;");
        return col;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format("%.4f", v) : "—";
    }

    private HBox toolbar() {
        var refresh = new Button("Refresh");
        refresh.setId("ckpt-refresh");
        refresh.setOnAction(e -> vm.refresh());
        var one = Bindings.size(vm.selection()).isNotEqualTo(1);
        var none = Bindings.isEmpty(vm.selection());
        var resume = new Button("Resume training");
        resume.setId("ckpt-resume");
        resume.disableProperty().bind(one.or(vm.resumeBlockedProperty().isNotEmpty()));
        resume.setOnAction(e -> vm.resumeSelected());
        var resumeTip = new javafx.scene.control.Tooltip();
        resumeTip.textProperty().bind(Bindings.when(vm.resumeBlockedProperty().isEmpty())
                .then("Continue training from the selected checkpoint").otherwise(vm.resumeBlockedProperty()));
        // a disabled button shows no tooltip: the wrapper does
        var resumeHolder = new javafx.scene.layout.StackPane(resume);
        javafx.scene.control.Tooltip.install(resumeHolder, resumeTip);
        var open = new Button("Open in Playground");
        open.setId("ckpt-open");
        open.disableProperty().bind(none);
        open.setOnAction(e -> vm.openSelectedInPlayground());
        var asHf = new javafx.scene.control.MenuItem("As a Hugging Face GPT-2 model (safetensors)…");
        asHf.setId("ckpt-export-hf");
        asHf.setOnAction(e -> chooseFolder("Export as a Hugging Face model into…", vm::exportSelectedAsHf));
        var asCopy = new javafx.scene.control.MenuItem("As a copy of the checkpoint folder…");
        asCopy.setId("ckpt-export-copy");
        asCopy.setOnAction(e -> chooseFolder("Copy the checkpoint into…", vm::exportSelected));
        var export = new javafx.scene.control.MenuButton("Export", null, asHf, asCopy);
        export.setId("ckpt-export");
        export.disableProperty().bind(one);
        var delete = new Button("Delete…");
        delete.setId("ckpt-delete");
        delete.disableProperty().bind(none);
        delete.setOnAction(e -> {
            var alert = new Alert(Alert.AlertType.CONFIRMATION, "Delete " + vm.selection().size()
                    + " checkpoint(s)? This cannot be undone.", ButtonType.OK, ButtonType.CANCEL);
            alert.setHeaderText("Delete checkpoints");
            alert.initOwner(getScene().getWindow());
            alert.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.deleteSelected());
        });
        var hint = new Label();
        hint.setId("ckpt-hint");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.textProperty().bind(Bindings.when(vm.resumeBlockedProperty().isEmpty())
                .then("Select one to inspect, two to compare (Open in Playground: side by side)")
                .otherwise(vm.resumeBlockedProperty()));
        var bar = new HBox(8, refresh, resumeHolder, open, export, delete, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private SplitPane details() {
        var text = new TextArea();
        text.setId("ckpt-details");
        text.getStyleClass().add("preview-area");
        text.setEditable(false);
        text.textProperty().bind(vm.detailsProperty());
        var chart = new CurveChart();
        chart.setId("ckpt-chart");
        chart.yLabelProperty().set("loss (nats per token)");
        chart.emptyTextProperty().set("Select a checkpoint to see its run's loss curve");
        chart.add("A train", vm.curveA(), Color.web("#2f6f9f"), CurveChart.Style.LINE);
        chart.add("A validation", vm.valA(), Color.web("#d35400"), CurveChart.Style.LINE_AND_MARKERS);
        chart.add("B train", vm.curveB(), Color.web("#27ae60"), CurveChart.Style.LINE);
        chart.add("B validation", vm.valB(), Color.web("#8e44ad"), CurveChart.Style.LINE_AND_MARKERS);
        chart.setOnPick(pick -> vm.selectNearest(pick.series().name().startsWith("A") ? 0 : 1, (long) pick.point().x()));
        var readout = new Label("Click a point of a curve to select the checkpoint nearest to it");
        readout.getStyleClass().add("hint");
        chart.readoutProperty().addListener((o, a, b) -> readout.setText(b.isEmpty()
                ? "Click a point of a curve to select the checkpoint nearest to it" : b));
        var chartBox = new VBox(2, chart, readout);
        VBox.setVgrow(chart, Priority.ALWAYS);
        var left = new VBox(4, new Label("Config (two selected: the differences)"), text);
        VBox.setVgrow(text, Priority.ALWAYS);
        var split = new SplitPane(left, chartBox);
        split.setDividerPositions(0.45);
        return split;
    }

    private void chooseFolder(String title, java.util.function.Consumer<java.nio.file.Path> then) {
        var chooser = new DirectoryChooser();
        chooser.setTitle(title);
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) {
            then.accept(dir.toPath());
        }
    }
}
