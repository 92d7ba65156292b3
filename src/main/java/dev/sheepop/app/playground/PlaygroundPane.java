package dev.sheepop.app.playground;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Playground pane: on the left the prompt, the sampling settings, the model(s) and the history;
 * on the right the streamed output (two columns when side by side) with tokens/s.
 */
public final class PlaygroundPane extends BorderPane {
    private final PlaygroundViewModel vm;

    public PlaygroundPane(PlaygroundViewModel vm) {
        this.vm = vm;
        getStyleClass().add("pane");
        var split = new SplitPane(controls(), outputs());
        split.setDividerPositions(0.36);
        setCenter(split);
    }

    private VBox controls() {
        var prompt = new TextArea();
        prompt.setId("prompt");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(4);
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        prompt.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                vm.generate();
                e.consume();
            }
        });

        var grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        int row = 0;
        grid.addRow(row++, new Label("Temperature"), doubleSpinner("temperature", vm.temperatureProperty(), 0, 5, 0.1));
        grid.addRow(row++, new Label("Top-k (0 = off)"), intSpinner("top-k", vm.topKProperty(), 0, 100_000, 5));
        grid.addRow(row++, new Label("Top-p"), doubleSpinner("top-p", vm.topPProperty(), 0.01, 1, 0.05));
        grid.addRow(row++, new Label("Repetition penalty"),
                doubleSpinner("repetition-penalty", vm.repetitionPenaltyProperty(), 1, 10, 0.05));
        grid.addRow(row++, new Label("Max length"), intSpinner("max-length", vm.maxLengthProperty(), 1, 1_000_000, 50));
        var seed = new TextField(Long.toString(vm.seedProperty().get()));
        seed.setId("seed");
        vm.seedProperty().addListener((o, a, b) -> {
            if (!seed.getText().trim().equals(b.toString())) {
                seed.setText(b.toString());
            }
        });
        seed.textProperty().addListener((o, a, b) -> {
            try {
                vm.seedProperty().set(Long.parseLong(b.trim()));
                seed.getStyleClass().remove("invalid");
            } catch (NumberFormatException ex) {
                seed.getStyleClass().add("invalid");
            }
        });
        grid.addRow(row++, new Label("Seed"), seed);
        var cache = new CheckBox("KV cache");
        cache.setId("kv-cache");
        cache.selectedProperty().bindBidirectional(vm.useCacheProperty());
        var side = new CheckBox("Side by side");
        side.setId("side-by-side");
        side.selectedProperty().bindBidirectional(vm.sideBySideProperty());
        grid.addRow(row++, cache, side);

        var leftModel = modelBox("model-left", vm.leftProperty());
        var rightModel = modelBox("model-right", vm.rightProperty());
        rightModel.disableProperty().bind(vm.sideBySideProperty().not());

        var generate = new Button("Generate  (Ctrl+Enter)");
        generate.setId("generate");
        generate.getStyleClass().add("accent");
        generate.setOnAction(e -> vm.generate());
        generate.disableProperty().bind(vm.runningProperty().or(vm.leftProperty().isNull()));
        var stop = new Button("Stop");
        stop.setId("stop-generate");
        stop.setOnAction(e -> vm.stop());
        stop.disableProperty().bind(vm.runningProperty().not());

        var history = new ListView<>(vm.history());
        history.setId("history");
        history.setPrefHeight(120);
        history.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.promptProperty().set(b);
            }
        });
        VBox.setVgrow(history, Priority.ALWAYS);
        var buttons = new HBox(8, generate, stop);
        buttons.setAlignment(Pos.CENTER_LEFT);
        var box = new VBox(6, new Label("Prompt"), prompt, new Label("Model"), leftModel,
                new Label("Second model (side by side)"), rightModel, grid, buttons, new Label("History"), history);
        box.setPadding(new Insets(0, 8, 0, 0));
        return box;
    }

    private ComboBox<ModelSlot> modelBox(String id, javafx.beans.property.ObjectProperty<ModelSlot> property) {
        var box = new ComboBox<>(vm.models());
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().bindBidirectional(property);
        box.setPromptText("no model yet");
        return box;
    }

    private static Spinner<Double> doubleSpinner(String id, DoubleProperty p, double min, double max, double step) {
        var s = new Spinner<Double>(min, max, p.get(), step);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(110);
        s.valueProperty().addListener((o, a, b) -> p.set(b));
        p.addListener((o, a, b) -> s.getValueFactory().setValue(b.doubleValue()));
        return s;
    }

    private static Spinner<Integer> intSpinner(String id, IntegerProperty p, int min, int max, int step) {
        var s = new Spinner<Integer>(min, max, p.get(), step);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(110);
        s.valueProperty().addListener((o, a, b) -> p.set(b));
        p.addListener((o, a, b) -> s.getValueFactory().setValue(b.intValue()));
        return s;
    }

    private HBox outputs() {
        var left = output("output-left", vm.leftOutputProperty(), vm.leftStatsProperty(), vm.leftProperty());
        var right = output("output-right", vm.rightOutputProperty(), vm.rightStatsProperty(), vm.rightProperty());
        right.visibleProperty().bind(vm.sideBySideProperty());
        right.managedProperty().bind(vm.sideBySideProperty());
        var box = new HBox(8, left, right);
        box.setPadding(new Insets(0, 0, 0, 8));
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        return box;
    }

    private static VBox output(String id, javafx.beans.value.ObservableStringValue text,
                               javafx.beans.value.ObservableStringValue stats,
                               javafx.beans.property.ObjectProperty<ModelSlot> model) {
        var title = new Label();
        title.getStyleClass().add("section-title");
        title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.get() == null ? "Output" : model.get().name(), model));
        var area = new TextArea();
        area.setId(id);
        area.getStyleClass().add("output-area");
        area.setEditable(false);
        area.setWrapText(true);
        // streamed text is appended (not the whole text set again at every update)
        area.setText(text.get());
        text.addListener((o, a, b) -> {
            if (b.startsWith(area.getText())) {
                area.appendText(b.substring(area.getText().length()));
            } else {
                area.setText(b);
                area.positionCaret(b.length());
            }
        });
        VBox.setVgrow(area, Priority.ALWAYS);
        var label = new Label();
        label.setId(id + "-stats");
        label.textProperty().bind(stats);
        var box = new VBox(6, title, area, label);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }
}
