package dev.sheepop.generate;

import java.util.random.RandomGenerator;

/**
 * Picks the next token from a row of logits (llama3.java style: one method, small record implementations).
 * A sampler may modify {@code logits} in place.
 */
@FunctionalInterface
public interface Sampler {

    int sampleToken(float[] logits); // logits: [V]

    /** The sampler that {@code settings} describe, drawing from {@code rng} (ignored when greedy). */
    static Sampler of(SamplingSettings settings, RandomGenerator rng) {
        if (settings.greedy()) {
            return new Greedy();
        }
        return new Categorical((float) settings.temperature(), settings.topK(), (float) settings.topP(), rng);
    }

    /** The most likely token (the lowest id among equal maxima). */
    record Greedy() implements Sampler {
        @Override
        public int sampleToken(float[] logits) {
            return LogitFilters.argmax(logits);
        }
    }

    /**
     * The seed's order: divide by the temperature, keep the top k, keep the nucleus reaching p, then draw one
     * token with probability proportional to what is left.
     */
    record Categorical(float temperature, int topK, float topP, RandomGenerator rng) implements Sampler {
        public Categorical {
            if (!(temperature > 0)) {
                throw new IllegalArgumentException("temperature must be > 0 for sampling, got " + temperature);
            }
        }

        @Override
        public int sampleToken(float[] logits) {
            LogitFilters.temperature(logits, temperature);
            if (topK > 0) {
                LogitFilters.topK(logits, topK);
            }
            float[] probs = LogitFilters.softmax(logits);
            if (topP < 1f) {
                LogitFilters.topP(probs, topP);
            }
            return LogitFilters.draw(probs, rng.nextDouble());
        }
    }
}
