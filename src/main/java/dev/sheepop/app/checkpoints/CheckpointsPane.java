package dev.sheepop.app.checkpoints;

import dev.sheepop.app.train.CurvePoint;
import dev.sheepop.checkpoint.CheckpointInfo;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
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
            var run = CheckpointsViewModel.runDir(c);
            return run == null || run.getFileName() == null ? "" : run.getFileName().toString();
        }));
        table.getColumns().add(col("Checkpoint", 120, c -> c.path().getFileName().toString()));
        table.getColumns().add(col("Kind", 70, CheckpointInfo::kind));
        table.getColumns().add(col("Step", 70, CheckpointInfo::step));
        table.getColumns().add(col("Epoch", 60, CheckpointInfo::epoch));
        table.getColumns().add(col("Train loss", 90, c -> fmt(c.trainLoss())));
        table.getColumns().add(col("Val loss", 90, c -> fmt(c.valLoss())));
        var bpc = col("Bits/char", 80, c -> Double.isFinite(c.bitsPerChar()) ? String.format("%.3f", c.bitsPerChar()) : "—");
        bpc.setId("col-bits-per-char");
        table.getColumns().add(bpc);
        table.getColumns().add(col("Date", 140, c -> c.created() == null ? "" : DATE.format(c.created())));
        table.getColumns().add(col("Size", 80, c -> String.format("%.1f MB", c.sizeBytes() / 1048576.0)));
        table.setPlaceholder(new Label("No checkpoints yet: train a model (Train pane)"));
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<CheckpointInfo>) c ->
                vm.selection().setAll(table.getSelectionModel().getSelectedItems().stream().limit(2).toList()));
        return table;
    }

    private static <T> TableColumn<CheckpointInfo, T> col(String name, double width, Function<CheckpointInfo, T> f) {
        var col = new TableColumn<CheckpointInfo, T>(name);
        col.setPrefWidth(width);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(f.apply(c.getValue())));
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
        resume.disableProperty().bind(one);
        resume.setOnAction(e -> vm.resumeSelected());
        var open = new Button("Open in Playground");
        open.setId("ckpt-open");
        open.disableProperty().bind(none);
        open.setOnAction(e -> vm.openSelectedInPlayground());
        var export = new Button("Export…");
        export.setId("ckpt-export");
        export.disableProperty().bind(one);
        export.setOnAction(e -> {
            File dir = new DirectoryChooser().showDialog(getScene().getWindow());
            if (dir != null) {
                vm.exportSelected(dir.toPath());
            }
        });
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
        var hint = new Label("Select two to compare");
        hint.getStyleClass().add("hint");
        var bar = new HBox(8, refresh, resume, open, export, delete, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private SplitPane details() {
        var text = new TextArea();
        text.setId("ckpt-details");
        text.getStyleClass().add("preview-area");
        text.setEditable(false);
        text.textProperty().bind(vm.detailsProperty());
        var x = new NumberAxis();
        x.setLabel("step");
        x.setForceZeroInRange(false);
        var y = new NumberAxis();
        y.setLabel("train loss");
        y.setForceZeroInRange(false);
        var chart = new LineChart<>(x, y);
        chart.setId("ckpt-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        var a = new XYChart.Series<Number, Number>();
        a.setName("A");
        var b = new XYChart.Series<Number, Number>();
        b.setName("B");
        chart.getData().addAll(a, b);
        bind(vm.curveA(), a);
        bind(vm.curveB(), b);
        var left = new VBox(4, new Label("Config (two selected: the differences)"), text);
        VBox.setVgrow(text, Priority.ALWAYS);
        var split = new SplitPane(left, chart);
        split.setDividerPositions(0.45);
        return split;
    }

    private static void bind(ObservableList<CurvePoint> points, XYChart.Series<Number, Number> series) {
        points.addListener((ListChangeListener<CurvePoint>) c -> series.getData().setAll(points.stream()
                .map(p -> new XYChart.Data<Number, Number>(p.x(), p.y())).toList()));
    }
}
