package dev.sheepop.app;

import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every pane shares: where the user's data lives and the job runner and notifier.
 *
 * @param sampleData the bundled sample-data folder (may not exist; panes fall back gracefully)
 * @param datasetDir where the Dataset pane writes the ingested dataset
 * @param runsDir    where training runs and their checkpoints go
 */
public record Workbench(Path sampleData, Path datasetDir, Path runsDir, JobRunner jobs, Notifier notifier) {
    /** The layout under a working directory: sample-data/, datasets/workbench/, runs/. */
    public static Workbench in(Path workDir, JobRunner jobs, Notifier notifier) {
        return new Workbench(workDir.resolve("sample-data"), workDir.resolve("datasets").resolve("workbench"),
                workDir.resolve("runs"), jobs, notifier);
    }

    public boolean hasSampleData() {
        return Files.isDirectory(sampleData);
    }
}
