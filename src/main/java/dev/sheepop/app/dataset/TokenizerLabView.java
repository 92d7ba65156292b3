package dev.sheepop.app.dataset;

import dev.sheepop.config.TokenizerConfig;
import dev.sheepop.tokenizer.TokenizerLab;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.Locale;
import java.util.function.Function;

/**
 * The tokenizer lab's view: sizes to compare, Compare / Cancel with progress, the table of tokenizers, the chosen
 * one's frequent tokens and a passage of the dataset with every token on its own coloured background.
 */
public final class TokenizerLabView extends VBox {
    private final TokenizerLabViewModel vm;
    private final TextFlow passage = new TextFlow();

    public TokenizerLabView(TokenizerLabViewModel vm) {
        super(6);
        this.vm = vm;
        setId("tokenizer-lab");
        setPadding(new Insets(6, 0, 0, 0));
        var sizes = new TextField();
        sizes.setId("lab-sizes");
        sizes.textProperty().bindBidirectional(vm.sizesProperty());
        sizes.setPrefColumnCount(22);
        sizes.setTooltip(new Tooltip("BPE vocabulary sizes to compare with the character tokenizer"));
        var sizesError = new Label();
        sizesError.getStyleClass().add("field-error");
        sizesError.textProperty().bind(vm.sizesErrorProperty());
        var compare = new Button("Compare");
        compare.setId("lab-compare");
        compare.setDefaultButton(false);
        compare.disableProperty().bind(vm.runningProperty().or(vm.sizesErrorProperty().isNotEmpty()));
        compare.setOnAction(e -> vm.compare());
        var cancel = new Button("Cancel");
        cancel.setId("lab-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        var progress = new ProgressBar();
        progress.setId("lab-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        progress.setPrefWidth(140);
        var controls = new HBox(8, new Label("BPE sizes"), sizes, compare, cancel, progress, sizesError);
        controls.setAlignment(Pos.CENTER_LEFT);
        var status = new Label();
        status.setId("lab-status");
        status.getStyleClass().add("hint");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());

        var use = new Button("Use for the run");
        use.setId("lab-use");
        use.disableProperty().bind(vm.selectedProperty().isNull());
        use.setOnAction(e -> vm.useSelected());
        var top = new Label();
        top.setId("lab-top");
        top.setWrapText(true);
        top.textProperty().bind(Bindings.createStringBinding(() -> vm.topTokensProperty().get().isEmpty() ? ""
                : "Most frequent tokens: " + vm.topTokensProperty().get(), vm.topTokensProperty()));
        passage.setId("lab-passage");
        passage.setLineSpacing(4);
        var scroll = new ScrollPane(passage);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(160);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        vm.pieces().addListener((ListChangeListener<TokenizerLab.Piece>) c -> showPieces());
        var chosen = new HBox(8, use, new Label("Token boundaries in a passage of your text:"));
        chosen.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(controls, status, table(), top, chosen, scroll);
    }

    private TableView<TokenizerLab.Row> table() {
        var table = new TableView<>(vm.rows());
        table.setId("lab-table");
        table.setPrefHeight(190);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(col("Tokenizer", TokenizerLab.Row::name));
        table.getColumns().add(col("Vocabulary", r -> String.format(Locale.ROOT, "%,d", r.tokenizer().vocabSize())));
        table.getColumns().add(col("Learned in", r -> r.config().type() == TokenizerConfig.Type.CHAR ? "—"
                : String.format(Locale.ROOT, "%.1f s", r.learnSeconds())));
        table.getColumns().add(col("Tokens", r -> String.format(Locale.ROOT, "%,d", r.tokens())));
        table.getColumns().add(col("Characters per token", r -> String.format(Locale.ROOT, "%.2f", r.charactersPerToken())));
        table.getColumns().add(col("The context holds", vm::contextText));
        table.setPlaceholder(new Label("Press Compare to see what each tokenizer does to this dataset"));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
        });
        return table;
    }

    private static TableColumn<TokenizerLab.Row, String> col(String name, Function<TokenizerLab.Row, String> value) {
        var col = new TableColumn<TokenizerLab.Row, String>(name);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return col;
    }

    /** Each piece on its own background, alternating two colours; a newline shows as ↵ and breaks the line. */
    private void showPieces() {
        passage.getChildren().clear();
        int i = 0;
        for (TokenizerLab.Piece p : vm.pieces()) {
            String text = p.text();
            boolean newline = text.endsWith("\n");
            var token = new Label(TokenizerLab.visible(text));
            token.getStyleClass().addAll("token", i++ % 2 == 0 ? "token-a" : "token-b");
            token.setTooltip(new Tooltip("ids " + java.util.Arrays.toString(p.ids())));
            passage.getChildren().add(token);
            if (newline) {
                passage.getChildren().add(new Text("\n"));
            }
        }
    }
}
