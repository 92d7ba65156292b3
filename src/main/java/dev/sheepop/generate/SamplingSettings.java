package dev.sheepop.generate;

import dev.sheepop.common.UserException;

import java.util.List;

/**
 * How to pick the next tokens. Applied in SheepOp LLM's original order: repetition penalty, temperature, top-k, top-p,
 * then a multinomial draw from a generator seeded with {@code seed}. {@code temperature == 0} means greedy.
 *
 * @param maxNewTokens      tokens to generate at most, in [1, 1_000_000]
 * @param temperature       in [0, 100]; 0 = greedy (argmax)
 * @param topK              0 = off, else keep the k most likely tokens; in [0, 1_000_000]
 * @param topP              nucleus: keep the smallest set of tokens whose probability reaches p; in (0, 1], 1 = off
 * @param repetitionPenalty in [1, 10] (1 = off): logits of tokens already in the context are divided by it
 *                          when positive and multiplied when negative (CTRL / Hugging Face rule)
 * @param seed              the random generator's seed: same checkpoint, prompt, settings and seed, same text
 * @param stopStrings       generation stops before the first occurrence of any of these (not included)
 * @param useCache          true: the KV-cache decoder (default); false: the full SameDiff forward per token
 */
public record SamplingSettings(int maxNewTokens, double temperature, int topK, double topP,
                               double repetitionPenalty, long seed, List<String> stopStrings, boolean useCache) {

    public SamplingSettings {
        check(maxNewTokens >= 1 && maxNewTokens <= 1_000_000, "max-length", "must be in [1, 1000000], got " + maxNewTokens);
        check(!Double.isNaN(temperature) && temperature >= 0 && temperature <= 100, "temperature",
                "must be in [0, 100] (0 = greedy), got " + temperature);
        check(topK >= 0 && topK <= 1_000_000, "top-k", "must be in [0, 1000000] (0 = off), got " + topK);
        check(!Double.isNaN(topP) && topP > 0 && topP <= 1, "top-p", "must be in (0, 1] (1 = off), got " + topP);
        check(!Double.isNaN(repetitionPenalty) && repetitionPenalty >= 1 && repetitionPenalty <= 10,
                "repetition-penalty", "must be in [1, 10] (1 = off), got " + repetitionPenalty);
        stopStrings = stopStrings == null ? List.of() : List.copyOf(stopStrings);
        for (String s : stopStrings) {
            check(!s.isEmpty(), "stop", "stop strings must not be empty");
        }
    }

    /** SheepOp LLM's original defaults: 100 new tokens, temperature 0.8, top-k 50, top-p 0.95, no penalty, seed 1337, cached. */
    public static SamplingSettings defaults() {
        return new SamplingSettings(100, 0.8, 50, 0.95, 1.0, 1337, List.of(), true);
    }

    /** Greedy decoding (temperature 0) of {@code maxNewTokens} tokens. */
    public static SamplingSettings greedy(int maxNewTokens) {
        return defaults().withMaxNewTokens(maxNewTokens).withTemperature(0);
    }

    public boolean greedy() {
        return temperature == 0;
    }

    public SamplingSettings withMaxNewTokens(int n) {
        return new SamplingSettings(n, temperature, topK, topP, repetitionPenalty, seed, stopStrings, useCache);
    }

    public SamplingSettings withTemperature(double t) {
        return new SamplingSettings(maxNewTokens, t, topK, topP, repetitionPenalty, seed, stopStrings, useCache);
    }

    public SamplingSettings withTopK(int k) {
        return new SamplingSettings(maxNewTokens, temperature, k, topP, repetitionPenalty, seed, stopStrings, useCache);
    }

    public SamplingSettings withTopP(double p) {
        return new SamplingSettings(maxNewTokens, temperature, topK, p, repetitionPenalty, seed, stopStrings, useCache);
    }

    public SamplingSettings withRepetitionPenalty(double r) {
        return new SamplingSettings(maxNewTokens, temperature, topK, topP, r, seed, stopStrings, useCache);
    }

    public SamplingSettings withSeed(long s) {
        return new SamplingSettings(maxNewTokens, temperature, topK, topP, repetitionPenalty, s, stopStrings, useCache);
    }

    public SamplingSettings withStopStrings(List<String> stops) {
        return new SamplingSettings(maxNewTokens, temperature, topK, topP, repetitionPenalty, seed, stops, useCache);
    }

    public SamplingSettings withCache(boolean cached) {
        return new SamplingSettings(maxNewTokens, temperature, topK, topP, repetitionPenalty, seed, stopStrings, cached);
    }

    private static void check(boolean ok, String field, String message) {
        if (!ok) {
            throw new UserException("Invalid sampling setting " + field + ": " + message);
        }
    }
}
