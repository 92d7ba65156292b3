package dev.sheepop.checkpoint;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One row of `sheepop checkpoints` and of the workbench's checkpoint table. Losses and bits per character are NaN
 * when unknown.
 */
public record CheckpointInfo(Path path, String kind, long step, int epoch, double trainLoss, double valLoss,
                             double bitsPerChar, Instant created, long sizeBytes) {
}
