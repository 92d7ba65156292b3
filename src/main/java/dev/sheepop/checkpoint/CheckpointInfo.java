package dev.sheepop.checkpoint;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One row of `sheepop checkpoints` and of the workbench's checkpoint table. Losses and bits per character are NaN
 * when unknown; {@code epoch} counts from 0 (the first epoch is 0); {@code resumable} says whether training can
 * continue from it (it holds the optimizer state).
 */
public record CheckpointInfo(Path path, String kind, long step, int epoch, double trainLoss, double valLoss,
                             double bitsPerChar, Instant created, long sizeBytes, boolean resumable) {
    /** The epoch as people count: the first epoch is 1. Everything that shows an epoch shows this. */
    public int epochNumber() {
        return epoch + 1;
    }

    /** "run-20261202-150405/step-0000500". */
    public String displayName() {
        return Checkpoints.displayName(path);
    }

}
