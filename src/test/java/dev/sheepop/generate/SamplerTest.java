package dev.sheepop.generate;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each sampling step on hand-made logits. */
class SamplerTest {
    static final float NEG = Float.NEGATIVE_INFINITY;

    @Test
    void greedyTakesTheLargestAndTheLowestIdAmongTies() {
        assertEquals(2, new Sampler.Greedy().sampleToken(new float[]{0f, 1f, 3f, 2f}));
        assertEquals(1, new Sampler.Greedy().sampleToken(new float[]{0f, 3f, 3f, 2f}));
    }

    @Test
    void topKKeepsExactlyKAndBreaksTiesByLowerId() {
        float[] l = {1f, 5f, 3f, 5f, 2f};
        LogitFilters.topK(l, 2);
        assertArrayEquals(new float[]{NEG, 5f, NEG, 5f, NEG}, l);
        float[] t = {4f, 4f, 4f, 1f};
        LogitFilters.topK(t, 2);
        assertArrayEquals(new float[]{4f, 4f, NEG, NEG}, t);
        float[] all = {1f, 2f};
        LogitFilters.topK(all, 5);
        assertArrayEquals(new float[]{1f, 2f}, all);
    }

    @Test
    void topPKeepsTheSmallestSetReachingPAndRenormalises() {
        float[] p = {0.1f, 0.5f, 0.3f, 0.1f};
        LogitFilters.topP(p, 0.8f);                 // 0.5 + 0.3 = 0.8 reaches p: two tokens
        assertArrayEquals(new float[]{0f, 0.5f / 0.8f, 0.3f / 0.8f, 0f}, p, 1e-6f);
        float[] q = {0.1f, 0.5f, 0.3f, 0.1f};
        LogitFilters.topP(q, 0.81f);                // needs a third token
        assertEquals(3, count(q));
        float[] one = {0.2f, 0.7f, 0.1f};
        LogitFilters.topP(one, 0.05f);              // always at least the most likely
        assertArrayEquals(new float[]{0f, 1f, 0f}, one, 1e-6f);
    }

    @Test
    void temperatureScalesAndSoftmaxNormalises() {
        float[] l = {2f, 4f};
        LogitFilters.temperature(l, 2f);
        assertArrayEquals(new float[]{1f, 2f}, l);
        float[] p = LogitFilters.softmax(new float[]{0f, (float) Math.log(3), NEG});
        assertArrayEquals(new float[]{0.25f, 0.75f, 0f}, p, 1e-6f);
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogitsOncePerToken() {
        float[] l = {2f, -2f, 3f};
        LogitFilters.repetitionPenalty(l, new int[]{0, 1, 0, 0}, 0, 4, 2f);
        assertArrayEquals(new float[]{1f, -4f, 3f}, l);
    }

    @Test
    void drawFollowsTheCumulativeDistribution() {
        float[] p = {0f, 0.25f, 0.75f};
        assertEquals(1, LogitFilters.draw(p, 0.0));
        assertEquals(1, LogitFilters.draw(p, 0.2499));
        assertEquals(2, LogitFilters.draw(p, 0.25));
        assertEquals(2, LogitFilters.draw(p, 0.99999999));
    }

    @Test
    void categoricalSamplesOnlyFromTheFilteredSetWithTheRightFrequencies() {
        var sampler = new Sampler.Categorical(1f, 3, 1f, new SplittableRandom(1));
        float[] logits = {0f, (float) Math.log(2), (float) Math.log(1), -5f, (float) Math.log(5)};
        int[] counts = new int[5];
        for (int i = 0; i < 20_000; i++) {
            counts[sampler.sampleToken(logits.clone())]++;
        }
        assertEquals(0, counts[3], "outside the top 3");
        assertEquals(0, counts[2], "id 2 ties id 0 at logit 0 and loses the last top-3 place");
        assertEquals(1.0 / 8, counts[0] / 20_000.0, 0.01);
        assertEquals(2.0 / 8, counts[1] / 20_000.0, 0.01);
        assertEquals(5.0 / 8, counts[4] / 20_000.0, 0.01);
    }

    @Test
    void theFastExpMatchesMathExp() {
        for (float x = -100f; x <= 100f; x += 0.0137f) {
            double want = Math.exp(x);
            float got = Kernels.exp(x);
            if (want > Float.MAX_VALUE) {
                assertEquals(Float.POSITIVE_INFINITY, got);
            } else {
                assertTrue(Math.abs(got - want) <= 3e-7 * want + Float.MIN_NORMAL, x + ": " + got + " vs " + want);
            }
        }
    }

    private static int count(float[] p) {
        int n = 0;
        for (float v : p) {
            if (v > 0) {
                n++;
            }
        }
        return n;
    }
}
