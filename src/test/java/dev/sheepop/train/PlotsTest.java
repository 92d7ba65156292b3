package dev.sheepop.train;

import dev.sheepop.insight.BaselineFloors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plots draw what metrics.jsonl holds: the curves, the floors, the learning rate on its own axis, epoch means. */
class PlotsTest {
    @TempDir
    Path dir;

    private static final String METRICS = String.join("\n",
            "{\"type\":\"step\",\"step\":1,\"epoch\":0,\"loss\":4.0,\"lr\":0.0001}",
            "{\"type\":\"step\",\"step\":2,\"epoch\":0,\"loss\":3.0,\"lr\":0.0002}",
            "{\"type\":\"eval\",\"step\":2,\"epoch\":0,\"train_loss\":3.5,\"val_loss\":3.2,\"perplexity\":24.5,\"bits_per_char\":4.6}",
            "{\"type\":\"step\",\"step\":3,\"epoch\":1,\"loss\":null,\"lr\":0.0003}",
            "{\"type\":\"step\",\"step\":4,\"epoch\":1,\"loss\":2.0,\"lr\":0.0002}",
            "{\"type\":\"eval\",\"step\":4,\"epoch\":1,\"train_loss\":2.0,\"val_loss\":2.5,\"perplexity\":12.2,\"bits_per_char\":3.6}",
            "");
    private static final BaselineFloors FLOORS = new BaselineFloors(new BaselineFloors.Floor(4.2, 6.0, 0),
            new BaselineFloors.Floor(3.3, 4.8, 0.1), new BaselineFloors.Floor(2.5, 3.6, 0.03));

    @Test
    void theCurveHasTheLossesTheFloorsAndTheLearningRateOnItsOwnAxis() throws Exception {
        Path metrics = Files.writeString(dir.resolve("metrics.jsonl"), METRICS);
        var chart = Plots.curve(dev.sheepop.checkpoint.Metrics.read(metrics), FLOORS);
        var series = chart.getSeriesMap();
        assertEquals(List.of("train loss", "validation loss", "uniform floor (4.20)", "unigram floor (3.30)",
                "bigram floor (2.50)", "learning rate"), List.copyOf(series.keySet()));
        assertArrayEquals(new double[]{1, 2, 4}, series.get("train loss").getXData(), "the step without a loss is left out");
        assertArrayEquals(new double[]{4, 3, 2}, series.get("train loss").getYData());
        assertArrayEquals(new double[]{2, 4}, series.get("validation loss").getXData());
        assertArrayEquals(new double[]{3.2, 2.5}, series.get("validation loss").getYData());
        assertArrayEquals(new double[]{1, 4}, series.get("bigram floor (2.50)").getXData(), "across the whole run");
        assertArrayEquals(new double[]{2.5, 2.5}, series.get("bigram floor (2.50)").getYData());
        assertArrayEquals(new double[]{1e-4, 2e-4, 3e-4, 2e-4}, series.get("learning rate").getYData());
        assertEquals(1, series.get("learning rate").getYAxisGroup());
        assertEquals(0, series.get("train loss").getYAxisGroup());
    }

    @Test
    void theEpochPlotHasEachEpochsMeanTrainLossAndItsLastValidationLoss() throws Exception {
        Path metrics = Files.writeString(dir.resolve("metrics.jsonl"), METRICS);
        var chart = Plots.byEpoch(dev.sheepop.checkpoint.Metrics.read(metrics));
        var mean = chart.getSeriesMap().get("mean train loss");
        assertArrayEquals(new double[]{1, 2}, mean.getXData(), "epochs counted from 1");
        assertArrayEquals(new double[]{3.5, 2.0}, mean.getYData());
        assertArrayEquals(new double[]{3.2, 2.5}, chart.getSeriesMap().get("validation loss (end of epoch)").getYData());
    }

    @Test
    void writesBothPngsAtTheirSizeAndNothingWithoutMetrics() throws Exception {
        Path metrics = Files.writeString(dir.resolve("metrics.jsonl"), METRICS);
        assertEquals(List.of(dir.resolve(Plots.CURVE), dir.resolve(Plots.BY_EPOCH)), Plots.write(metrics, dir, FLOORS));
        for (String name : List.of(Plots.CURVE, Plots.BY_EPOCH)) {
            var image = ImageIO.read(dir.resolve(name).toFile());
            assertEquals(900, image.getWidth(), name);
            assertEquals(500, image.getHeight(), name);
        }
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        Path other = Files.createDirectory(dir.resolve("other"));
        assertEquals(List.of(), Plots.write(empty, other, FLOORS));
        try (var files = Files.list(other)) {
            assertTrue(files.findAny().isEmpty());
        }
    }
}
