package dev.sheepop.app.config;

import dev.sheepop.app.fx.Notifier;
import dev.sheepop.config.RunConfig;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Config pane: a form per section (model, training, data, run) with the error of each field next to
 * it, and on the right the preset, load/save and the live estimates, with Start (disabled while invalid).
 */
public final class ConfigPane extends BorderPane {
    private static final Map<String, String> SECTIONS = Map.of("model", "Model", "training", "Training",
            "data", "Data", "", "Run");
    private final ConfigViewModel vm;
    private final Notifier notifier;

    public ConfigPane(ConfigViewModel vm, Notifier notifier, Consumer<RunConfig> onStart) {
        this.vm = vm;
        this.notifier = notifier;
        getStyleClass().add("pane");
        var sections = new VBox(8);
        for (String section : List.of("model", "training", "data", "")) {
            sections.getChildren().add(section(section));
        }
        var scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        setRight(side(onStart));
    }

    private TitledPane section(String section) {
        var grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        grid.setPadding(new Insets(6));
        var c0 = new ColumnConstraints(180);
        var c1 = new ColumnConstraints(140, 160, 220);
        var c2 = new ColumnConstraints();
        c2.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(c0, c1, c2);
        int row = 0;
        for (ConfigField f : vm.fields()) {
            if (!f.section().equals(section)) {
                continue;
            }
            var label = new Label(f.key());
            Node editor = editor(f);
            var error = new Label();
            error.setId("cfg-err-" + id(f));
            error.getStyleClass().add("field-error");
            error.textProperty().bind(f.errorProperty());
            error.setWrapText(true);
            f.errorProperty().addListener((o, a, b) -> mark(editor, b));
            mark(editor, f.error());
            grid.addRow(row++, label, editor, error);
        }
        var pane = new TitledPane(SECTIONS.get(section), grid);
        pane.setId("cfg-section-" + (section.isEmpty() ? "run" : section));
        return pane;
    }

    private Node editor(ConfigField f) {
        Node node;
        switch (f.kind()) {
            case CHOICE -> {
                var box = new ComboBox<String>();
                box.getItems().setAll(f.choices());
                box.valueProperty().bindBidirectional(f.textProperty());
                box.setMaxWidth(Double.MAX_VALUE);
                node = box;
            }
            case BOOLEAN -> {
                var check = new CheckBox();
                check.setSelected(Boolean.parseBoolean(f.text()));
                check.selectedProperty().addListener((o, a, b) -> f.textProperty().set(Boolean.toString(b)));
                f.textProperty().addListener((o, a, b) -> check.setSelected(Boolean.parseBoolean(b)));
                node = check;
            }
            default -> {
                var text = new TextField();
                text.textProperty().bindBidirectional(f.textProperty());
                node = text;
            }
        }
        node.setId("cfg-" + id(f));
        return node;
    }

    private static void mark(Node editor, String error) {
        editor.getStyleClass().remove("invalid");
        if (error != null && !error.isEmpty()) {
            editor.getStyleClass().add("invalid");
            if (editor instanceof javafx.scene.control.Control c) {
                c.setTooltip(new Tooltip(error));
            }
        } else if (editor instanceof javafx.scene.control.Control c) {
            c.setTooltip(null);
        }
    }

    private VBox side(Consumer<RunConfig> onStart) {
        var presets = new ComboBox<String>();
        presets.setId("preset");
        presets.getItems().setAll(vm.presetNames());
        presets.valueProperty().bindBidirectional(vm.presetProperty());
        presets.setMaxWidth(Double.MAX_VALUE);
        var load = new Button("Load…");
        load.setId("cfg-load");
        load.setOnAction(e -> chooseAndLoad());
        var save = new Button("Save…");
        save.setId("cfg-save");
        save.setOnAction(e -> chooseAndSave());
        save.disableProperty().bind(vm.validProperty().not());

        var figures = new GridPane();
        figures.setHgap(8);
        figures.setVgap(4);
        figures.getStyleClass().add("figures");
        figures.addRow(0, new Label("Parameters"), figure("est-params", ConfigEstimates::parametersText));
        figures.addRow(1, new Label("Memory (training)"), figure("est-memory", ConfigEstimates::memoryText));
        figures.addRow(2, new Label("FLOPs / token"), figure("est-flops", ConfigEstimates::flopsText));
        figures.addRow(3, new Label("Time / step"), figure("est-step", ConfigEstimates::stepTimeText));
        var vocabNote = new Label();
        vocabNote.getStyleClass().add("hint");
        vocabNote.setWrapText(true);
        vocabNote.textProperty().bind(Bindings.createStringBinding(() -> vm.estimatesProperty().get() == null ? ""
                : "vocabulary " + vm.estimatesProperty().get().vocabSize() + "; time assumes ≈ 27 GFLOP/s",
                vm.estimatesProperty()));

        var general = new Label();
        general.setId("cfg-general-error");
        general.getStyleClass().add("field-error");
        general.setWrapText(true);
        general.textProperty().bind(vm.generalErrorProperty());
        var validity = new Label();
        validity.setId("cfg-validity");
        validity.textProperty().bind(Bindings.when(vm.validProperty()).then("Config is valid")
                .otherwise("Fix the marked fields to start"));

        var start = new Button("Start training");
        start.setId("start-training");
        start.getStyleClass().add("accent");
        start.setMaxWidth(Double.MAX_VALUE);
        start.disableProperty().bind(vm.validProperty().not());
        start.setOnAction(e -> onStart.accept(vm.config()));

        var box = new VBox(8, new Label("Preset"), presets, new javafx.scene.layout.HBox(6, load, save),
                new Label("Estimates"), figures, vocabNote, validity, general, start);
        box.setPadding(new Insets(8));
        box.setPrefWidth(280);
        box.getStyleClass().add("side");
        return box;
    }

    private Label figure(String id, java.util.function.Function<ConfigEstimates, String> text) {
        var label = new Label();
        label.setId(id);
        label.getStyleClass().add("figure");
        label.textProperty().bind(Bindings.createStringBinding(() -> vm.estimatesProperty().get() == null ? "—"
                : text.apply(vm.estimatesProperty().get()), vm.estimatesProperty()));
        return label;
    }

    private void chooseAndLoad() {
        var chooser = jsonChooser();
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            try {
                vm.load(file.toPath());
                notifier.info("Loaded " + file.getName());
            } catch (RuntimeException e) {
                notifier.error(e);
            }
        }
    }

    private void chooseAndSave() {
        var chooser = jsonChooser();
        chooser.setInitialFileName("config.json");
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            try {
                vm.save(file.toPath());
                notifier.info("Saved " + file.getName());
            } catch (Exception e) {
                notifier.error(e);
            }
        }
    }

    private static FileChooser jsonChooser() {
        var chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON config", "*.json"));
        chooser.setInitialDirectory(new File(System.getProperty("user.dir")));
        return chooser;
    }

    static String id(ConfigField f) {
        return f.path().replace('.', '-');
    }
}
