package dev.sheepop.generate;

/**
 * Turns a growing context into next-token logits. Both decoding paths implement it, so the generation loop
 * (and its sliding-window rule) is the same code for both. Not thread-safe: one per generation.
 */
public interface Decoder {

    /** The most tokens the context may hold (the model's {@code max_seq_len}). */
    int capacity();

    /** Tokens in the context. */
    int length();

    /** Empties the context. */
    void reset();

    /** Appends {@code tokens} (at least one) and returns the logits after the last one: [V]. */
    float[] prefill(int[] tokens);

    /** Appends one token and returns the logits after it: [V]. */
    default float[] step(int token) {
        return prefill(new int[]{token});
    }
}
