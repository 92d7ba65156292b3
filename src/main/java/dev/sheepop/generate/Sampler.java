package dev.sheepop.generate;

import java.util.random.RandomGenerator;

/**
 * Picks the next token from a row of logits (llama3.java style: small record implementations). A sampler may modify
 * {@code logits} in place. {@link #sampleToken} is {@link #distribution} then {@link #draw}: the two halves exist so
 * that a generation can show the probability each token was drawn with, drawing exactly the same tokens.
 */
public interface Sampler {

    /** The distribution the next token is drawn from, after temperature, top-k and top-p. logits: [V]. */
    float[] distribution(float[] logits);

    /** Draws one token from {@link #distribution}'s result. */
    int draw(float[] probabilities);

    default int sampleToken(float[] logits) {
        return draw(distribution(logits));
    }

    /** The sampler that {@code settings} describe, drawing from {@code rng} (ignored when greedy). */
    static Sampler of(SamplingSettings settings, RandomGenerator rng) {
        if (settings.greedy()) {
            return new Greedy();
        }
        return new Categorical((float) settings.temperature(), settings.topK(), (float) settings.topP(), rng);
    }

    /** The most likely token (the lowest id among equal maxima): all the probability on it. */
    record Greedy() implements Sampler {
        @Override
        public float[] distribution(float[] logits) {
            float[] p = new float[logits.length];
            p[LogitFilters.argmax(logits)] = 1f;
            return p;
        }

        @Override
        public int draw(float[] probabilities) {
            return LogitFilters.argmax(probabilities);
        }

        @Override
        public int sampleToken(float[] logits) {
            return LogitFilters.argmax(logits);
        }
    }

    /**
     * SheepOp's original order: divide by the temperature, keep the top k, keep the nucleus reaching p, then draw one
     * token with probability proportional to what is left.
     */
    record Categorical(float temperature, int topK, float topP, RandomGenerator rng) implements Sampler {
        public Categorical {
            if (!(temperature > 0)) {
                throw new IllegalArgumentException("temperature must be > 0 for sampling, got " + temperature);
            }
        }

        @Override
        public float[] distribution(float[] logits) {
            LogitFilters.temperature(logits, temperature);
            if (topK > 0) {
                LogitFilters.topK(logits, topK);
            }
            float[] probs = LogitFilters.softmax(logits);
            if (topP < 1f) {
                LogitFilters.topP(probs, topP);
            }
            return probs;
        }

        @Override
        public int draw(float[] probabilities) {
            return LogitFilters.draw(probabilities, rng.nextDouble());
        }
    }
}
