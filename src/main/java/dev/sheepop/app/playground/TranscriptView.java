package dev.sheepop.app.playground;

import dev.sheepop.app.fx.Notifier;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Consumer;

/**
 * One output column: the model's name (with its step and validation loss), the prompt and continuation as
 * {@link AnnotatedText}, Copy and Save, tokens/s and what the memorisation meter found.
 */
final class TranscriptView extends VBox {
    private final AnnotatedText text = new AnnotatedText();

    TranscriptView(String id, String side, Transcript transcript, ObservableBooleanValue colorize, Notifier notifier,
                   Consumer<String> searchCorpus) {
        setId(id);
        getStyleClass().add("transcript");
        var title = new Label();
        title.setId(id + "-title");
        title.getStyleClass().add("section-title");
        title.setMinWidth(0);
        title.textProperty().bind(Bindings.createStringBinding(() -> side + (transcript.modelProperty().get() == null
                ? "no model yet" : transcript.modelProperty().get().name()), transcript.modelProperty()));
        title.setTooltip(new Tooltip());
        title.getTooltip().textProperty().bind(title.textProperty());
        var copy = new Button("Copy");
        copy.setId(id + "-copy");
        copy.setTooltip(new Tooltip("Copy the selection, or all of the text when nothing is selected (Ctrl+C)"));
        copy.setOnAction(e -> text.copy());
        var save = new Button("Save…");
        save.setId(id + "-save");
        save.setOnAction(e -> save(transcript, notifier));
        var search = new Button("Search");
        search.setId(id + "-search");
        search.setTooltip(new Tooltip("Find the passages of your corpus closest to the selected text (or all of it)"));
        search.setOnAction(e -> searchCorpus.accept(selectedOrAll(transcript)));
        var empty = Bindings.createBooleanBinding(() -> transcript.content().fullText().isEmpty(), transcript.contentProperty());
        copy.disableProperty().bind(empty);
        save.disableProperty().bind(empty);
        search.disableProperty().bind(empty);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(title, Priority.SOMETIMES);
        for (var b : java.util.List.of(search, copy, save)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        var header = new HBox(6, title, spacer, search, copy, save);
        header.setAlignment(Pos.CENTER_LEFT);

        text.setId(id);
        text.placeholderProperty().bind(Bindings.createStringBinding(() -> transcript.modelProperty().get() == null
                ? "No model yet: train one (Train pane) or open a checkpoint (Checkpoints pane)."
                : "Write a prompt on the left and press Generate (Ctrl+Enter).", transcript.modelProperty()));
        Runnable show = () -> text.show(transcript.content(), colorize.get());
        transcript.contentProperty().addListener((o, a, b) -> show.run());
        colorize.addListener((o, a, b) -> show.run());
        show.run();
        var menu = new ContextMenu();
        var copyItem = new MenuItem("Copy");
        copyItem.setOnAction(e -> text.copy());
        var searchItem = new MenuItem("Search the corpus for this");
        searchItem.setOnAction(e -> searchCorpus.accept(selectedOrAll(transcript)));
        var saveItem = new MenuItem("Save as…");
        saveItem.setOnAction(e -> save(transcript, notifier));
        menu.getItems().addAll(copyItem, searchItem, saveItem);
        text.setOnContextMenuRequested(e -> menu.show(text, e.getScreenX(), e.getScreenY()));

        var scroll = new ScrollPane(text);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("transcript-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        // keep the newest text in view while it streams
        text.heightProperty().addListener((o, a, b) -> {
            if (!transcript.content().done()) {
                scroll.setVvalue(1);
            }
        });
        var stats = new Label();
        stats.setId(id + "-stats");
        stats.textProperty().bind(transcript.statsProperty());
        var copying = new Label();
        copying.setId(id + "-copying");
        copying.setWrapText(true);
        copying.getStyleClass().add("copying-summary");
        copying.textProperty().bind(transcript.copyingSummaryProperty());
        copying.managedProperty().bind(copying.textProperty().isNotEmpty());
        copying.visibleProperty().bind(copying.managedProperty());
        getChildren().addAll(header, scroll, stats, copying);
        setSpacing(6);
        setMaxWidth(Double.MAX_VALUE);
    }

    private String selectedOrAll(Transcript transcript) {
        String s = text.selectionProperty().get();
        return s.isBlank() ? transcript.content().text() : s;
    }

    private void save(Transcript transcript, Notifier notifier) {
        var chooser = new FileChooser();
        chooser.setTitle("Save the text");
        chooser.setInitialFileName("generated.txt");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Text", "*.txt"));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file.toPath(), transcript.content().fullText(), StandardCharsets.UTF_8);
            notifier.info("Saved " + file);
        } catch (IOException e) {
            notifier.error("Cannot save " + file + ": " + e.getMessage());
        }
    }

    AnnotatedText text() {
        return text;
    }
}
