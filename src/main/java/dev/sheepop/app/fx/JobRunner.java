package dev.sheepop.app.fx;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

import java.util.function.Consumer;

/**
 * Runs long work off the FX thread and reports back on it. The workbench uses {@link FxJobRunner};
 * view-model tests use {@link SyncJobRunner}, which runs everything at once on the calling thread.
 * The properties describe the most recent running job (for the status bar).
 */
public interface JobRunner {
    /** Starts {@code job}; {@code onSuccess}/{@code onError} are called on the FX thread. */
    <T> Running submit(String name, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onError);

    /** The name of the job running now ("" when idle). */
    ReadOnlyStringProperty currentJobProperty();

    /** Its progress: 0..1, -1 for indeterminate, 0 when idle. */
    ReadOnlyDoubleProperty progressProperty();

    /** Stops the runner's threads (on exit). */
    void shutdown();

    /** A submitted job: lets the caller cancel it and ask whether it is over. */
    interface Running {
        void cancel();

        boolean isDone();
    }
}
