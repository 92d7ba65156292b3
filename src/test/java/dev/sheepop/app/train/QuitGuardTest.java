package dev.sheepop.app.train;

import dev.sheepop.app.fx.Job;
import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.data.Corpus;
import dev.sheepop.train.TrainResult;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The close-during-training decision over a real run on a background thread (no dialog, no FX toolkit). */
class QuitGuardTest {
    /** Runs each job on one background thread and calls back there (the "UI thread" of this test). */
    static final class ThreadJobRunner implements JobRunner {
        final ExecutorService pool = Executors.newSingleThreadExecutor();

        @Override
        public <T> Running submit(String name, Job<T> job, Consumer<T> onSuccess, Consumer<Throwable> onError) {
            var f = pool.submit(() -> {
                try {
                    T result = job.run(Job.handle(p -> { }, () -> false));
                    onSuccess.accept(result);
                } catch (Exception e) {
                    onError.accept(e);
                }
            });
            return new Running() {
                @Override
                public void cancel() {
                    f.cancel(true);
                }

                @Override
                public boolean isDone() {
                    return f.isDone();
                }
            };
        }

        @Override
        public ReadOnlyStringProperty currentJobProperty() {
            return new ReadOnlyStringWrapper("").getReadOnlyProperty();
        }

        @Override
        public ReadOnlyDoubleProperty progressProperty() {
            return new ReadOnlyDoubleWrapper(0).getReadOnlyProperty();
        }

        @Override
        public void shutdown() {
            pool.shutdownNow();
        }
    }

    /** Waits for a condition the training thread makes true (TestFX's wait; a minute at most). */
    private static void waitFor(BooleanSupplier condition, String what) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            fail("timed out waiting for " + what);
        }
    }

    @Test
    void whenIdleTheWindowClosesWithoutAsking(@TempDir Path runs) {
        var vm = new TrainViewModel(new ThreadJobRunner(), Notifier.silent(), Runnable::run, runs);
        var guard = new QuitGuard(vm, () -> fail("must not ask when no run is active"));
        assertTrue(guard.mayClose(() -> fail("closes at once, not through the callback")));
    }

    @Test
    void whileTrainingCancelKeepsTrainingQuitClosesAndStopAndSaveClosesAfterTheCheckpoint(@TempDir Path runs)
            throws Exception {
        var jobs = new ThreadJobRunner();
        var notifier = Notifier.silent();
        var vm = new TrainViewModel(jobs, notifier, Runnable::run, runs);
        try {
            vm.start(TrainViewModelTest.tinyRun(100_000), () -> new Corpus(List.of(TrainViewModelTest.TEXT), "h", "t"));
            waitFor(() -> vm.stateProperty().get() == RunPhase.RUNNING && vm.trainLoss().size() >= 2, "training");
            var closed = new AtomicInteger();
            var asked = new AtomicInteger();

            assertFalse(new QuitGuard(vm, () -> {
                asked.incrementAndGet();
                return QuitGuard.Answer.CANCEL;
            }).mayClose(closed::incrementAndGet));
            assertTrue(vm.isActive(), "Cancel leaves the run going");

            assertTrue(new QuitGuard(vm, () -> {
                asked.incrementAndGet();
                return QuitGuard.Answer.QUIT_WITHOUT_SAVING;
            }).mayClose(closed::incrementAndGet), "Quit without saving closes now");
            assertTrue(vm.isActive(), "the guard itself does not stop the run");

            assertFalse(new QuitGuard(vm, () -> {
                asked.incrementAndGet();
                return QuitGuard.Answer.STOP_AND_SAVE;
            }).mayClose(closed::incrementAndGet), "Stop and save keeps the window until the checkpoint is written");
            assertEquals(3, asked.get());
            waitFor(() -> closed.get() == 1, "the window to close after stopping");
            assertEquals(RunPhase.IDLE, vm.stateProperty().get());
            TrainResult result = vm.lastResultProperty().get();
            assertEquals(TrainResult.Status.STOPPED, result.status(), notifier.lastMessageProperty().get());
            assertTrue(result.steps() < 100_000);
            assertTrue(Files.isDirectory(result.lastCheckpoint()), "checkpoint saved: " + result.lastCheckpoint());
        } finally {
            vm.stop();
            jobs.shutdown();
        }
    }
}
