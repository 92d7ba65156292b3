package dev.sheepop.app.insight;

import javafx.geometry.Point2D;

/** Test helper: where a heatmap cell is drawn. */
public final class HeatmapProbe {
    private HeatmapProbe() {
    }

    public static Point2D cellCentre(AttentionHeatmap heatmap, int row, int column) {
        return heatmap.cellCentre(row, column);
    }
}
