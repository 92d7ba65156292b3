package dev.sheepop.app.train;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TrainThreadsTest {
    private static final Path STAT = Path.of("/proc/thread-self/stat");

    /** The calling thread's nice value from /proc (field 19 of its stat line). */
    private static int niceOfThisThread() throws IOException {
        String stat = Files.readString(STAT);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[19 - 3]);
    }

    @Test
    void runsTheWorkOnALowerPriorityThreadAndLeavesTheCallerAsItWas() throws Exception {
        assumeTrue(Files.isReadable(STAT), "thread priorities are lowered on Linux only");
        int before = niceOfThisThread();
        int inside = TrainThreads.runAtLowPriority(TrainThreadsTest::niceOfThisThread);
        assertEquals(Math.max(before, TrainThreads.TRAINING_NICE), inside);
        assertEquals(before, niceOfThisThread());
        String name = TrainThreads.runAtLowPriority(() -> Thread.currentThread().getName());
        assertEquals("sheepop-training", name);
        assertNotEquals(Thread.currentThread().getName(), name);
    }

    /** The trainer's data-parallel replicas run on threads it starts; they must not take the window's core back. */
    @Test
    void threadsThatTheWorkStartsRunAtItsLowerPriority() throws Exception {
        assumeTrue(Files.isReadable(STAT), "thread priorities are lowered on Linux only");
        int before = niceOfThisThread();
        int started = TrainThreads.runAtLowPriority(() -> {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                return pool.submit(TrainThreadsTest::niceOfThisThread).get();
            } finally {
                pool.shutdown();
            }
        });
        assertEquals(Math.max(before, TrainThreads.TRAINING_NICE), started);
    }

    @Test
    void passesTheWorksFailureOnToTheCaller() {
        var e = assertThrows(IllegalStateException.class, () -> TrainThreads.runAtLowPriority(() -> {
            throw new IllegalStateException("Training data too short");
        }));
        assertEquals("Training data too short", e.getMessage());
    }
}
