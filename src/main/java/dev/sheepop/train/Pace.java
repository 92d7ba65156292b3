package dev.sheepop.train;

import java.time.Duration;

/**
 * The speed a run reports: tokens/s over a window of the last steps' own time (not pauses, evaluations or
 * checkpoints), and the time left, from the mean time per step since the loop started with pauses left out.
 */
final class Pace {
    /** Steps in the tokens/s window. */
    static final int WINDOW_STEPS = 20;

    private final long tokensPerStep;
    private final long startStep;
    private final long startNanos;
    private long pausedNanos;
    private long windowNanos;
    private long windowSteps;
    private double tokensPerSec;

    Pace(long tokensPerStep, long startStep, long nowNanos) {
        this.tokensPerStep = tokensPerStep;
        this.startStep = startStep;
        this.startNanos = nowNanos;
    }

    void paused(long nanos) {
        pausedNanos += nanos;
    }

    /** Records one step that took {@code nanos} of its own time. */
    void step(long nanos) {
        windowNanos += nanos;
        windowSteps++;
        tokensPerSec = windowSteps * tokensPerStep / Math.max(1e-9, windowNanos / 1e9);
        if (windowSteps >= WINDOW_STEPS) {
            windowNanos = 0;
            windowSteps = 0;
        }
    }

    double tokensPerSec() {
        return tokensPerSec;
    }

    /** Time left after {@code step} of {@code totalSteps}, at the pace since the loop started. */
    Duration remaining(long step, long totalSteps, long nowNanos) {
        double perStep = (nowNanos - startNanos - pausedNanos) / 1e9 / Math.max(1, step - startStep);
        return Duration.ofMillis((long) (perStep * (totalSteps - step) * 1000));
    }
}
