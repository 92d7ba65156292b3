package dev.sheepop.app.fx;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoalescerTest {
    @Test
    void deliversEveryEventInFewBatches() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        var c = new Coalescer<Integer>(100, Runnable::run, batches::add);
        long start = System.currentTimeMillis();
        for (int i = 0; i < 1000; i++) {
            c.offer(i);
            if (i % 100 == 0) {
                Thread.sleep(20);
            }
        }
        Thread.sleep(250);
        c.flush();
        long elapsedMs = System.currentTimeMillis() - start;
        var all = new ArrayList<Integer>();
        batches.forEach(all::addAll);
        assertEquals(1000, all.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, all.get(i));
        }
        // at most one batch per 100 ms (+1 for the first, immediate one)
        assertTrue(batches.size() <= elapsedMs / 100 + 2, batches.size() + " batches in " + elapsedMs + " ms");
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
