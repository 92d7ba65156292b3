package dev.sheepop.app.insight;

import dev.sheepop.generate.AttentionMap;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;

/** The attention map of a prompt: Show, the layer and head (or the heads' average), the heatmap and a hover readout. */
public final class AttentionView extends VBox {
    private final AttentionHeatmap heatmap = new AttentionHeatmap();

    /** {@code show}: computes the map for the current prompt and model. */
    public AttentionView(AttentionViewModel vm, Runnable show) {
        setId("attention");
        setSpacing(6);
        setPadding(new Insets(6, 0, 0, 0));
        var compute = new Button("Show attention of the prompt");
        compute.setId("attention-show");
        compute.setOnAction(e -> show.run());
        var layer = new ComboBox<Integer>();
        layer.setId("attention-layer");
        layer.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer l) {
                return l == null ? "" : "Layer " + (l + 1);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        var head = new ComboBox<Integer>();
        head.setId("attention-head");
        head.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer h) {
                return h == null ? "" : h == AttentionViewModel.AVERAGE ? "Average of heads" : "Head " + (h + 1);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        vm.mapProperty().addListener((o, a, m) -> {
            var layers = new ArrayList<Integer>();
            for (int l = 0; l < m.layers(); l++) {
                layers.add(l);
            }
            var heads = new ArrayList<Integer>();
            heads.add(AttentionViewModel.AVERAGE);
            for (int h = 0; h < m.heads(); h++) {
                heads.add(h);
            }
            layer.getItems().setAll(layers);
            head.getItems().setAll(heads);
            layer.setValue(vm.layerProperty().get());
            head.setValue(vm.headProperty().get());
            redraw(vm);
        });
        layer.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.layerProperty().set(b);
                redraw(vm);
            }
        });
        head.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.headProperty().set(b);
                redraw(vm);
            }
        });
        layer.disableProperty().bind(vm.mapProperty().isNull());
        head.disableProperty().bind(vm.mapProperty().isNull());
        var bar = new HBox(8, compute, layer, head);
        bar.setAlignment(Pos.CENTER_LEFT);
        var status = new Label();
        status.setId("attention-status");
        status.getStyleClass().add("hint");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        var readout = new Label(" ");
        readout.setId("attention-readout");
        readout.getStyleClass().add("figure");
        heatmap.setOnHover(s -> readout.setText(s.isEmpty() ? " " : s));
        heatmap.setId("attention-heatmap");
        heatmap.setMinSize(200, 200);
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        getChildren().addAll(bar, status, heatmap, readout);
    }

    private void redraw(AttentionViewModel vm) {
        AttentionMap m = vm.mapProperty().get();
        heatmap.show(m == null ? null : m.tokens(), vm.matrix());
    }

    AttentionHeatmap heatmap() {
        return heatmap;
    }
}
