package dev.sheepop.app.train;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import dev.sheepop.app.chart.CurveChart;
import javafx.scene.paint.Color;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;


/**
 * The Train pane: Start / Pause / Stop / Resume from checkpoint; the loss chart (train and validation,
 * optional log scale) and the learning-rate chart; step, tokens/s, ETA, grad norm, memory; the sample
 * from the current weights at each evaluation; the log.
 */
public final class TrainPane extends BorderPane {
    private final TrainViewModel vm;

    public TrainPane(TrainViewModel vm, Runnable onStart, Runnable onResumeFromCheckpoint) {
        this.vm = vm;
        getStyleClass().add("pane");
        setTop(toolbar(onStart, onResumeFromCheckpoint));
        var charts = new VBox(4, lossChart(), lrChart());
        VBox.setVgrow(charts.getChildren().get(0), Priority.ALWAYS);
        var main = new SplitPane(charts, side());
        main.setDividerPositions(0.68);
        var log = new ListView<>(vm.log());
        log.setId("train-log");
        log.getStyleClass().add("log-area");
        vm.log().addListener((ListChangeListener<String>) c -> log.scrollTo(vm.log().size() - 1));
        var vertical = new SplitPane(main, log);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.78);
        setCenter(vertical);
        BorderPane.setMargin(vertical, new Insets(8, 0, 0, 0));
    }

    private HBox toolbar(Runnable onStart, Runnable onResume) {
        var start = new Button("Start (F5)");
        start.setId("train-start");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> onStart.run());
        start.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.stateProperty().get().active(), vm.stateProperty()));
        var pause = new Button();
        pause.setId("train-pause");
        pause.textProperty().bind(Bindings.when(vm.stateProperty().isEqualTo(RunPhase.PAUSED)).then("Continue").otherwise("Pause"));
        pause.setOnAction(e -> {
            if (vm.stateProperty().get() == RunPhase.PAUSED) {
                vm.resumeAfterPause();
            } else {
                vm.pause();
            }
        });
        pause.disableProperty().bind(vm.stateProperty().isNotEqualTo(RunPhase.RUNNING)
                .and(vm.stateProperty().isNotEqualTo(RunPhase.PAUSED)));
        var stop = new Button("Stop (Shift+F5)");
        stop.setId("train-stop");
        stop.setOnAction(e -> vm.stop());
        stop.disableProperty().bind(vm.stateProperty().isNotEqualTo(RunPhase.RUNNING)
                .and(vm.stateProperty().isNotEqualTo(RunPhase.PAUSED)));
        var resume = new Button("Resume from checkpoint…");
        resume.setId("train-resume");
        resume.setOnAction(e -> onResume.run());
        resume.disableProperty().bind(start.disableProperty());
        var logScale = new CheckBox("Log scale");
        logScale.setId("log-scale");
        logScale.selectedProperty().bindBidirectional(vm.logScaleProperty());
        var progress = new ProgressBar();
        progress.setId("train-progress");
        progress.progressProperty().bind(vm.figures().progressProperty());
        progress.setPrefWidth(200);
        var state = new Label();
        state.setId("train-state");
        state.textProperty().bind(Bindings.createStringBinding(() -> vm.stateProperty().get().name().toLowerCase(),
                vm.stateProperty()));
        var bar = new HBox(8, start, pause, stop, resume, logScale, progress, state);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private VBox lossChart() {
        var chart = new CurveChart();
        chart.setId("loss-chart");
        chart.yLabelProperty().set("loss (nats per token)");
        chart.emptyTextProperty().set("No training yet: press Start (F5) to train on the dataset");
        chart.add("train", vm.trainLoss(), Color.web("#2f6f9f"), CurveChart.Style.LINE);
        chart.add("validation", vm.valLoss(), Color.web("#d35400"), CurveChart.Style.LINE_AND_MARKERS);
        chart.logScaleProperty().bind(vm.logScaleProperty());
        vm.floorsProperty().addListener((o, a, b) -> chart.levels().setAll(levels(b)));
        var readout = new Label();
        readout.setId("loss-readout");
        readout.getStyleClass().add("hint");
        readout.textProperty().bind(chart.readoutProperty());
        chart.setOnPick(pick -> vm.pickCheckpoint(Math.round(pick.point().x())));
        VBox.setVgrow(chart, Priority.ALWAYS);
        return new VBox(2, chart, readout, pickedBar());
    }

    /** The checkpoint picked by a click on the curve, with Open and Compare. */
    private HBox pickedBar() {
        var what = new Label();
        what.setId("picked-checkpoint");
        what.textProperty().bind(Bindings.createStringBinding(() -> {
            var c = vm.pickedProperty().get();
            return c == null ? "Click the loss curve to pick the saved checkpoint nearest to a step"
                    : String.format(java.util.Locale.ROOT, "Picked %s · step %,d%s", c.displayName(), c.step(),
                    Double.isFinite(c.valLoss()) ? String.format(java.util.Locale.ROOT, " · val %.4f", c.valLoss()) : "");
        }, vm.pickedProperty()));
        what.getStyleClass().add("hint");
        var open = new Button("Open in Playground");
        open.setId("picked-open");
        open.setOnAction(e -> vm.openPicked());
        var compare = new Button("Compare A/B in Playground");
        compare.setId("picked-compare");
        compare.setTooltip(new javafx.scene.control.Tooltip(
                "Side by side with the Playground's current model: same prompt, same seed"));
        compare.setOnAction(e -> vm.comparePicked());
        open.disableProperty().bind(vm.pickedProperty().isNull());
        compare.disableProperty().bind(vm.pickedProperty().isNull());
        var bar = new HBox(8, what, open, compare);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return bar;
    }

    /** The floors as the chart's reference lines: what token statistics alone reach. */
    static java.util.List<CurveChart.Level> levels(dev.sheepop.insight.BaselineFloors floors) {
        if (floors == null) {
            return java.util.List.of();
        }
        var colors = java.util.List.of(Color.web("#9aa7b3"), Color.web("#7f8c8d"), Color.web("#5d6d7e"));
        var out = new java.util.ArrayList<CurveChart.Level>();
        var named = floors.named();
        for (int i = 0; i < named.size(); i++) {
            var f = named.get(i);
            out.add(new CurveChart.Level(String.format("%s floor %.2f", f.getKey(), f.getValue().natsPerToken()),
                    f.getValue().natsPerToken(), colors.get(i)));
        }
        return out;
    }

    private CurveChart lrChart() {
        var chart = new CurveChart();
        chart.setId("lr-chart");
        chart.yLabelProperty().set("learning rate");
        chart.emptyTextProperty().set("The learning-rate schedule appears here");
        chart.add("learning rate", vm.learningRate(), Color.web("#6c7a89"), CurveChart.Style.LINE);
        chart.setPrefHeight(170);
        chart.setMinHeight(140);
        return chart;
    }

    private VBox side() {
        var grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        int row = 0;
        grid.addRow(row++, new Label("Step"), figure("fig-step", vm.figures().stepTextProperty()));
        grid.addRow(row++, new Label("Loss"), figure("fig-loss", vm.figures().lossTextProperty()));
        grid.addRow(row++, new Label("Val loss"), figure("fig-val", vm.figures().valLossTextProperty()));
        grid.addRow(row++, new Label("Tokens/s"), figure("fig-tokens", vm.figures().tokensPerSecTextProperty()));
        grid.addRow(row++, new Label("ETA"), figure("fig-eta", vm.figures().etaTextProperty()));
        grid.addRow(row++, new Label("Grad norm"), figure("fig-grad", vm.figures().gradNormTextProperty()));
        grid.addRow(row++, new Label("Memory"), figure("fig-memory", vm.figures().memoryTextProperty()));
        var sample = new TextArea();
        sample.setId("train-sample");
        sample.getStyleClass().add("output-area");
        sample.setEditable(false);
        sample.setWrapText(true);
        sample.textProperty().bind(vm.sampleProperty());
        VBox.setVgrow(sample, Priority.ALWAYS);
        var copying = new Label();
        copying.setId("train-sample-copying");
        copying.getStyleClass().add("copying-summary");
        copying.setWrapText(true);
        copying.textProperty().bind(vm.sampleCopyingProperty());
        var box = new VBox(8, grid, new Label("Sample at the last evaluation"), sample, copying);
        box.setPadding(new Insets(0, 0, 0, 8));
        return box;
    }

    private static Label figure(String id, ObservableStringValue text) {
        var label = new Label();
        label.setId(id);
        label.getStyleClass().add("figure");
        label.textProperty().bind(text);
        return label;
    }
}
