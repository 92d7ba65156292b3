package dev.sheepop.train;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunControlTest {
    @Test
    void runsOnWhenNotPausedAndStopsWhenAsked() {
        var control = new RunControl();
        assertTrue(control.awaitNextStep());
        control.requestStop();
        assertFalse(control.awaitNextStep());
    }

    @Test
    void aPausedLoopWaitsUntilResumed() throws Exception {
        var control = new RunControl();
        control.pause();
        var next = CompletableFuture.supplyAsync(control::awaitNextStep);
        assertFalse(next.isDone());
        control.resume();
        assertTrue(next.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aStopEndsThePause() throws Exception {
        var control = new RunControl();
        control.pause();
        var next = CompletableFuture.supplyAsync(control::awaitNextStep);
        control.requestStop();
        assertFalse(next.get(30, TimeUnit.SECONDS));
    }
}
