package dev.sheepop.app.train;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * One chart curve with a bounded number of points, so that a long run does not make every chart layout
 * slower: up to {@code maxPoints} raw points are shown as they come; beyond that, neighbouring points are
 * merged in pairs (their mean x and y) and later points are averaged in buckets of the same width. The
 * visible list changes by appends, except at each halving (one {@code setAll}, log2(steps / max) times).
 */
public final class Curve {
    private final int maxPoints;
    private final ObservableList<CurvePoint> points = FXCollections.observableArrayList();
    private int stride = 1;
    private long raw;
    private double bucketX;
    private double bucketY;
    private int bucketCount;

    /** @param maxPoints the most points shown (even, at least 4) */
    public Curve(int maxPoints) {
        if (maxPoints < 4 || maxPoints % 2 != 0) {
            throw new IllegalArgumentException("maxPoints must be even and at least 4, got " + maxPoints);
        }
        this.maxPoints = maxPoints;
    }

    /** Appends raw points (in step order); call on the UI thread. */
    public void addAll(List<CurvePoint> batch) {
        var out = new ArrayList<CurvePoint>();
        for (CurvePoint p : batch) {
            raw++;
            bucketX += p.x();
            bucketY += p.y();
            if (++bucketCount == stride) {
                out.add(new CurvePoint(bucketX / stride, bucketY / stride));
                bucketX = 0;
                bucketY = 0;
                bucketCount = 0;
            }
            if (points.size() + out.size() >= maxPoints) {
                halve(out);
            }
        }
        if (!out.isEmpty()) {
            points.addAll(out);
        }
    }

    /** Merges shown and pending points in pairs and doubles the bucket width (the pending bucket restarts). */
    private void halve(List<CurvePoint> pending) {
        var all = new ArrayList<CurvePoint>(points);
        all.addAll(pending);
        pending.clear();
        var merged = new ArrayList<CurvePoint>(all.size() / 2 + 1);
        for (int i = 0; i + 1 < all.size(); i += 2) {
            merged.add(new CurvePoint((all.get(i).x() + all.get(i + 1).x()) / 2, (all.get(i).y() + all.get(i + 1).y()) / 2));
        }
        if (all.size() % 2 == 1) {
            // an odd point out starts the next (wider) bucket
            CurvePoint last = all.get(all.size() - 1);
            bucketX += last.x() * stride;
            bucketY += last.y() * stride;
            bucketCount += stride;
        }
        stride *= 2;
        points.setAll(merged);
    }

    public void clear() {
        points.clear();
        stride = 1;
        raw = 0;
        bucketX = 0;
        bucketY = 0;
        bucketCount = 0;
    }

    /** The points to draw (at most {@code maxPoints}). */
    public ObservableList<CurvePoint> points() {
        return points;
    }

    /** How many raw points were added since the last clear. */
    public long rawCount() {
        return raw;
    }

    /** How many raw points each shown point (after the first halving) stands for. */
    public int stride() {
        return stride;
    }
}
