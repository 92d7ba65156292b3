package dev.sheepop.generate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerationBenchmarkTest {
    @Test
    void reportsMediansOfTheTrialsOfBothPathsAndDiscardsWarmUps() {
        var lines = new ArrayList<String>();
        var settings = new GenerationBenchmark.Settings("abc", 20, 1, 3, true, 1);
        var report = GenerationBenchmark.run(TinyModel.generator(2), settings, lines::add);
        assertEquals(3, report.cachedTrials().size());
        assertEquals(3, report.standardTrials().size());
        assertEquals(3, report.promptTokens());
        assertTrue(report.cachedTokensPerSecond() > 0 && report.standardTokensPerSecond() > 0);
        assertTrue(report.prefillTokensPerSecond() > 0 && report.windowTokensPerSecond() > 0);
        assertTrue(report.cachedCpuShare() > 0 && report.cachedTokensPerCpuSecond() > 0);
        assertEquals(report.cachedTokensPerSecond() / report.standardTokensPerSecond(), report.speedup(), 1e-9);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("cached   warm-up")).count(), lines.toString());
    }
}
