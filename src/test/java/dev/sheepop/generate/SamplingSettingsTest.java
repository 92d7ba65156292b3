package dev.sheepop.generate;

import dev.sheepop.common.UserException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplingSettingsTest {
    private static void refused(Supplier<SamplingSettings> build, String field, String range) {
        var e = assertThrows(UserException.class, build::get);
        assertTrue(e.getMessage().contains(field) && e.getMessage().contains(range), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void invalidSettingsAreRefusedWithTheAllowedRange() {
        var d = SamplingSettings.defaults();
        refused(() -> d.withTemperature(-0.1), "temperature", "[0, 100]");
        refused(() -> d.withTopP(0), "top-p", "(0, 1]");
        refused(() -> d.withTopP(1.5), "top-p", "(0, 1]");
        refused(() -> d.withTopK(-1), "top-k", "[0, 1000000]");
        refused(() -> d.withMaxNewTokens(0), "max-length", "[1, 1000000]");
        refused(() -> d.withRepetitionPenalty(0.5), "repetition-penalty", "[1, 10]");
        refused(() -> d.withStopStrings(List.of("")), "stop", "empty");
    }

    @Test
    void boundariesAreAccepted() {
        var s = SamplingSettings.defaults().withTemperature(0).withTopP(1).withTopK(0).withMaxNewTokens(1)
                .withRepetitionPenalty(1);
        assertTrue(s.greedy());
        assertEquals(new Sampler.Greedy(), Sampler.of(s, new java.util.SplittableRandom(1)));
    }
}
