package dev.sheepop.model;

/**
 * The fixed sinusoidal position table of "Attention Is All You Need", used when a model has no learned position
 * embedding: row p holds sin(p / 10000^(i/C)) at even column i and cos of the same angle at column i + 1.
 * The training graph, the plain-Java decoder and export all read it from here, so they agree bit for bit.
 */
public final class SinusoidalPositions {
    private SinusoidalPositions() {
    }

    /** The [t][c] table, row-major. */
    public static float[] table(int t, int c) {
        float[] pe = new float[t * c];
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < c; i += 2) {
                double angle = p / Math.pow(10000.0, (double) i / c);
                pe[p * c + i] = (float) Math.sin(angle);
                if (i + 1 < c) {
                    pe[p * c + i + 1] = (float) Math.cos(angle);
                }
            }
        }
        return pe;
    }
}
