package dev.sheepop.app.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurveTest {
    private static List<CurvePoint> line(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> new CurvePoint(i, 2.0 * i)).toList();
    }

    @Test
    void showsRawPointsUpToTheLimit() {
        var curve = new Curve(8);
        curve.addAll(line(1, 7));
        assertEquals(line(1, 7), curve.points());
        assertEquals(1, curve.stride());
    }

    @Test
    void halvesByAveragingPairsAndThenAveragesNewPointsInBucketsOfTheSameWidth() {
        var curve = new Curve(8);
        curve.addAll(line(1, 8)); // the 8th point reaches the limit: 4 pair means remain
        assertEquals(List.of(new CurvePoint(1.5, 3), new CurvePoint(3.5, 7), new CurvePoint(5.5, 11),
                new CurvePoint(7.5, 15)), curve.points());
        assertEquals(2, curve.stride());
        curve.addAll(line(9, 9)); // half a bucket: not shown yet
        assertEquals(4, curve.points().size());
        curve.addAll(line(10, 10));
        assertEquals(new CurvePoint(9.5, 19), curve.points().get(4));
    }

    @Test
    void aLongRunStaysWithinTheLimitAndKeepsItsShapeAndSpan() {
        var curve = new Curve(500);
        var changes = new ArrayList<Integer>();
        curve.points().addListener((javafx.collections.ListChangeListener<CurvePoint>) c -> changes.add(curve.points().size()));
        for (int step = 1; step <= 100_000; step += 250) {
            curve.addAll(line(step, step + 249)); // batches as the coalescer delivers them
        }
        assertEquals(100_000, curve.rawCount());
        assertTrue(curve.points().size() <= 500 && curve.points().size() >= 250, "size " + curve.points().size());
        assertEquals(256, curve.stride());
        assertTrue(curve.points().get(0).x() < 200, "starts near the first step: " + curve.points().get(0));
        assertTrue(curve.points().get(curve.points().size() - 1).x() > 99_000);
        curve.points().forEach(p -> assertEquals(2.0 * p.x(), p.y(), 1e-6, "a straight line stays straight"));
        assertTrue(changes.size() <= 400 + 8, "at most one append per batch plus one redraw per halving: " + changes.size());
        curve.clear();
        assertEquals(0, curve.points().size());
        assertEquals(1, curve.stride());
    }

    @Test
    void rejectsAnOddOrTinyLimit() {
        assertThrows(IllegalArgumentException.class, () -> new Curve(7));
        assertThrows(IllegalArgumentException.class, () -> new Curve(2));
    }
}
