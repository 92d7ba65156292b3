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

    /** What a JVM with ND4J, OpenBLAS and the trainer loaded holds before the model's own memory. */
    static final long BASE_BYTES = 360L << 20;
    /** Each further data-parallel thread: its graph copy, its session and its allocator arenas. */
    static final long PER_EXTRA_THREAD_BYTES = 150L << 20;
    /** Resident bytes per byte of one micro-batch's activations (intermediates, their gradients, allocator slack). */
    static final double ACTIVATION_FACTOR = 7.0;
    /** Resident bytes per byte of parameters: weights, gradients, two Adam moments, checkpoint copies. */
    static final double PARAMETER_FACTOR = 6.0;

    /**
     * The peak resident memory (RSS) of a training run: {@value #BASE_BYTES}-byte base + 7 × the activations of one
     * micro-batch + 6 × the parameters + 150 MB per further training thread. The constants were fitted to the peak RSS
     * that {@code sheepop bench train} measured for the presets and nanoGPT's baby GPT on one and two threads (the table
     * and the commands are in docs/performance.md, "Memory estimate"); each is within 25 % of this estimate. The Config pane
     * and the trainer's pre-flight check both use it.
     */
    public static long estimate(RunConfig config, int threads) {
        var m = config.model();
        long parameters = 4L * m.parameterCount();
        return BASE_BYTES + (long) (ACTIVATION_FACTOR * activationBytes(config)) + (long) (PARAMETER_FACTOR * parameters)
                + Math.max(0, threads - 1) * PER_EXTRA_THREAD_BYTES;
    }

    /** {@link #estimate(RunConfig, int)} with the threads the trainer would choose. */
    public static long estimate(RunConfig config) {
        return estimate(config, Trainer.threadsFor(config));
    }

    /**
     * Bytes of one copy of a micro-batch's activations: per token, per layer 16·C + 3·F + 3·H·T floats (inputs of
     * the matmuls, LayerNorms, the attention matrix), plus 3·V + 4·C for the embedding, logits and loss.
     */
    public static long activationBytes(RunConfig config) {
        var m = config.model();
        long tokens = (long) config.training().batchSize() * config.data().maxLength();
        long perToken = (long) m.numLayers() * (16L * m.dModel() + 3L * m.dFf() + 3L * m.numHeads() * config.data().maxLength())
                + 3L * m.vocabSize() + 4L * m.dModel();
        return 4L * tokens * perToken;
    }

    /**
     * Refuses a run whose estimated peak exceeds what this process may use: JavaCPP's limit on physical memory
     * ({@code -Dorg.bytedeco.javacpp.maxphysicalbytes}, by default a little more than the heap's maximum) or, when
     * there is none, the machine's memory.
     */
    public static void check(RunConfig config, int threads) {
        long need = estimate(config, threads);
        long max = Pointer.maxPhysicalBytes() > 0 ? Pointer.maxPhysicalBytes() : machineBytes();
        if (max > 0 && need > max) {
            int b = config.training().batchSize();
            throw new UserException(String.format("Not enough memory: the run needs about %.1f GB, this process may use %.1f GB."
                            + " Try batch_size %d with gradient_accumulation_steps %d, a shorter max_length, or raise -Xmx"
                            + " / -Dorg.bytedeco.javacpp.maxphysicalbytes",
                    need / 1e9, max / 1e9, Math.max(1, b / 2), config.training().gradientAccumulationSteps() * 2));
        }
    }

    private static long machineBytes() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
    }
}
