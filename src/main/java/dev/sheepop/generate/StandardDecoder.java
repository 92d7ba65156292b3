package dev.sheepop.generate;

import java.util.Arrays;

/**
 * SheepOp LLM's original "standard generation": the full forward pass over the whole context for every new token, no
 * cache. Slow by design (it is the reference the cached path is checked and benchmarked against).
 */
public final class StandardDecoder implements Decoder {

    /** A full forward pass: the logits after the last token of {@code context} ([T] ids → [V]). */
    @FunctionalInterface
    public interface FullForward {
        float[] lastLogits(int[] context);
    }

    private final FullForward model;
    private final int capacity;
    private int[] context = new int[16];
    private int length;

    public StandardDecoder(FullForward model, int capacity) {
        this.model = model;
        this.capacity = capacity;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public void reset() {
        length = 0;
    }

    @Override
    public float[] prefill(int[] tokens) {
        if (tokens.length == 0 || length + tokens.length > capacity) {
            throw new IllegalArgumentException("cannot append " + tokens.length + " tokens to a context of " + length
                    + " (max_seq_len " + capacity + ")");
        }
        if (length + tokens.length > context.length) {
            context = Arrays.copyOf(context, Math.max(2 * context.length, length + tokens.length));
        }
        System.arraycopy(tokens, 0, context, length, tokens.length);
        length += tokens.length;
        return model.lastLogits(Arrays.copyOf(context, length));
    }
}
