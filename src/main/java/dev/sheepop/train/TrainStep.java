package dev.sheepop.train;

import dev.sheepop.config.RunConfig;
import dev.sheepop.data.Batch;
import dev.sheepop.data.Batches;
import dev.sheepop.model.GptGraph;
import dev.sheepop.model.StepMemory;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One optimizer step: the micro-batches' gradients from SameDiff (split over the training threads when there are
 * several), accumulated, unscaled in mixed precision, clipped to the global norm, applied by AdamW. It owns the
 * step's native memory: the session's arrays are reused step after step once the first step made them.
 */
final class TrainStep implements AutoCloseable {
    /**
     * Every op still leaves small Java objects that own native buffers (shape information, op contexts), freed when
     * the objects are collected. With two training threads some reach G1's old generation, which it collects only when
     * the heap fills (6 GB by default): the process grew from 818 MB at step 200 to 1,046 MB at step 2000. A full
     * collection every this many steps (≈ 40 ms; the CLI launcher keeps System.gc() a full collection) held it at
     * 773 → 780 MB; concurrent cycles (the workbench's -XX:+ExplicitGCInvokesConcurrent) did not.
     */
    static final int GC_EVERY_STEPS = Integer.getInteger("sheepop.gcEverySteps", 100);

    /** What a step did: its loss and gradient norm, or that mixed precision skipped it after an FP16 overflow. */
    record Outcome(double loss, double gradNorm, boolean skipped) {
        boolean failed() {
            return !skipped && (!Double.isFinite(loss) || !Double.isFinite(gradNorm));
        }
    }

    private final RunConfig config;
    private final GptGraph graph;
    private final ParallelReplicas replicas;   // null with one training thread
    private final Map<String, INDArray> params;
    private final AdamW optimizer;
    private final MixedPrecisionStep amp;      // null in FP32
    private final Batches batches;
    private final int accum;
    private final int stepsPerEpoch;
    /**
     * The training session's arrays, reused step after step (installed after the first step; see {@link StepMemory}).
     * Without it SameDiff allocates a step's intermediates afresh and ND4J frees them only when the Java GC collects
     * their wrappers.
     */
    private StepMemory stepMemory;

    TrainStep(RunConfig config, GptGraph graph, ParallelReplicas replicas, Map<String, INDArray> params,
              AdamW optimizer, MixedPrecisionStep amp, Batches batches, int stepsPerEpoch) {
        this.config = config;
        this.graph = graph;
        this.replicas = replicas;
        this.params = params;
        this.optimizer = optimizer;
        this.amp = amp;
        this.batches = batches;
        this.accum = config.training().gradientAccumulationSteps();
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /** Takes the step that follows {@code step} (0-based) at learning rate {@code lr}; the caller holds the run's lock. */
    Outcome take(long step, double lr) {
        var grads = new LinkedHashMap<String, INDArray>();
        boolean gradsOwned = true;
        double loss = 0;
        for (int micro = 0; micro < accum; micro++) {
            Batch batch = batches.batch(step, micro, accum, stepsPerEpoch);
            var inputs = new HashMap<String, INDArray>();
            inputs.put(GptGraph.IDX, batch.inputArray());
            inputs.put(GptGraph.LABELS, batch.labelArray());
            if (amp != null) {
                amp.feed(inputs);
            }
            if (config.model().dropout() > 0) {   // masks from (seed, step, micro): reproducible, resumable
                inputs.putAll(graph.dropoutMasks(batch.size(),
                        new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + step * 1024 + micro)));
            }
            boolean reused = stepMemory != null;   // the session's arrays are the step memory's: never close them
            if (reused) {
                stepMemory.recycle();              // the previous micro-step's outputs and gradients die here
            }
            var out = replicas != null && batch.size() > 1 ? replicas.calculate(inputs, batch.size())
                    : graph.sameDiff().calculateGradientsAndOutputs(inputs, List.of(GptGraph.LOSS), graph.paramNames());
            inputs.values().forEach(NativeArrays::release);
            loss += out.getOutputs().get(GptGraph.LOSS).getDouble(0) / accum;
            for (var e : out.getGradients().entrySet()) {
                INDArray acc = grads.get(e.getKey());
                if (acc == null) {
                    grads.put(e.getKey(), accum == 1 ? e.getValue() : e.getValue().dup());
                } else {
                    acc.addi(e.getValue());
                }
                if (accum > 1 && !reused) {
                    NativeArrays.release(e.getValue());
                }
            }
            if (!reused) {
                out.getOutputs().values().forEach(NativeArrays::release);
            }
            gradsOwned = accum > 1 || !reused;
        }
        Outcome outcome = apply(grads, loss, lr);
        if (gradsOwned) {
            grads.values().forEach(NativeArrays::release);
        }
        afterStep(step + 1);
        return outcome;
    }

    private Outcome apply(Map<String, INDArray> grads, double loss, double lr) {
        // MIXED: gradients unscaled; on FP16 overflow the optimizer step is skipped and the scale halved
        if (amp != null && amp.unscale(grads, loss) == MixedPrecisionStep.Outcome.SKIP) {
            return new Outcome(loss, Double.NaN, true);
        }
        if (!Double.isFinite(loss)) {
            return new Outcome(loss, Double.NaN, false);
        }
        if (accum > 1) {
            grads.values().forEach(g -> g.divi(accum));
        }
        double gradNorm = Gradients.clip(grads, config.training().maxGradNorm());
        if (Double.isFinite(gradNorm)) {
            optimizer.step(params, grads, lr);
        }
        return new Outcome(loss, gradNorm, false);
    }

    private void afterStep(long stepsDone) {
        if (stepMemory == null) {   // SameDiff creates the thread's sessions in the first step
            stepMemory = graph.useStepMemory();
            if (replicas != null) {
                replicas.afterFirstStep();
            }
            System.gc();            // the first step's arrays were not the step memory's
        } else if (stepsDone % GC_EVERY_STEPS == 0) {
            System.gc();
        }
    }

    /** Frees the sessions' native arrays now, not whenever a GC finds them (the workbench trains again). */
    @Override
    public void close() {
        if (replicas != null) {
            replicas.close();
        }
        if (stepMemory != null) {
            stepMemory.close();
        }
    }
}
