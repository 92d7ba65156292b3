package dev.sheepop.app.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Delivers events from worker threads to the UI in batches: {@link #offer} from any thread; at most
 * one delivery per {@code intervalMs}, each with every event since the last one, through {@code deliver}
 * (which is {@code Platform::runLater} in the workbench and {@code Runnable::run} in tests).
 */
public final class Coalescer<E> {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "workbench-coalescer");
        t.setDaemon(true);
        return t;
    });
    private final long intervalMs;
    private final Consumer<Runnable> deliver;
    private final Consumer<List<E>> sink;
    private final LongSupplier clockMs;
    private final Scheduler scheduler;
    private List<E> pending = new ArrayList<>();
    private boolean scheduled;
    private long lastDelivery;

    /** Runs a task after a delay (the timer thread; a test's hand-driven queue). */
    @FunctionalInterface
    interface Scheduler {
        void schedule(Runnable task, long delayMs);
    }

    public Coalescer(long intervalMs, Consumer<Runnable> deliver, Consumer<List<E>> sink) {
        this(intervalMs, deliver, sink, System::currentTimeMillis,
                (task, delayMs) -> TIMER.schedule(task, delayMs, TimeUnit.MILLISECONDS));
    }

    Coalescer(long intervalMs, Consumer<Runnable> deliver, Consumer<List<E>> sink, LongSupplier clockMs,
              Scheduler scheduler) {
        this.intervalMs = intervalMs;
        this.deliver = deliver;
        this.sink = sink;
        this.clockMs = clockMs;
        this.scheduler = scheduler;
    }

    public void offer(E event) {
        long delay;
        synchronized (this) {
            pending.add(event);
            if (scheduled) {
                return;
            }
            scheduled = true;
            delay = Math.max(0, lastDelivery + intervalMs - clockMs.getAsLong());
        }
        scheduler.schedule(this::flush, delay);
    }

    /** Delivers what is pending now (also called at the end of a job so nothing is left behind). */
    public synchronized void flush() {
        scheduled = false;
        lastDelivery = clockMs.getAsLong();
        if (pending.isEmpty()) {
            return;
        }
        List<E> batch = pending;
        pending = new ArrayList<>();
        deliver.accept(() -> sink.accept(batch)); // under the lock: batches are handed over in order
    }
}
