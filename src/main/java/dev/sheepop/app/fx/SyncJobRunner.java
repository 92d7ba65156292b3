package dev.sheepop.app.fx;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.function.Consumer;

/** Runs each job at once on the calling thread: for view-model tests (no FX toolkit needed). */
public final class SyncJobRunner implements JobRunner {
    private final ReadOnlyStringWrapper currentJob = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);

    @Override
    public <T> Running submit(String name, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        currentJob.set(name);
        try {
            T result = job.run(Job.handle(progress::set, () -> false));
            currentJob.set("");
            if (onSuccess != null) {
                onSuccess.accept(result);
            }
        } catch (Exception e) {
            currentJob.set("");
            if (onError != null) {
                onError.accept(e);
            }
        }
        return new Running() {
            @Override
            public void cancel() {
            }

            @Override
            public boolean isDone() {
                return true;
            }
        };
    }

    @Override
    public ReadOnlyStringProperty currentJobProperty() {
        return currentJob.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    @Override
    public void shutdown() {
    }
}
