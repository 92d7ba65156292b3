package dev.sheepop.app.insight;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A token-by-token heatmap of attention weights: row i is token i, column j the weight it gives token j (nothing to the
 * right of the diagonal: a token sees only what came before it). The tokens label the rows and columns; the colour is
 * the square root of the weight, so that small weights stay visible. Hover reports a cell.
 */
public final class AttentionHeatmap extends Region {
    private static final Color LOW = Color.web("#ffffff");
    private static final Color HIGH = Color.web("#1f4e79");
    private final Canvas canvas = new Canvas();
    private List<String> tokens = List.of();
    private float[][] weights;
    private double cell;
    private double left;
    private double top;
    private Consumer<String> onHover = s -> { };

    public AttentionHeatmap() {
        getStyleClass().add("attention-heatmap");
        getChildren().add(canvas);
        widthProperty().addListener((o, a, b) -> draw());
        heightProperty().addListener((o, a, b) -> draw());
        canvas.setOnMouseMoved(e -> onHover.accept(describe(e.getX(), e.getY())));
        canvas.setOnMouseExited(e -> onHover.accept(""));
    }

    /** Shows {@code weights} ([T][T]) with {@code tokens} (T) as labels; null clears it. */
    public void show(List<String> tokens, float[][] weights) {
        this.tokens = tokens == null ? List.of() : List.copyOf(tokens);
        this.weights = weights;
        draw();
    }

    /** Receives "“ROMEO” → “:” 0.231" as the mouse moves over a cell ("" off the map). */
    public void setOnHover(Consumer<String> onHover) {
        this.onHover = onHover;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        int n = tokens.size();
        if (weights == null || n == 0) {
            return;
        }
        int longest = tokens.stream().mapToInt(String::length).max().orElse(1);
        double labelSpace = Math.min(110, 8 + 7 * Math.min(longest, 14));
        cell = Math.max(2, Math.min(56, Math.min(canvas.getWidth() - labelSpace - 8, canvas.getHeight() - labelSpace - 8) / n));
        left = labelSpace;
        top = labelSpace;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i && j < weights[i].length; j++) {
                g.setFill(LOW.interpolate(HIGH, Math.sqrt(Math.max(0, Math.min(1, weights[i][j])))));
                g.fillRect(left + j * cell, top + i * cell, cell, cell);
            }
        }
        g.setStroke(Color.web("#c9d1d9"));
        g.strokeRect(left, top, n * cell, n * cell);
        if (cell >= 8) {
            g.setFont(Font.font("Monospaced", Math.min(12, cell - 1)));
            g.setFill(Color.web("#30363d"));
            g.setTextBaseline(VPos.CENTER);
            g.setTextAlign(TextAlignment.RIGHT);
            for (int i = 0; i < n; i++) {
                g.fillText(clip(tokens.get(i)), left - 4, top + (i + 0.5) * cell);
            }
            g.save();
            g.translate(left, top - 4);
            g.rotate(-90);
            g.setTextAlign(TextAlignment.LEFT);
            for (int j = 0; j < n; j++) {
                g.fillText(clip(tokens.get(j)), 0, (j + 0.5) * cell);
            }
            g.restore();
        }
    }

    private static String clip(String token) {
        return token.length() <= 14 ? token : token.substring(0, 13) + "…";
    }

    /** The cell under a point, described; "" off the map. */
    String describe(double x, double y) {
        if (weights == null || cell <= 0) {
            return "";
        }
        int i = (int) Math.floor((y - top) / cell);
        int j = (int) Math.floor((x - left) / cell);
        if (i < 0 || j < 0 || i >= tokens.size() || j > i) {
            return "";
        }
        return String.format(Locale.ROOT, "token %d “%s” gives %.3f of its attention to token %d “%s”", i + 1,
                tokens.get(i), weights[i][j], j + 1, tokens.get(j));
    }

    /** The point at the centre of cell (row, column), in this region's coordinates (for tests). */
    javafx.geometry.Point2D cellCentre(int row, int column) {
        return new javafx.geometry.Point2D(left + (column + 0.5) * cell, top + (row + 0.5) * cell);
    }
}
