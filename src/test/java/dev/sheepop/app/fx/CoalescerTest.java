package dev.sheepop.app.fx;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CoalescerTest {
    /** A hand-driven clock and timer: tasks run when the test says so. */
    private static final class ManualTimer implements Coalescer.Scheduler {
        long now;
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();

        @Override
        public void schedule(Runnable task, long delayMs) {
            tasks.add(task);
            delays.add(delayMs);
        }

        void runDue() {
            var due = List.copyOf(tasks);
            tasks.clear();
            due.forEach(Runnable::run);
        }
    }

    @Test
    void theFirstEventGoesAtOnceAndLaterOnesWaitForTheInterval() {
        List<List<Integer>> batches = new ArrayList<>();
        var timer = new ManualTimer();
        var c = new Coalescer<Integer>(100, Runnable::run, batches::add, () -> timer.now, timer);
        timer.now = 1_000;
        c.offer(1);
        assertEquals(List.of(0L), timer.delays);             // nothing delivered for a long time: no wait
        timer.runDue();
        assertEquals(List.of(List.of(1)), batches);

        timer.now = 1_030;
        c.offer(2);
        c.offer(3);
        c.offer(4);
        assertEquals(List.of(0L, 70L), timer.delays);        // one task for the three, due 100 ms after the last batch
        timer.now = 1_100;
        timer.runDue();
        assertEquals(List.of(List.of(1), List.of(2, 3, 4)), batches);
    }

    @Test
    void deliversEveryEventOnceAndInOrder() {
        List<List<Integer>> batches = new ArrayList<>();
        var timer = new ManualTimer();
        var c = new Coalescer<Integer>(100, Runnable::run, batches::add, () -> timer.now, timer);
        for (int i = 0; i < 1000; i++) {
            c.offer(i);
            if (i % 100 == 99) {
                timer.now += 50;
                timer.runDue();
            }
        }
        c.flush();                                           // the end of a job: nothing left behind
        var all = new ArrayList<Integer>();
        batches.forEach(all::addAll);
        assertEquals(java.util.stream.IntStream.range(0, 1000).boxed().toList(), all);
        assertEquals(10, batches.size(), "one batch per timer run, not per event");
    }

    @Test
    void syncRunnerReportsResultsAndErrors() {
        var runner = new SyncJobRunner();
        var got = new ArrayList<Object>();
        runner.submit("ok", h -> 42, got::add, got::add);
        runner.submit("bad", h -> {
            throw new IllegalStateException("boom");
        }, got::add, e -> got.add(e.getMessage()));
        assertEquals(List.of(42, "boom"), got);
    }

    @Test
    void userFacingMessageIsOneLine() {
        var e = new RuntimeException(new dev.sheepop.common.UserException("Config file not found: x.json"));
        assertEquals("Config file not found: x.json", Notifier.oneLine(e));
        assertEquals("IllegalStateException: a", Notifier.oneLine(new IllegalStateException("a\nb")));
    }
}
