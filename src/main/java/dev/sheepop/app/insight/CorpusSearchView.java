package dev.sheepop.app.insight;

import dev.sheepop.insight.CorpusSearch;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.Locale;

/** A search box over the open dataset and its best passages, each with its file and the matched words marked. */
public final class CorpusSearchView extends VBox {
    public CorpusSearchView(String id, CorpusSearchViewModel vm) {
        setId(id);
        setSpacing(6);
        setPadding(new Insets(6, 0, 0, 0));
        var query = new TextField();
        query.setId(id + "-query");
        query.setPromptText("Words or a passage to find in your corpus");
        query.textProperty().bindBidirectional(vm.queryProperty());
        query.setOnAction(e -> vm.search());
        HBox.setHgrow(query, Priority.ALWAYS);
        var go = new Button("Search");
        go.setId(id + "-go");
        go.setDefaultButton(false);
        go.setOnAction(e -> vm.search());
        go.disableProperty().bind(vm.searchingProperty());
        var bar = new HBox(6, query, go);
        bar.setAlignment(Pos.CENTER_LEFT);
        var status = new Label();
        status.setId(id + "-status");
        status.getStyleClass().add("hint");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        var list = new ListView<>(vm.results());
        list.setId(id + "-results");
        list.setPlaceholder(new Label("No results yet"));
        list.setCellFactory(v -> new HitCell(v));
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(bar, status, list);
    }

    /** A result: "notes.txt · at character 1,234 · score 7.1" over the passage with its matches marked. */
    private static final class HitCell extends ListCell<CorpusSearch.Hit> {
        private final ListView<?> list;

        HitCell(ListView<?> list) {
            this.list = list;
        }

        @Override
        protected void updateItem(CorpusSearch.Hit hit, boolean empty) {
            super.updateItem(hit, empty);
            setText(null);
            if (empty || hit == null) {
                setGraphic(null);
                return;
            }
            var where = new Label(String.format(Locale.ROOT, "%s · at character %,d · score %.1f", hit.file(), hit.offset(),
                    hit.score()));
            where.getStyleClass().add("search-where");
            var flow = new TextFlow();
            flow.getChildren().setAll(passage(hit));
            flow.maxWidthProperty().bind(list.widthProperty().subtract(40));
            flow.prefWidthProperty().bind(flow.maxWidthProperty());
            setGraphic(new VBox(2, where, flow));
        }

        private static java.util.List<Text> passage(CorpusSearch.Hit hit) {
            var out = new ArrayList<Text>();
            String s = hit.text();
            int pos = 0;
            for (int[] r : hit.highlights()) {
                if (r[0] < pos || r[1] > s.length()) {
                    continue;
                }
                out.add(text(s.substring(pos, r[0]), "search-passage"));
                out.add(text(s.substring(r[0], r[1]), "search-match"));
                pos = r[1];
            }
            out.add(text(s.substring(pos), "search-passage"));
            return out;
        }

        private static Text text(String s, String styleClass) {
            var t = new Text(s);
            t.getStyleClass().add(styleClass);
            return t;
        }
    }
}
