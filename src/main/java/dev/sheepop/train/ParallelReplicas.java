package dev.sheepop.train;

import dev.sheepop.config.GptConfig;
import dev.sheepop.model.GptGraph;
import dev.sheepop.model.Precision;
import dev.sheepop.model.StepMemory;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Data parallelism over the cores: {@code n} copies of the training graph over the <em>same</em> parameter arrays
 * (SameDiff keeps the instances it is given, so the optimizer's in-place updates reach every copy), each computing
 * the loss and gradients of a slice of the batch on its own thread with one ND4J thread, the results averaged with
 * the slices' sizes as weights — the full batch's mean loss and gradient, up to rounding. Evaluations split their
 * batches the same way ({@link #loss}).
 *
 * <p>Why this and not more OpenMP threads per op: on the 2-core development machine two replicas took a reference
 * step from 154 to 81 ms, and with the other core busy they took 153 ms, no worse than one thread; two OpenMP threads
 * gained 8 % quiet and were 2.6× slower with the other core busy (docs/performance.md).
 *
 * <p>Replica 0 is the caller's graph and runs on the calling thread (its step memory is the caller's business);
 * replica k ≥ 1 always runs on its own single thread, because SameDiff keeps one session per thread, and reuses its
 * arrays through its own {@link StepMemory}, so the gradients it returns die at its next step.
 */
final class ParallelReplicas implements AutoCloseable {
    private final GptGraph[] graphs;
    private final ExecutorService[] threads;
    private final boolean[] memoryInstalled;

    ParallelReplicas(GptGraph main, GptConfig model, int seqLen, Precision precision, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("replicas: need at least 2, got " + n);
        }
        var params = new LinkedHashMap<String, INDArray>();
        main.paramNames().forEach(name -> params.put(name, main.param(name)));
        graphs = new GptGraph[n];
        threads = new ExecutorService[n];
        memoryInstalled = new boolean[n];
        graphs[0] = main;
        for (int k = 1; k < n; k++) {
            graphs[k] = GptGraph.build(model, seqLen, true, params, precision);
            for (String name : main.paramNames()) {
                if (graphs[k].param(name) != main.param(name)) {
                    throw new IllegalStateException("replica " + k + " does not share parameter " + name);
                }
            }
            int id = k;
            threads[k] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sheepop-train-replica-" + id);
                t.setDaemon(true);
                return t;
            });
        }
    }

    int size() {
        return graphs.length;
    }

    /** How many of {@code batchSize} sequences replica {@code k} gets (the first ones get one more if uneven). */
    static int share(int batchSize, int replicas, int k) {
        return batchSize / replicas + (k < batchSize % replicas ? 1 : 0);
    }

    /**
     * Loss and gradients of one batch of {@code batchSize} sequences: the placeholders in {@code inputs} are cut along
     * their first axis (a scalar, such as the loss scale, goes to every replica), the slices computed in parallel, and
     * the weighted mean returned. The gradients are replica 0's arrays, overwritten with the mean; the loss is a new
     * scalar under {@link GptGraph#LOSS}.
     */
    OutAndGrad calculate(Map<String, INDArray> inputs, int batchSize) {
        List<OutAndGrad> outs = onSlices(inputs, batchSize,
                (graph, slice) -> graph.sameDiff().calculateGradientsAndOutputs(slice, List.of(GptGraph.LOSS), graph.paramNames()));
        OutAndGrad first = outs.get(0);
        double w0 = (double) share(batchSize, outs.size(), 0) / batchSize;
        double loss = w0 * first.getOutputs().get(GptGraph.LOSS).getDouble(0);
        Map<String, INDArray> grads = first.getGradients();
        grads.values().forEach(g -> g.muli(w0));
        for (int k = 1; k < outs.size(); k++) {
            OutAndGrad other = outs.get(k);
            double w = (double) share(batchSize, outs.size(), k) / batchSize;
            loss += w * other.getOutputs().get(GptGraph.LOSS).getDouble(0);
            for (var e : grads.entrySet()) {
                e.getValue().addi(other.getGradients().get(e.getKey()).muli(w));
            }
            if (!memoryInstalled[k]) {   // a first step's arrays are SameDiff's own: free them now
                other.getGradients().values().forEach(NativeArrays::release);
                other.getOutputs().values().forEach(NativeArrays::release);
            }
        }
        var outputs = new HashMap<String, INDArray>(first.getOutputs());
        outputs.put(GptGraph.LOSS, Nd4j.scalar(DataType.FLOAT, (float) loss));
        return new OutAndGrad(outputs, grads);
    }

    /**
     * The loss of one batch, forward only (an evaluation): the slices run on the replicas' threads as in
     * {@link #calculate}, and their losses are averaged with the slices' sizes as weights. Replica 0's step memory is
     * the caller's business, as in training.
     */
    double loss(Map<String, INDArray> inputs, int batchSize) {
        List<Double> losses = onSlices(inputs, batchSize,
                (graph, slice) -> graph.sameDiff().output(slice, GptGraph.LOSS).get(GptGraph.LOSS).getDouble(0));
        double sum = 0;
        for (int k = 0; k < losses.size(); k++) {
            sum += share(batchSize, losses.size(), k) * losses.get(k);
        }
        return sum / batchSize;
    }

    /** What one replica computes from its slice of a batch. */
    private interface SliceWork<T> {
        T run(GptGraph graph, Map<String, INDArray> slice);
    }

    /**
     * Cuts the batch into one slice per replica (at most {@code batchSize}) and runs {@code work} on each: replica 0 on
     * the calling thread, replica k ≥ 1 on its own thread with its step memory recycled first (once installed). The
     * slices are closed afterwards. The results come back in replica order.
     */
    private <T> List<T> onSlices(Map<String, INDArray> inputs, int batchSize, SliceWork<T> work) {
        int n = Math.min(graphs.length, batchSize);
        List<Map<String, INDArray>> parts = split(inputs, batchSize, n);
        var futures = new ArrayList<Future<T>>();
        for (int k = 1; k < n; k++) {
            int replica = k;
            futures.add(threads[k].submit(() -> onOwnThread(replica, parts.get(replica), work)));
        }
        var results = new ArrayList<T>();
        try {
            results.add(work.run(graphs[0], parts.get(0)));
        } finally {
            parts.get(0).values().forEach(ParallelReplicas::closeSlice);
        }
        for (Future<T> f : futures) {
            results.add(join(f));
        }
        return results;
    }

    private <T> T onOwnThread(int k, Map<String, INDArray> slice, SliceWork<T> work) {
        try {
            if (memoryInstalled[k]) {
                graphs[k].useStepMemory().recycle();
            }
            T result = work.run(graphs[k], slice);
            if (memoryInstalled[k]) {
                graphs[k].useStepMemory();   // a first evaluation creates this thread's inference session: give it the memory too
            }
            return result;
        } finally {
            slice.values().forEach(ParallelReplicas::closeSlice);
        }
    }

    /** Installs replica k's step memory after its first step (its session exists from then on); call between steps. */
    void afterFirstStep() {
        for (int k = 1; k < graphs.length; k++) {
            if (!memoryInstalled[k]) {
                int replica = k;
                join(threads[k].submit(() -> graphs[replica].useStepMemory()));
                memoryInstalled[k] = true;
            }
        }
    }

    private static List<Map<String, INDArray>> split(Map<String, INDArray> inputs, int batchSize, int n) {
        var parts = new ArrayList<Map<String, INDArray>>();
        int from = 0;
        for (int k = 0; k < n; k++) {
            int to = from + share(batchSize, n, k);
            var part = new HashMap<String, INDArray>();
            for (var e : inputs.entrySet()) {
                INDArray a = e.getValue();
                if (a.rank() == 0) {
                    part.put(e.getKey(), a);                                   // e.g. the loss scale: shared, read-only
                    continue;
                }
                long rows = a.size(0) / batchSize;                             // rows per sequence: 1, or T for [B·T, C]
                part.put(e.getKey(), a.get(NDArrayIndex.interval(from * rows, to * rows)).dup('c'));
            }
            parts.add(part);
            from = to;
        }
        return parts;
    }

    /** Closes a slice made by {@link #split}; a scalar is the caller's shared array and stays open. */
    private static void closeSlice(INDArray slice) {
        if (slice.rank() > 0) {
            NativeArrays.release(slice);
        }
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IllegalStateException("training thread interrupted while a replica was computing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the replicas' threads and frees their arrays (replica 0 is the caller's). */
    @Override
    public void close() {
        for (int k = 1; k < graphs.length; k++) {
            int replica = k;
            try {
                threads[k].submit(() -> graphs[replica].useStepMemory().close()).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // nothing left to free on a broken replica
            }
            threads[k].shutdownNow();
        }
    }
}
