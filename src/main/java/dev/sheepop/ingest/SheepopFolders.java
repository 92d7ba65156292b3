package dev.sheepop.ingest;

import dev.sheepop.common.RunLayout;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Recognises folders that SheepOp itself wrote, which are never training text: a dataset folder (ingest
 * output), a checkpoint folder ({@code meta.json} + {@code weights.bin}) and a training run folder (a
 * {@code checkpoints/} folder holding checkpoint folders, or next to {@code config.json} and
 * {@code metrics.jsonl}), as {@link RunLayout} describes them.
 */
final class SheepopFolders {
    private SheepopFolders() {
    }

    /** Why {@code dir} is skipped as one entry, or empty when it is an ordinary folder to walk. */
    static Optional<String> skipReason(Path dir) {
        if (Dataset.isDataset(dir)) {
            return Optional.of("SheepOp dataset folder (ingest output); not ingested");
        }
        if (RunLayout.isCheckpoint(dir)) {
            return Optional.of("SheepOp checkpoint folder (a trained model, not text); not ingested");
        }
        if (RunLayout.isRun(dir)) {
            return Optional.of("SheepOp run folder (training output and checkpoints); not ingested");
        }
        return Optional.empty();
    }
}
