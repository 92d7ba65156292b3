package dev.sheepop.train;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a run ended. Losses are NaN when unknown; checkpoint paths null when none was written. {@code ALREADY_DONE}: a
 * resumed run had already reached its last step, so nothing was trained ({@code message} says how to go on).
 * {@code standing}: where the best validation loss stands against the baseline floors ("" when unknown).
 */
public record TrainResult(Status status, long steps, double lastTrainLoss, double bestValLoss, Path lastCheckpoint,
                          Path bestCheckpoint, Duration elapsed, String message, String standing) {
    public enum Status { COMPLETED, STOPPED, FAILED, ALREADY_DONE }

    /** A result without a comparison with the baseline floors. */
    public TrainResult(Status status, long steps, double lastTrainLoss, double bestValLoss, Path lastCheckpoint,
                       Path bestCheckpoint, Duration elapsed, String message) {
        this(status, steps, lastTrainLoss, bestValLoss, lastCheckpoint, bestCheckpoint, elapsed, message, "");
    }
}
