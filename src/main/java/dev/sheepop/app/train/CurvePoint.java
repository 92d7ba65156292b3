package dev.sheepop.app.train;

/** One point of a curve (step → value), kept by view-models without any chart type. */
public record CurvePoint(double x, double y) {
}
