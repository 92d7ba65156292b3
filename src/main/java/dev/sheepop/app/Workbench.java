package dev.sheepop.app;

import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What every pane shares: where the user's data lives, the job runner, the notifier and the clock.
 *
 * @param sampleData   the bundled sample-data folder (may not exist; panes fall back gracefully)
 * @param datasetsRoot the folder of the workbench's datasets, one folder each ({@code datasets/<name>})
 * @param runsDir      where training runs and their checkpoints go
 * @param clock        the time of status messages and run names (tests use a fixed or stepped one)
 */
public record Workbench(Path sampleData, Path datasetsRoot, Path runsDir, JobRunner jobs, Notifier notifier, Clock clock) {
    /** The layout under a working directory: sample-data/, datasets/, runs/. */
    public static Workbench in(Path workDir, JobRunner jobs, Notifier notifier) {
        return in(workDir, jobs, notifier, Clock.systemDefaultZone());
    }

    public static Workbench in(Path workDir, JobRunner jobs, Notifier notifier, Clock clock) {
        return new Workbench(workDir.resolve("sample-data"), workDir.resolve("datasets"), workDir.resolve("runs"), jobs, notifier,
                clock);
    }

    public boolean hasSampleData() {
        return Files.isDirectory(sampleData);
    }
}
