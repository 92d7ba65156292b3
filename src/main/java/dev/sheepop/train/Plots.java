package dev.sheepop.train;

import dev.sheepop.checkpoint.Metrics;
import dev.sheepop.insight.BaselineFloors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Training plots as PNG (XChart, no display needed): {@code training_curve.png} (train and validation loss by step,
 * the baseline floors as dashed lines, learning rate on a second axis) and {@code loss_by_epoch.png} (mean train loss
 * and last validation loss per epoch).
 */
public final class Plots {
    public static final String CURVE = "training_curve.png";
    public static final String BY_EPOCH = "loss_by_epoch.png";

    private Plots() {
    }

    /** Writes both plots from a metrics.jsonl into {@code dir} ({@code floors} may be null); returns the files written. */
    public static List<Path> write(Path metricsFile, Path dir, BaselineFloors floors) throws IOException {
        Metrics metrics = Metrics.read(metricsFile);
        var files = new ArrayList<Path>();
        if (metrics.steps().isEmpty() && metrics.evals().isEmpty()) {
            return files;
        }
        files.add(save(curve(metrics, floors), dir.resolve(CURVE)));
        files.add(save(byEpoch(metrics), dir.resolve(BY_EPOCH)));
        return files;
    }

    static XYChart curve(Metrics m, BaselineFloors floors) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Training curve")
                .xAxisTitle("step").yAxisTitle("loss (nats per token)").build();
        style(chart);
        var sx = new ArrayList<Double>();
        var sy = new ArrayList<Double>();
        var lx = new ArrayList<Double>();
        var ly = new ArrayList<Double>();
        for (var s : m.steps()) {
            if (Double.isFinite(s.loss())) {
                sx.add((double) s.step());
                sy.add(s.loss());
            }
            lx.add((double) s.step());
            ly.add(s.lr());
        }
        var vx = new ArrayList<Double>();
        var vy = new ArrayList<Double>();
        for (var e : m.evals()) {
            if (Double.isFinite(e.valLoss())) {
                vx.add((double) e.step());
                vy.add(e.valLoss());
            }
        }
        if (!sx.isEmpty()) {
            chart.addSeries("train loss", sx, sy).setMarker(SeriesMarkers.NONE);
        }
        if (!vx.isEmpty()) {
            chart.addSeries("validation loss", vx, vy).setMarker(SeriesMarkers.CIRCLE);
        }
        if (floors != null && !lx.isEmpty()) {
            double first = lx.get(0);
            double last = lx.get(lx.size() - 1);
            for (var f : floors.named()) {
                XYSeries level = chart.addSeries(String.format(Locale.ROOT, "%s floor (%.2f)", f.getKey(), f.getValue().natsPerToken()),
                        new double[]{first, last}, new double[]{f.getValue().natsPerToken(), f.getValue().natsPerToken()});
                level.setMarker(SeriesMarkers.NONE);
                level.setLineStyle(SeriesLines.DASH_DASH);
                level.setLineColor(java.awt.Color.GRAY);
            }
        }
        if (!lx.isEmpty()) {
            XYSeries lr = chart.addSeries("learning rate", lx, ly);
            lr.setMarker(SeriesMarkers.NONE);
            lr.setYAxisGroup(1);
            chart.setYAxisGroupTitle(1, "learning rate");
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        }
        return chart;
    }

    static XYChart byEpoch(Metrics m) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Loss by epoch")
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        style(chart);
        var trainSum = new TreeMap<Integer, double[]>();
        var val = new TreeMap<Integer, Double>();
        for (var s : m.steps()) {
            if (Double.isFinite(s.loss())) {
                trainSum.computeIfAbsent(s.epoch(), e -> new double[2])[0] += s.loss();
                trainSum.get(s.epoch())[1]++;
            }
        }
        for (var e : m.evals()) {
            if (Double.isFinite(e.valLoss())) {
                val.put(e.epoch(), e.valLoss());
            }
        }
        if (!trainSum.isEmpty()) {
            var x = new ArrayList<Double>();
            var y = new ArrayList<Double>();
            trainSum.forEach((e, s) -> {
                x.add(e + 1.0);
                y.add(s[0] / s[1]);
            });
            chart.addSeries("mean train loss", x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        if (!val.isEmpty()) {
            var x = new ArrayList<Double>();
            var y = new ArrayList<Double>();
            val.forEach((e, v) -> {
                x.add(e + 1.0);
                y.add(v);
            });
            chart.addSeries("validation loss (end of epoch)", x, y).setMarker(SeriesMarkers.DIAMOND);
        }
        return chart;
    }

    private static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
    }

    private static Path save(XYChart chart, Path file) throws IOException {
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no data", new double[]{0}, new double[]{0});
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
