package dev.sheepop.app.config;

import dev.sheepop.app.fx.Notifier;
import dev.sheepop.config.RunConfig;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
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
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Config pane: what the run trains on, then a form per section (model, tokenizer, training, data, run) with a
 * human label, the config key, the unit and a one-line help for every setting (the error in its place when a value is
 * wrong). Advanced settings are hidden until asked for, unless one of them is wrong. On the right: the preset (marked
 * "modified" after an edit), load/save, the live estimates and Start (disabled while invalid).
 */
public final class ConfigPane extends BorderPane {
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("model", "Model");
        SECTIONS.put("tokenizer", "Tokenizer");
        SECTIONS.put("training", "Training");
        SECTIONS.put("data", "Data");
        SECTIONS.put("", "Run");
    }

    private final ConfigViewModel vm;
    private final Notifier notifier;

    public ConfigPane(ConfigViewModel vm, Notifier notifier, Consumer<RunConfig> onStart) {
        this.vm = vm;
        this.notifier = notifier;
        getStyleClass().add("pane");
        var trainsOn = new Label();
        trainsOn.setId("cfg-dataset");
        trainsOn.getStyleClass().add("section-title");
        trainsOn.setWrapText(true);
        trainsOn.textProperty().bind(Bindings.concat("Trains on: ", vm.datasetProperty()));
        var advanced = new CheckBox("Show advanced settings");
        advanced.setId("cfg-advanced");
        advanced.selectedProperty().bindBidirectional(vm.showAdvancedProperty());
        var header = new HBox(16, trainsOn, advanced);
        header.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(trainsOn, Priority.ALWAYS);
        header.setPadding(new Insets(0, 0, 6, 0));
        var sections = new VBox(8);
        SECTIONS.keySet().forEach(section -> sections.getChildren().add(section(section)));
        var scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        setTop(header);
        setCenter(scroll);
        setRight(side(onStart));
    }

    private TitledPane section(String section) {
        var grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.setPadding(new Insets(6));
        var c0 = new ColumnConstraints(200, 200, 200);   // the same widths in every section: the columns line up
        var c1 = new ColumnConstraints(190, 190, 190);
        var c2 = new ColumnConstraints(80, 80, 80);
        var c3 = new ColumnConstraints();
        c3.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(c0, c1, c2, c3);
        int row = 0;
        javafx.beans.binding.BooleanExpression anyShown = vm.showAdvancedProperty();
        for (ConfigField f : vm.fields()) {
            if (!f.section().equals(section)) {
                continue;
            }
            FieldInfo info = ConfigViewModel.info(f);
            var label = new Label(info.label());
            label.getStyleClass().add("field-label");
            var key = new Label(f.path());
            key.getStyleClass().add("field-key");
            var names = new VBox(0, label, key);
            Node editor = editor(f);
            var unit = new Label(info.unit());
            unit.getStyleClass().add("hint");
            var help = new Label();
            help.setId("cfg-err-" + id(f));
            help.setWrapText(true);
            help.textProperty().bind(Bindings.when(f.errorProperty().isEmpty()).then(info.help()).otherwise(f.errorProperty()));
            f.errorProperty().addListener((o, a, b) -> mark(editor, help, b, info.help()));
            mark(editor, help, f.error(), info.help());
            if (!info.help().isEmpty()) {
                Tooltip.install(names, new Tooltip(info.help()));
            }
            if (info.advanced()) {   // shown with "Show advanced settings", or while it is wrong
                BooleanBinding shown = vm.showAdvancedProperty().or(f.errorProperty().isNotEmpty());
                for (Node n : new Node[]{names, editor, unit, help}) {
                    n.visibleProperty().bind(shown);
                    n.managedProperty().bind(shown);
                }
                anyShown = anyShown.or(f.errorProperty().isNotEmpty());
            } else {
                anyShown = javafx.beans.binding.Bindings.createBooleanBinding(() -> true);
            }
            grid.addRow(row++, names, editor, unit, help);
        }
        var pane = new TitledPane(SECTIONS.get(section), grid);
        pane.setId("cfg-section-" + (section.isEmpty() ? "run" : section));
        pane.visibleProperty().bind(anyShown);     // a section of advanced settings only appears with them
        pane.managedProperty().bind(anyShown);
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
                text.setPromptText(f.kind() == ConfigField.Kind.OPTIONAL_TEXT ? "(none)" : "");
                node = text;
            }
        }
        node.setId("cfg-" + id(f));
        if (f.path().equals("tokenizer.file")) {   // a path: typed, or chosen with Browse
            var browse = new Button("Browse…");
            browse.setId("cfg-tokenizer-file-browse");
            browse.setOnAction(e -> chooseTokenizerFile(f));
            var box = new HBox(4, node, browse);
            HBox.setHgrow(node, Priority.ALWAYS);
            node.disableProperty().bind(vm.field("tokenizer.type").textProperty().isEqualTo("char"));
            browse.disableProperty().bind(node.disableProperty());
            return box;
        }
        if (f.path().equals("tokenizer.vocab_size") || f.path().equals("tokenizer.min_frequency")) {
            // learned BPE only: not used by the character tokenizer or a given tokenizer.json
            node.disableProperty().bind(vm.field("tokenizer.type").textProperty().isEqualTo("char")
                    .or(vm.field("tokenizer.file").textProperty().isNotEmpty()));
        }
        return node;
    }

    private void chooseTokenizerFile(ConfigField f) {
        var chooser = new FileChooser();
        chooser.setTitle("Choose a tokenizer.json (Hugging Face, byte-level BPE)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("tokenizer.json", "*.json"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            f.textProperty().set(file.getAbsolutePath());
        }
    }

    private static void mark(Node editor, Label help, String error, String helpText) {
        editor.getStyleClass().remove("invalid");
        help.getStyleClass().removeAll("field-error", "hint");
        boolean wrong = error != null && !error.isEmpty();
        help.getStyleClass().add(wrong ? "field-error" : "hint");
        if (wrong) {
            editor.getStyleClass().add("invalid");
        }
        if (editor instanceof javafx.scene.control.Control c) {
            c.setTooltip(new Tooltip(wrong ? error : helpText.isEmpty() ? null : helpText));
        }
    }

    private VBox side(Consumer<RunConfig> onStart) {
        var presets = new ComboBox<String>();
        presets.setId("preset");
        presets.getItems().setAll(vm.presetNames());
        presets.valueProperty().bindBidirectional(vm.presetProperty());
        presets.setMaxWidth(Double.MAX_VALUE);
        var modified = new Label("modified");
        modified.setId("preset-modified");
        modified.getStyleClass().add("hint");
        modified.visibleProperty().bind(vm.modifiedProperty());
        var presetRow = new HBox(6, presets, modified);
        presetRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(presets, Priority.ALWAYS);
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
        figures.addRow(4, new Label("Whole run"), figure("est-total", ConfigEstimates::totalTimeText));
        var vocabNote = new Label();
        vocabNote.getStyleClass().add("hint");
        vocabNote.setWrapText(true);
        vocabNote.textProperty().bind(Bindings.createStringBinding(() -> vm.estimatesProperty().get() == null ? ""
                : vm.estimatesProperty().get().basisText(), vm.estimatesProperty()));

        var general = new Label();
        general.setId("cfg-general-error");
        general.getStyleClass().add("field-error");
        general.setWrapText(true);
        general.textProperty().bind(vm.generalErrorProperty());
        var validity = new Label();
        validity.setId("cfg-validity");
        validity.setWrapText(true);
        validity.textProperty().bind(Bindings.when(vm.validProperty()).then("Config is valid")
                .otherwise("Fix the marked fields to start"));

        var start = new Button("Start training");
        start.setId("start-training");
        start.getStyleClass().add("accent");
        start.setMaxWidth(Double.MAX_VALUE);
        start.disableProperty().bind(vm.validProperty().not());
        start.setOnAction(e -> onStart.accept(vm.config()));

        var box = new VBox(8, new Label("Preset"), presetRow, new HBox(6, load, save),
                new Label("Estimates"), figures, vocabNote, validity, general, start);
        box.setPadding(new Insets(8));
        box.setPrefWidth(300);
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
