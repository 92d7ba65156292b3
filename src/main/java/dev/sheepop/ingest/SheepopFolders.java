package dev.sheepop.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Recognises folders that SheepOp itself wrote, which are never training text: a dataset folder (ingest
 * output), a checkpoint folder ({@code meta.json} + {@code weights.bin}) and a training run folder (a
 * {@code checkpoints/} folder holding checkpoint folders, or next to {@code config.json} and
 * {@code metrics.jsonl}). The file names are the checkpoint format's (docs/training.md); they are spelled out here because the checkpoint package depends on
 * the data packages, not the other way round.
 */
final class SheepopFolders {
    static final String META = "meta.json";
    static final String WEIGHTS = "weights.bin";
    static final String CONFIG = "config.json";
    static final String METRICS = "metrics.jsonl";
    static final String CHECKPOINTS = "checkpoints";

    private SheepopFolders() {
    }

    /** Why {@code dir} is skipped as one entry, or empty when it is an ordinary folder to walk. */
    static Optional<String> skipReason(Path dir) {
        if (Dataset.isDataset(dir)) {
            return Optional.of("SheepOp dataset folder (ingest output); not ingested");
        }
        if (isCheckpoint(dir)) {
            return Optional.of("SheepOp checkpoint folder (a trained model, not text); not ingested");
        }
        if (isRun(dir)) {
            return Optional.of("SheepOp run folder (training output and checkpoints); not ingested");
        }
        return Optional.empty();
    }

    static boolean isCheckpoint(Path dir) {
        return Files.isRegularFile(dir.resolve(META)) && Files.isRegularFile(dir.resolve(WEIGHTS));
    }

    static boolean isRun(Path dir) {
        Path checkpoints = dir.resolve(CHECKPOINTS);
        if (!Files.isDirectory(checkpoints)) {
            return false;
        }
        if (Files.isRegularFile(dir.resolve(CONFIG)) && Files.isRegularFile(dir.resolve(METRICS))) {
            return true; // a run before its first checkpoint
        }
        try (Stream<Path> children = Files.list(checkpoints)) {
            return children.anyMatch(c -> Files.isDirectory(c) && isCheckpoint(c));
        } catch (IOException e) {
            return false;
        }
    }
}
