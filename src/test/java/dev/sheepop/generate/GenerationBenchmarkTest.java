package dev.sheepop.generate;

import dev.sheepop.common.Medians;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerationBenchmarkTest {
    @Test
    void reportsTheMediansOfItsTrialsAndDiscardsTheWarmUps() {
        var lines = new ArrayList<String>();
        var settings = new GenerationBenchmark.Settings("abc", 20, 2, 5, true, 1);
        var generator = TinyModel.generator(2);
        var report = GenerationBenchmark.run(generator, settings, lines::add);

        assertEquals(3, report.promptTokens());
        assertEquals(5, report.cachedTrials().size());
        assertEquals(Medians.of(report.cachedTrials()), report.cachedTokensPerSecond());
        assertEquals(3, report.standardTrials().size(), "the slow path runs at most three trials");
        assertEquals(Medians.of(report.standardTrials()), report.standardTokensPerSecond());
        assertEquals(report.cachedTokensPerSecond() / report.standardTokensPerSecond(), report.speedup(), 1e-12);

        assertEquals(List.of(2L, 5L, 1L, 3L), List.of(count(lines, "cached   warm-up"), count(lines, "cached   trial"),
                count(lines, "standard warm-up"), count(lines, "standard trial")), lines.toString());
        int window = generator.config().maxSeqLen() - 1;
        assertEquals(1, count(lines, "cached, within the window (" + window + " new tokens from 1, no re-prefill)"),
                lines.toString());
        // the progress lines are in order: warm-ups before trials, the cached path before the standard one
        assertTrue(lines.get(0).startsWith("cached   warm-up 1:") && lines.get(2).startsWith("cached   trial   1:"),
                lines.toString());
    }

    @Test
    void withoutTheStandardPathThereIsNoSpeedUp() {
        var settings = new GenerationBenchmark.Settings("abc", 10, 0, 1, false, 1);
        var report = GenerationBenchmark.run(TinyModel.generator(2), settings, line -> { });
        assertEquals(List.of(), report.standardTrials());
        assertTrue(Double.isNaN(report.standardTokensPerSecond()), "nothing measured");
        assertEquals(0, report.speedup());
        assertEquals(1, report.cachedTrials().size());
    }

    private static long count(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }
}
