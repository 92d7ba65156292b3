package dev.sheepop.generate;

import dev.sheepop.tokenizer.CharTokenizer;
import dev.sheepop.tokenizer.Tokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streaming, stopping, cancelling, seeds and the prompt cache on a tiny random model. */
class GeneratorTest {
    static Generator generator;
    final SamplingSettings sampled = SamplingSettings.defaults().withMaxNewTokens(60).withTemperature(1.0).withSeed(7);

    @BeforeAll
    static void model() {
        generator = TinyModel.generator(3);
    }

    @Test
    void theSameSeedGivesTheSameTextAndAnotherSeedAnotherText() {
        var a = generator.generate("hello", sampled, null, null);
        var b = generator.generate("hello", sampled, null, null);
        var c = generator.generate("hello", sampled.withSeed(8), null, null);
        assertEquals(a.text(), b.text());
        assertNotEquals(a.text(), c.text());
        assertEquals(60, a.tokens().length);
        assertEquals(StopReason.MAX_TOKENS, a.stopReason());
        assertTrue(a.tokensPerSecond() > 0);
    }

    @Test
    void streamedPiecesAddUpToTheText() {
        var pieces = new ArrayList<String>();
        var r = generator.generate("abc", sampled, pieces::add, null);
        assertEquals(r.text(), String.join("", pieces));
        assertFalse(pieces.isEmpty());
    }

    @Test
    void stopsBeforeTheFirstStopStringAndNeverStreamsIt() {
        var full = generator.generate("abc", sampled, null, null).text();
        // choose a stop string that really occurs in the unconstrained output: two characters from its middle
        String stop = full.substring(20, 22);
        int at = full.indexOf(stop);
        var pieces = new ArrayList<String>();
        var r = generator.generate("abc", sampled.withStopStrings(List.of("not-in-the-vocabulary", stop)), pieces::add, null);
        assertEquals(StopReason.STOP_STRING, r.stopReason());
        assertEquals(full.substring(0, at), r.text());
        assertEquals(r.text(), String.join("", pieces));
    }

    @Test
    void stopsOnEndOfSequence() {
        var eos = TinyModel.generator(3, 30f); // the eos logit dominates
        var r = eos.generate("abc", sampled, null, null);
        assertEquals(StopReason.EOS, r.stopReason());
        assertEquals(0, r.tokens().length);
        assertEquals("", r.text());
    }

    @Test
    void cancellationFromAnotherThreadStopsTheGeneration() throws Exception {
        var cancel = new AtomicBoolean();
        var count = new java.util.concurrent.atomic.AtomicInteger();
        var result = new java.util.concurrent.atomic.AtomicReference<GenerationResult>();
        var settings = sampled.withMaxNewTokens(1_000_000);
        var fifty = new java.util.concurrent.CountDownLatch(50);
        var thread = new Thread(() -> result.set(generator.generate("abc", settings, piece -> {
            count.incrementAndGet();
            fifty.countDown();
        }, cancel)));
        thread.start();
        assertTrue(fifty.await(60, java.util.concurrent.TimeUnit.SECONDS), "50 tokens");
        cancel.set(true);
        thread.join(10_000);
        assertFalse(thread.isAlive());
        assertEquals(StopReason.CANCELLED, result.get().stopReason());
        assertTrue(result.get().tokens().length >= 50 && result.get().tokens().length < 1_000_000);
        // cancelled before the first token: nothing at all
        var cancelled = new AtomicBoolean(true);
        assertEquals(0, generator.generate("abc", settings, null, cancelled).tokens().length);
    }

    @Test
    void thePromptCacheGivesTheSameTextAndSkipsTheCachedPrefill() {
        var cached = TinyModel.generator(4);
        var uncached = new Generator(cached.tokenizer(), cached.weights(), null, null);
        var before = cached.promptCache().stats();
        var first = cached.generate("hello world", sampled, null, null);
        var again = cached.generate("hello world", sampled, null, null);
        var extended = cached.generate("hello world. abc", sampled, null, null);
        var stats = cached.promptCache().stats();
        assertEquals(0, first.cachedPromptTokens());
        assertEquals(11, again.cachedPromptTokens());
        assertEquals(11, extended.cachedPromptTokens());
        assertEquals(before.hits() + 2, stats.hits());
        assertEquals(before.misses() + 1, stats.misses());
        assertTrue(stats.bytes() > 0 && stats.bytes() <= stats.maxBytes());
        assertEquals(uncached.generate("hello world", sampled, null, null).text(), again.text());
        assertEquals(uncached.generate("hello world. abc", sampled, null, null).text(), extended.text());
    }

    @Test
    void thePromptCacheEvictsTheLeastRecentlyUsedBeyondItsMemoryBound() {
        var g = TinyModel.generator(4);
        g.generate("abcdefghij", sampled.withMaxNewTokens(1), null, null);
        long oneEntry = g.promptCache().stats().bytes();                          // 10 positions of K and V
        assertTrue(oneEntry >= 2L * 4 * 2 * 32 * 10, "counts keys and values: " + oneEntry);
        var small = new Generator(g.tokenizer(), g.weights(), null, new PromptCache(oneEntry * 3 / 2));
        small.generate("abcdefghij", sampled.withMaxNewTokens(1), null, null);  // ~10 positions: fits
        small.generate("jihgfedcba", sampled.withMaxNewTokens(1), null, null);  // evicts the first
        assertEquals(1, small.promptCache().stats().entries());
        assertEquals(0, small.generate("abcdefghij", sampled.withMaxNewTokens(1), null, null).cachedPromptTokens());
    }

    @Test
    void longPromptsKeepTheirLastMaxSeqLenTokensAndUnknownCharactersAreReported() {
        String longPrompt = "abcdefgh ijklmnop.".repeat(3);            // 54 tokens > max_seq_len 16
        var r = generator.generate(longPrompt, sampled.withMaxNewTokens(5), null, null);
        assertEquals(16, r.promptTokens());
        var same = generator.generate(longPrompt.substring(longPrompt.length() - 16), sampled.withMaxNewTokens(5), null, null);
        assertEquals(same.text(), r.text());
        assertEquals(java.util.List.of("Z", "é"), List.copyOf(generator.unknownCharacters("abZ éa")));
        assertEquals(CharTokenizer.UNK, generator.tokenizer().encode("Z")[0]);
    }
}
