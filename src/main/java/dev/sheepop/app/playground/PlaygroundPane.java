package dev.sheepop.app.playground;

import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.insight.AttentionView;
import dev.sheepop.app.insight.AttentionViewModel;
import dev.sheepop.app.insight.CorpusSearchView;
import dev.sheepop.app.insight.CorpusSearchViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The Playground pane. Left: the prompt, the model (and a second one to compare), the sampling settings (checked as
 * typed; Generate is disabled while one is invalid) and the history. Right, in tabs: the output (one column per
 * model: prompt and continuation, tokens coloured by probability, copies from the corpus marked), the prompt's
 * attention map, and a search of the corpus.
 */
public final class PlaygroundPane extends BorderPane {
    private final PlaygroundViewModel vm;
    private final TabPane views = new TabPane();
    private final TranscriptView leftView;
    private final TranscriptView rightView;

    public PlaygroundPane(PlaygroundViewModel vm, AttentionViewModel attention, CorpusSearchViewModel search,
                          Notifier notifier) {
        this.vm = vm;
        getStyleClass().add("pane");
        var searchTab = new Tab("Find in corpus", new CorpusSearchView("playground-search", search));
        java.util.function.Consumer<String> searchFor = text -> {
            views.getSelectionModel().select(searchTab);
            search.search(text);
        };
        leftView = new TranscriptView("output-left", "", vm.left(), vm.colorByProbabilityProperty(), notifier, searchFor);
        rightView = new TranscriptView("output-right", "", vm.right(), vm.colorByProbabilityProperty(), notifier, searchFor);
        var outputTab = new Tab("Output", outputs());
        var attentionTab = new Tab("Attention", new AttentionView(attention, () -> {
            var model = vm.leftProperty().get();
            attention.compute(model == null ? null : model.generator(), model == null ? "" : model.name(),
                    vm.promptProperty().get());
        }));
        outputTab.setId("tab-output");
        attentionTab.setId("tab-attention");
        searchTab.setId("tab-find");
        views.getTabs().addAll(outputTab, attentionTab, searchTab);
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        views.setId("playground-views");
        var controls = new ScrollPane(controls());
        controls.setFitToWidth(true);
        controls.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        var split = new SplitPane(controls, views);
        split.setDividerPositions(0.32);
        setCenter(split);
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.runningProperty().get()) {
                vm.stop();
                e.consume();
            }
        });
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

        var leftModel = modelBox("model-left", vm.leftProperty(), "No model yet: train one or open a checkpoint");
        var side = new CheckBox("Compare with a second model (same prompt and seed)");
        side.setId("side-by-side");
        side.setWrapText(true);
        side.selectedProperty().bindBidirectional(vm.sideBySideProperty());
        var rightModel = modelBox("model-right", vm.rightProperty(), "Choose the second model");
        rightModel.visibleProperty().bind(vm.sideBySideProperty());
        rightModel.managedProperty().bind(vm.sideBySideProperty());

        var grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(2);
        int row = 0;
        for (SettingField<?> f : vm.settingsForm().fields()) {
            row = addField(grid, row, f);
        }
        var cache = new CheckBox("Use the KV cache (fast; off: a full forward pass per token, same text)");
        cache.setId("kv-cache");
        cache.setWrapText(true);
        cache.selectedProperty().bindBidirectional(vm.settingsForm().useCacheProperty());

        var generate = new Button("Generate  (Ctrl+Enter)");
        generate.setId("generate");
        generate.getStyleClass().add("accent");
        generate.setOnAction(e -> vm.generate());
        generate.disableProperty().bind(vm.runningProperty().or(vm.leftProperty().isNull())
                .or(vm.settingsForm().validProperty().not()));
        var stop = new Button("Stop  (Esc)");
        stop.setId("stop-generate");
        stop.setOnAction(e -> vm.stop());
        stop.disableProperty().bind(vm.runningProperty().not());
        var buttons = new HBox(8, generate, stop);
        buttons.setAlignment(Pos.CENTER_LEFT);

        var history = new ListView<>(vm.history());
        history.setId("history");
        history.setPrefHeight(140);
        history.setPlaceholder(new Label("Prompts you run appear here"));
        history.setTooltip(new Tooltip("Click: put a prompt and its settings back · double-click or Enter: run it again"));
        history.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.show(b);
            }
        });
        history.setOnMouseClicked(e -> {
            var entry = history.getSelectionModel().getSelectedItem();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && entry != null) {
                vm.rerun(entry);
            }
        });
        history.setOnKeyPressed(e -> {
            var entry = history.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && entry != null) {
                vm.rerun(entry);
                e.consume();
            }
        });
        VBox.setVgrow(history, Priority.ALWAYS);
        var box = new VBox(6, title("Prompt"), prompt, title("Model"), leftModel, side, rightModel,
                title("Sampling"), grid, cache, buttons, title("History"), history);
        box.setPadding(new Insets(0, 10, 0, 0));
        return box;
    }

    private static Label title(String text) {
        var l = new Label(text);
        l.getStyleClass().add("field-label");
        return l;
    }

    /** A setting's label, its text field and, under them, why its value is not accepted. */
    private static int addField(GridPane grid, int row, SettingField<?> f) {
        var label = new Label(f.label());
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setTooltip(new Tooltip(f.help()));
        var field = new TextField();
        field.setId(f.id());
        field.setPrefColumnCount(8);
        field.textProperty().bindBidirectional(f.textProperty());
        field.setTooltip(new Tooltip(f.help()));
        label.setLabelFor(field);
        var error = new Label();
        error.setId(f.id() + "-error");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.textProperty().bind(f.errorProperty());
        error.managedProperty().bind(f.errorProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        Runnable mark = () -> {
            field.getStyleClass().remove("invalid");
            if (!f.valid()) {
                field.getStyleClass().add("invalid");
            }
        };
        f.errorProperty().addListener((o, a, b) -> mark.run());
        mark.run();
        GridPane.setHgrow(field, Priority.ALWAYS);
        grid.addRow(row, label, field);
        grid.add(error, 1, row + 1);
        return row + 2;
    }

    private ComboBox<ModelSlot> modelBox(String id, ObjectProperty<ModelSlot> property, String empty) {
        var box = new ComboBox<>(vm.models());
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().bindBidirectional(property);
        box.setPromptText(empty);
        return box;
    }

    private VBox outputs() {
        var colour = new CheckBox("Colour tokens by probability");
        colour.setId("color-by-probability");
        colour.selectedProperty().bindBidirectional(vm.colorByProbabilityProperty());
        colour.setTooltip(new Tooltip("Each generated token in the colour of the probability it was drawn with; hover a token for its alternatives"));
        var legend = legend();
        legend.visibleProperty().bind(vm.colorByProbabilityProperty());
        var copies = new CheckBox("Mark copies from the corpus of at least");
        copies.setId("mark-copies");
        copies.selectedProperty().bindBidirectional(vm.markCopiesProperty());
        var min = new TextField();
        min.setId(vm.copyMinLength().id());
        min.setPrefColumnCount(4);
        min.textProperty().bindBidirectional(vm.copyMinLength().textProperty());
        min.disableProperty().bind(vm.markCopiesProperty().not());
        var minError = new Label();
        minError.getStyleClass().add("field-error");
        minError.textProperty().bind(vm.copyMinLength().errorProperty());
        vm.copyMinLength().errorProperty().addListener((o, a, b) -> {
            min.getStyleClass().remove("invalid");
            if (!b.isEmpty()) {
                min.getStyleClass().add("invalid");
            }
        });
        var colourGroup = new HBox(8, colour, legend);
        colourGroup.setAlignment(Pos.CENTER_LEFT);
        var copiesGroup = new HBox(6, copies, min, new Label("characters"), minError);
        copiesGroup.setAlignment(Pos.CENTER_LEFT);
        var options = new FlowPane(24, 4, colourGroup, copiesGroup);
        options.setAlignment(Pos.CENTER_LEFT);
        for (var group : List.of(colourGroup, copiesGroup)) {
            group.getChildren().forEach(n -> {
                if (n instanceof Region r) {
                    r.setMinWidth(Region.USE_PREF_SIZE);
                }
            });
        }
        legend.getChildren().forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));
        var columns = new HBox(10, leftView, rightView);
        HBox.setHgrow(leftView, Priority.ALWAYS);
        HBox.setHgrow(rightView, Priority.ALWAYS);
        leftView.setPrefWidth(100);
        rightView.setPrefWidth(100);
        rightView.visibleProperty().bind(vm.sideBySideProperty());
        rightView.managedProperty().bind(vm.sideBySideProperty());
        VBox.setVgrow(columns, Priority.ALWAYS);
        var cacheStats = new Label();
        cacheStats.setId("prompt-cache-stats");
        cacheStats.getStyleClass().add("hint");
        cacheStats.textProperty().bind(vm.cacheStatsProperty());
        var box = new VBox(6, options, columns, cacheStats);
        box.setPadding(new Insets(6, 0, 0, 0));
        return box;
    }

    /** likely ■ ■ ■ ■ ■ unlikely, in the tokens' colours. */
    private static HBox legend() {
        var box = new HBox(3);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().add(new Label("likely"));
        String[] ranges = {"≥ 80%", "50–80%", "20–50%", "5–20%", "< 5%"};
        for (int b = 1; b <= AnnotatedText.BANDS.length; b++) {
            var swatch = new Label("■");
            swatch.getStyleClass().addAll("legend-swatch", "prob-" + b);
            swatch.setTooltip(new Tooltip("drawn with probability " + ranges[b - 1]));
            box.getChildren().add(swatch);
        }
        box.getChildren().add(new Label("unlikely"));
        return box;
    }

    TranscriptView leftView() {
        return leftView;
    }
}
