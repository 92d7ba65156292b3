package dev.sheepop.train;

/**
 * Linear warmup over {@code warmupSteps} (from lr/(warmup+1) up to lr), then cosine decay to {@code minLr} at
 * {@code decaySteps}, then {@code minLr} (nanoGPT's get_lr). Steps count from 0.
 */
public record LrSchedule(double lr, double minLr, int warmupSteps, long decaySteps) {
    public LrSchedule {
        if (lr <= 0 || minLr < 0 || minLr > lr) {
            throw new IllegalArgumentException("need 0 <= minLr <= lr, lr > 0 (lr=" + lr + ", minLr=" + minLr + ")");
        }
        if (warmupSteps < 0 || decaySteps < 0) {
            throw new IllegalArgumentException("warmupSteps and decaySteps must be >= 0");
        }
    }

    public double at(long step) {
        if (step < warmupSteps) {
            return lr * (step + 1) / (warmupSteps + 1);
        }
        if (step >= decaySteps) {
            return minLr;
        }
        double ratio = (double) (step - warmupSteps) / Math.max(1, decaySteps - warmupSteps);
        double coeff = 0.5 * (1.0 + Math.cos(Math.PI * ratio));
        return minLr + coeff * (lr - minLr);
    }
}
