package dev.sheepop.train;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PaceTest {
    private static final long MS = 1_000_000;

    @Test
    void tokensPerSecondCountsOnlyTheStepsOwnTime() {
        var pace = new Pace(1000, 0, 0);
        pace.step(100 * MS);
        pace.step(300 * MS);
        assertEquals(2000 / 0.4, pace.tokensPerSec(), 1e-6);
    }

    @Test
    void theWindowStartsAfreshAfterItsSteps() {
        var pace = new Pace(1000, 0, 0);
        for (int i = 0; i < Pace.WINDOW_STEPS; i++) {
            pace.step(1000 * MS);                    // a slow start ...
        }
        pace.step(100 * MS);                         // ... is forgotten once the window is full
        assertEquals(1000 / 0.1, pace.tokensPerSec(), 1e-6);
    }

    @Test
    void timeLeftFollowsThePaceSinceTheStartWithPausesLeftOut() {
        var pace = new Pace(1000, 10, 0);            // resumed at step 10
        pace.paused(60_000 * MS);                    // a minute paused
        long now = 60_000 * MS + 20 * 500 * MS;      // 20 steps of 0.5 s after the pause
        assertEquals(Duration.ofSeconds(35), pace.remaining(30, 100, now));
    }
}
