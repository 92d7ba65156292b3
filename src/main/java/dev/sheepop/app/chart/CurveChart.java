package dev.sheepop.app.chart;

import dev.sheepop.app.train.CurvePoint;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A chart of curves over training steps, drawn on a canvas: lines, validation points with markers, horizontal
 * reference lines with labels (the baseline floors), a real logarithmic y axis, axis labels that always fit, a legend,
 * a readout of the point under the mouse and a click that picks the nearest point. Used by the Train pane (loss,
 * learning rate) and the checkpoint browser (compared runs).
 */
public final class CurveChart extends Region {
    /** How a series is drawn. */
    public enum Style { LINE, LINE_AND_MARKERS }

    /** One curve: its name in the legend and the readout, its points, colour and style. */
    public record Series(String name, ObservableList<CurvePoint> points, Color color, Style style) {
    }

    /** A horizontal reference line across the chart, labelled at its right end. */
    public record Level(String label, double value, Color color) {
    }

    /** The point the user clicked: its series and coordinates. */
    public record Pick(Series series, CurvePoint point) {
    }

    private static final Font FONT = Font.font(12);
    private static final double PAD = 8;
    private final Canvas canvas = new Canvas();
    private final List<Series> series = new ArrayList<>();
    private final ObservableList<Level> levels = FXCollections.observableArrayList();
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);
    private final StringProperty xLabel = new SimpleStringProperty("step");
    private final StringProperty yLabel = new SimpleStringProperty("");
    private final StringProperty emptyText = new SimpleStringProperty("No data yet");
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper("");
    private Consumer<Pick> onPick = p -> { };
    private boolean redrawQueued;
    private double mouseX = Double.NaN;
    private double mouseY = Double.NaN;
    private Frame frame;

    public CurveChart() {
        getStyleClass().add("curve-chart");
        getChildren().add(canvas);
        levels.addListener((ListChangeListener<Level>) c -> requestRedraw());
        logScale.addListener((o, a, b) -> requestRedraw());
        yLabel.addListener((o, a, b) -> requestRedraw());
        emptyText.addListener((o, a, b) -> requestRedraw());
        setMinSize(200, 120);
        setPrefSize(600, 320);
        canvas.setOnMouseMoved(this::hover);
        canvas.setOnMouseExited(e -> {
            mouseX = Double.NaN;
            readout.set("");
            requestRedraw();
        });
        canvas.setOnMouseClicked(e -> {
            Pick p = nearest(e.getX(), e.getY(), Double.MAX_VALUE);
            if (p != null) {
                onPick.accept(p);
            }
        });
    }

    /** Adds a series; the chart redraws when its points change. */
    public Series add(String name, ObservableList<CurvePoint> points, Color color, Style style) {
        var s = new Series(name, points, color, style);
        series.add(s);
        points.addListener((ListChangeListener<CurvePoint>) c -> requestRedraw());
        requestRedraw();
        return s;
    }

    public ObservableList<Level> levels() {
        return levels;
    }

    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    public StringProperty yLabelProperty() {
        return yLabel;
    }

    public StringProperty xLabelProperty() {
        return xLabel;
    }

    /** What the chart says while it has no points. */
    public StringProperty emptyTextProperty() {
        return emptyText;
    }

    /** "validation · step 1,500 · 1.8734": the point under the mouse ("" when none). */
    public ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    /** Called with the point nearest to a click. */
    public void setOnPick(Consumer<Pick> onPick) {
        this.onPick = onPick;
    }

    /** The point nearest to the chart position (x, y) in this node's coordinates, or null (for tests and keyboard). */
    public Pick nearest(double x, double y, double maxDistance) {
        Frame f = frame;
        if (f == null) {
            return null;
        }
        Pick best = null;
        double bestD = maxDistance;
        for (Series s : series) {
            double bonus = s.style() == Style.LINE_AND_MARKERS ? 6 : 0;   // a marker under the mouse wins over a line
            for (CurvePoint p : s.points()) {
                double d = Math.hypot(f.sx(p.x()) - x, f.sy(p.y()) - y) - bonus;
                if (d < bestD) {
                    bestD = d;
                    best = new Pick(s, p);
                }
            }
        }
        return best;
    }

    /** Screen position of a data point (for tests): {x, y} in this node's coordinates. */
    public double[] screenOf(CurvePoint p) {
        Frame f = frame;
        return f == null ? null : new double[]{f.sx(p.x()), f.sy(p.y())};
    }

    private void hover(MouseEvent e) {
        mouseX = e.getX();
        mouseY = e.getY();
        Pick p = nearest(mouseX, mouseY, 40);
        readout.set(p == null ? "" : String.format(Locale.ROOT, "%s · step %,.0f · %s", p.series().name(), p.point().x(),
                number(p.point().y())));
        requestRedraw();
    }

    private void requestRedraw() {
        if (redrawQueued) {
            return;
        }
        redrawQueued = true;
        Platform.runLater(() -> {   // several changes in one pulse: one drawing
            redrawQueued = false;
            draw();
        });
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    /** The mapping between data and screen of the last drawing. */
    private record Frame(double left, double top, double width, double height, double x0, double x1, double y0, double y1,
                         boolean log) {
        double sx(double x) {
            return left + (x1 == x0 ? width / 2 : (x - x0) / (x1 - x0) * width);
        }

        double sy(double y) {
            double v = log ? Math.log10(Math.max(y, 1e-12)) : y;
            return top + height - (y1 == y0 ? height / 2 : (v - y0) / (y1 - y0) * height);
        }
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        g.setFont(FONT);
        if (w < 50 || h < 50) {
            return;
        }
        boolean log = logScale.get();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        int count = 0;
        for (Series s : series) {
            for (CurvePoint p : s.points()) {
                if (!Double.isFinite(p.y()) || (log && p.y() <= 0)) {
                    continue;
                }
                minX = Math.min(minX, p.x());
                maxX = Math.max(maxX, p.x());
                minY = Math.min(minY, p.y());
                maxY = Math.max(maxY, p.y());
                count++;
            }
        }
        if (count == 0) {
            frame = null;
            g.setFill(Color.web("#66707a"));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(emptyText.get(), w / 2, h / 2);
            return;
        }
        for (Level l : levels) {   // the floors stay in view
            if (!log || l.value() > 0) {
                minY = Math.min(minY, l.value());
                maxY = Math.max(maxY, l.value());
            }
        }
        double y0 = log ? Math.log10(minY) : minY;
        double y1 = log ? Math.log10(maxY) : maxY;
        double spanY = Math.max(y1 - y0, log ? 0.02 : Math.max(1e-9, Math.abs(y1) * 0.02));
        y0 -= spanY * 0.05;
        y1 += spanY * 0.05;
        if (maxX == minX) {
            minX -= 1;
            maxX += 1;
        }
        double spanX = maxX - minX;   // a little room at both ends: markers at the first and last step stay whole
        minX -= spanX * 0.015;
        maxX += spanX * 0.015;
        List<Double> yTicks = log ? logTicks(y0, y1) : ticks(y0, y1, 6);
        List<Double> xTicks = ticks(minX, maxX, 7);
        double labelWidth = 0;
        for (double t : yTicks) {
            labelWidth = Math.max(labelWidth, textWidth(number(log ? Math.pow(10, t) : t)));
        }
        double left = PAD + 16 + labelWidth + 6;      // y axis title, tick labels
        double lastTick = xTicks.isEmpty() ? 0 : textWidth(String.format(Locale.ROOT, "%,.0f", xTicks.get(xTicks.size() - 1))) / 2;
        double right = PAD + Math.max(rightLabelWidth(), lastTick);
        double top = PAD + 18;                         // the legend
        double bottom = PAD + 16 + 16;                 // tick labels, x axis title
        var f = new Frame(left, top, Math.max(10, w - left - right), Math.max(10, h - top - bottom), minX, maxX, y0, y1, log);
        frame = f;
        // grid and tick labels
        g.setLineWidth(1);
        g.setTextBaseline(VPos.CENTER);
        for (double t : yTicks) {
            double y = f.top() + f.height() - (t - y0) / (y1 - y0) * f.height();
            g.setStroke(Color.web("#e3e7eb"));
            g.strokeLine(f.left(), y, f.left() + f.width(), y);
            g.setFill(Color.web("#4a535c"));
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(number(log ? Math.pow(10, t) : t), f.left() - 6, y);
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (double t : xTicks) {
            double x = f.sx(t);
            g.setStroke(Color.web("#eef1f4"));
            g.strokeLine(x, f.top(), x, f.top() + f.height());
            g.setFill(Color.web("#4a535c"));
            g.fillText(String.format(Locale.ROOT, "%,.0f", t), x, f.top() + f.height() + 4);
        }
        g.setStroke(Color.web("#9aa7b3"));
        g.strokeRect(f.left(), f.top(), f.width(), f.height());
        g.setFill(Color.web("#2b3136"));
        g.fillText(xLabel.get(), f.left() + f.width() / 2, h - PAD - 14);
        g.save();
        g.translate(PAD + 6, f.top() + f.height() / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(yLabel.get() + (log ? " (log scale)" : ""), 0, 0);
        g.restore();
        // reference levels
        g.setLineDashes(6, 4);
        for (Level l : levels) {
            if (log && l.value() <= 0) {
                continue;
            }
            double y = f.sy(l.value());
            g.setStroke(l.color());
            g.strokeLine(f.left(), y, f.left() + f.width(), y);
            g.setFill(l.color());
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(l.label(), f.left() + f.width() + 4, y);
        }
        g.setLineDashes();
        // series, clipped to the plot area
        g.save();
        g.beginPath();
        g.rect(f.left(), f.top(), f.width(), f.height());
        g.clip();
        for (Series s : series) {
            drawSeries(g, f, s, log);
        }
        g.restore();
        drawLegend(g, f);
        Pick hovered = Double.isNaN(mouseX) ? null : nearest(mouseX, mouseY, 40);
        if (hovered != null) {
            double x = f.sx(hovered.point().x());
            double y = f.sy(hovered.point().y());
            g.setStroke(hovered.series().color());
            g.setLineWidth(2);
            g.strokeOval(x - 5, y - 5, 10, 10);
            String text = readout.get();
            double tw = textWidth(text) + 10;
            double bx = Math.min(x + 10, f.left() + f.width() - tw);
            double by = Math.max(f.top() + 2, y - 26);
            g.setFill(Color.web("#ffffffee"));
            g.fillRoundRect(bx, by, tw, 20, 6, 6);
            g.setStroke(Color.web("#9aa7b3"));
            g.setLineWidth(1);
            g.strokeRoundRect(bx, by, tw, 20, 6, 6);
            g.setFill(Color.web("#2b3136"));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(text, bx + 5, by + 10);
        }
    }

    private void drawSeries(GraphicsContext g, Frame f, Series s, boolean log) {
        g.setStroke(s.color());
        g.setLineWidth(s.style() == Style.LINE ? 1.6 : 1.2);
        boolean started = false;
        g.beginPath();
        for (CurvePoint p : s.points()) {
            if (!Double.isFinite(p.y()) || (log && p.y() <= 0)) {
                continue;
            }
            double x = f.sx(p.x());
            double y = f.sy(p.y());
            if (!started) {
                g.moveTo(x, y);
                started = true;
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
        if (s.style() == Style.LINE_AND_MARKERS) {
            g.setFill(s.color());
            for (CurvePoint p : s.points()) {
                if (Double.isFinite(p.y()) && (!log || p.y() > 0)) {
                    g.fillOval(f.sx(p.x()) - 3.5, f.sy(p.y()) - 3.5, 7, 7);
                }
            }
        }
    }

    private void drawLegend(GraphicsContext g, Frame f) {
        double x = f.left();
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (Series s : series) {
            g.setStroke(s.color());
            g.setLineWidth(2);
            g.strokeLine(x, PAD + 7, x + 18, PAD + 7);
            if (s.style() == Style.LINE_AND_MARKERS) {
                g.setFill(s.color());
                g.fillOval(x + 5.5, PAD + 3.5, 7, 7);
            }
            g.setFill(Color.web("#2b3136"));
            g.fillText(s.name(), x + 22, PAD + 7);
            x += 22 + textWidth(s.name()) + 16;
        }
    }

    private double rightLabelWidth() {
        double wmax = 0;
        for (Level l : levels) {
            wmax = Math.max(wmax, textWidth(l.label()) + 8);
        }
        return wmax;
    }

    private static double textWidth(String s) {
        var t = new Text(s);
        t.setFont(FONT);
        return t.getLayoutBounds().getWidth();
    }

    /** A loss or rate with as many digits as it needs: 3.25, 0.0010, 1.2e-05. */
    static String number(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        return a >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : a >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : a >= 0.1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    /** "Nice" ticks (1, 2, 5 × 10^k) covering [lo, hi], about {@code want} of them. */
    static List<Double> ticks(double lo, double hi, int want) {
        double raw = (hi - lo) / Math.max(1, want);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        var out = new ArrayList<Double>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out;
    }

    /** Ticks of a log10 axis over [lo, hi] (exponents): 1, 2, 5 × 10^k when they fit, denser when the span is small. */
    static List<Double> logTicks(double lo, double hi) {
        var out = new ArrayList<Double>();
        double[] mantissas = hi - lo > 1.5 ? new double[]{1, 2, 5} : new double[]{1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9};
        for (int k = (int) Math.floor(lo) - 1; k <= Math.ceil(hi); k++) {
            for (double m : mantissas) {
                double e = Math.log10(m) + k;
                if (e >= lo && e <= hi) {
                    out.add(e);
                }
            }
        }
        if (out.size() < 2) {   // a very narrow range: linear ticks in log space
            for (double t : ticks(Math.pow(10, lo), Math.pow(10, hi), 5)) {
                if (t > 0) {
                    out.add(Math.log10(t));
                }
            }
        }
        return out;
    }
}
