package dev.sheepop.app.fx;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The workbench's runner: a small pool of daemon threads. Progress reaches the FX thread coalesced
 * (at most one pending update at a time), results and errors through {@link Platform#runLater}.
 */
public final class FxJobRunner implements JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FxJobRunner.class);
    private final ExecutorService pool;
    private final ReadOnlyStringWrapper currentJob = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final AtomicLong latestProgressBits = new AtomicLong();
    private final AtomicBoolean progressPending = new AtomicBoolean();
    private final java.util.LinkedHashMap<Long, String> running = new java.util.LinkedHashMap<>(); // FX thread only
    private final AtomicLong ids = new AtomicLong();

    public FxJobRunner() {
        var counter = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            var t = new Thread(r, "workbench-job-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> Running submit(String name, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        var cancelled = new AtomicBoolean();
        var done = new AtomicBoolean();
        long id = ids.incrementAndGet();
        Platform.runLater(() -> {
            running.put(id, name);
            currentJob.set(describe());
            progress.set(-1);
        });
        pool.submit(() -> {
            Job.Handle handle = Job.handle(this::reportProgress, cancelled::get);
            try {
                T result = job.run(handle);
                Platform.runLater(() -> {
                    finished(id, done);
                    if (onSuccess != null) {
                        onSuccess.accept(result);
                    }
                });
            } catch (Throwable e) {
                LOG.warn("Job '{}' failed: {}", name, e.toString());
                Platform.runLater(() -> {
                    finished(id, done);
                    if (onError != null) {
                        onError.accept(e);
                    }
                });
            }
        });
        return new Running() {
            @Override
            public void cancel() {
                cancelled.set(true);
            }

            @Override
            public boolean isDone() {
                return done.get();
            }
        };
    }

    private void finished(long id, AtomicBoolean done) {
        done.set(true);
        running.remove(id);
        currentJob.set(describe());
        if (running.isEmpty()) {
            progress.set(0);
        }
    }

    /** The oldest running job (usually the long one: training, ingestion), plus how many others run. */
    private String describe() {
        if (running.isEmpty()) {
            return "";
        }
        String first = running.values().iterator().next();
        return running.size() == 1 ? first : first + " (+" + (running.size() - 1) + ")";
    }

    private void reportProgress(double fraction) {
        latestProgressBits.set(Double.doubleToRawLongBits(fraction));
        if (progressPending.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                progressPending.set(false);
                progress.set(Double.longBitsToDouble(latestProgressBits.get()));
            });
        }
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
        pool.shutdownNow();
    }
}
