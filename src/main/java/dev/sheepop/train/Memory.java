package dev.sheepop.train;

import dev.sheepop.common.UserException;
import dev.sheepop.config.RunConfig;
import org.bytedeco.javacpp.Pointer;

/** Memory in use (heap + ND4J off-heap) and the check that a run fits before it starts. */
public final class Memory {
    private Memory() {
    }

    /** Heap used + off-heap bytes JavaCPP/ND4J hold now. */
    public static long inUse() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory() + Pointer.totalBytes();
    }

    /** Resident set size of the process (all memory), or -1 when unknown. */
    public static long physical() {
        try {
            return Pointer.physicalBytes();
        } catch (Throwable t) {
            return -1;
        }
    }

    /**
     * Bytes a training step needs, roughly: parameters ×4 (weights, gradients, two Adam moments) + the gradient
     * accumulator, plus activations kept for backprop for B×T tokens (per layer ~16·C + 3·F + 3·H·T floats
     * per token, logits and one-hot 3·V), doubled for SameDiff's temporaries.
     */
    public static long estimate(RunConfig config) {
        var m = config.model();
        long params = m.parameterCount();
        return 4L * 5 * params + activationBytes(config) + 64L * 1024 * 1024; // + runtime baseline
    }

    /**
     * Bytes of activations and their temporaries of one micro-batch (see {@link #estimate}); also about the native
     * garbage one training step leaves for the GC (measured ≈ 100 MB on the reference, estimate 111 MB).
     */
    public static long activationBytes(RunConfig config) {
        var m = config.model();
        long tokens = (long) config.training().batchSize() * config.data().maxLength();
        long perToken = (long) m.numLayers() * (16L * m.dModel() + 3L * m.dFf() + 3L * m.numHeads() * config.data().maxLength())
                + 3L * m.vocabSize() + 4L * m.dModel();
        return 4L * 2 * tokens * perToken;
    }

    /** Refuses a run whose estimate exceeds what ND4J may allocate off the heap. */
    public static void check(RunConfig config) {
        long need = estimate(config);
        long max = Pointer.maxPhysicalBytes() > 0 ? Pointer.maxPhysicalBytes() : Pointer.maxBytes();
        if (max > 0 && need > max) {
            int b = config.training().batchSize();
            throw new UserException(String.format("Not enough memory: the run needs about %.1f GB, ND4J may use %.1f GB."
                            + " Try batch_size %d with gradient_accumulation_steps %d, a shorter max_length, or raise -Xmx"
                            + " / -Dorg.bytedeco.javacpp.maxphysicalbytes",
                    need / 1e9, max / 1e9, Math.max(1, b / 2), config.training().gradientAccumulationSteps() * 2));
        }
    }
}
