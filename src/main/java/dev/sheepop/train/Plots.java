package dev.sheepop.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Training plots as PNG (XChart, no display needed): {@code training_curve.png} (train and validation loss by
 * step, learning rate on a second axis) and {@code loss_by_epoch.png} (mean train loss and last validation loss
 * per epoch).
 */
public final class Plots {
    public static final String CURVE = "training_curve.png";
    public static final String BY_EPOCH = "loss_by_epoch.png";

    private Plots() {
    }

    /** Writes both plots from a metrics.jsonl into {@code dir}; returns the files written. */
    public static List<Path> write(Path metricsFile, Path dir) throws IOException {
        List<JsonNode> rows = MetricsLog.read(metricsFile);
        var files = new ArrayList<Path>();
        if (rows.isEmpty()) {
            return files;
        }
        files.add(save(curve(rows), dir.resolve(CURVE)));
        files.add(save(byEpoch(rows), dir.resolve(BY_EPOCH)));
        return files;
    }

    static XYChart curve(List<JsonNode> rows) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Training curve")
                .xAxisTitle("step").yAxisTitle("loss").build();
        style(chart);
        var sx = new ArrayList<Double>();
        var sy = new ArrayList<Double>();
        var lx = new ArrayList<Double>();
        var ly = new ArrayList<Double>();
        var vx = new ArrayList<Double>();
        var vy = new ArrayList<Double>();
        for (JsonNode r : rows) {
            double step = r.path("step").asDouble();
            if ("step".equals(r.path("type").asText())) {
                if (r.hasNonNull("loss")) {
                    sx.add(step);
                    sy.add(r.get("loss").asDouble());
                }
                lx.add(step);
                ly.add(r.path("lr").asDouble());
            } else if (r.hasNonNull("val_loss")) {
                vx.add(step);
                vy.add(r.get("val_loss").asDouble());
            }
        }
        if (!sx.isEmpty()) {
            chart.addSeries("train loss", sx, sy).setMarker(SeriesMarkers.NONE);
        }
        if (!vx.isEmpty()) {
            chart.addSeries("validation loss", vx, vy).setMarker(SeriesMarkers.CIRCLE);
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

    static XYChart byEpoch(List<JsonNode> rows) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Loss by epoch")
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        style(chart);
        var trainSum = new TreeMap<Integer, double[]>();
        var val = new TreeMap<Integer, Double>();
        for (JsonNode r : rows) {
            int epoch = r.path("epoch").asInt();
            if ("step".equals(r.path("type").asText()) && r.hasNonNull("loss")) {
                trainSum.computeIfAbsent(epoch, e -> new double[2])[0] += r.get("loss").asDouble();
                trainSum.get(epoch)[1]++;
            } else if (r.hasNonNull("val_loss")) {
                val.put(epoch, r.get("val_loss").asDouble());
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
