package dev.sheepop.train;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a run ended. Losses are NaN when unknown; checkpoint paths null when none was written. {@code ALREADY_DONE}: a
 * resumed run had already reached its last step, so nothing was trained ({@code message} says how to go on).
 */
public record TrainResult(Status status, long steps, double lastTrainLoss, double bestValLoss, Path lastCheckpoint,
                          Path bestCheckpoint, Duration elapsed, String message) {
    public enum Status { COMPLETED, STOPPED, FAILED, ALREADY_DONE }
}
