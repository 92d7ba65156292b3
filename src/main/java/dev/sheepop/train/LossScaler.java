package dev.sheepop.train;

/**
 * Dynamic loss scaling for FP16 training: the loss is multiplied by {@link #scale()} before backprop and the
 * gradients divided by it after. On overflow (a non-finite gradient) the step is skipped and the scale halved;
 * after {@code growthInterval} clean steps in a row it doubles. Mutable; owned by one trainer thread.
 */
public final class LossScaler {
    public static final double INITIAL_SCALE = 65536.0;
    public static final double MIN_SCALE = 1.0;
    public static final double MAX_SCALE = 16777216.0;
    private final int growthInterval;
    private double scale;
    private int goodSteps;

    public LossScaler(double scale, int goodSteps, int growthInterval) {
        if (growthInterval < 1 || !(scale > 0)) {
            throw new IllegalArgumentException("growthInterval >= 1 and scale > 0 required");
        }
        this.scale = scale;
        this.goodSteps = goodSteps;
        this.growthInterval = growthInterval;
    }

    public static LossScaler standard() {
        return new LossScaler(INITIAL_SCALE, 0, 2000);
    }

    public double scale() {
        return scale;
    }

    public int goodSteps() {
        return goodSteps;
    }

    /**
     * Records the outcome of one backward pass; returns true when the optimizer step should be applied
     * (gradients finite), false when it must be skipped.
     */
    public boolean update(boolean gradientsFinite) {
        if (!gradientsFinite) {
            scale = Math.max(MIN_SCALE, scale / 2);
            goodSteps = 0;
            return false;
        }
        goodSteps++;
        if (goodSteps >= growthInterval) {
            scale = Math.min(MAX_SCALE, scale * 2);
            goodSteps = 0;
        }
        return true;
    }
}
