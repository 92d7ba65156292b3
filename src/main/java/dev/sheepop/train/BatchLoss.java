package dev.sheepop.train;

import dev.sheepop.model.GptGraph;
import dev.sheepop.model.StepMemory;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The mean loss of batches on an inference graph, without gradients: the trainer's evaluations and the whole-split
 * validation loss. Batch after batch reuses the graph's step memory instead of allocating a pass's intermediates
 * afresh; with {@code replicas} (the training threads, sharing the graph) each batch is split over them.
 */
final class BatchLoss {
    private final GptGraph graph;
    private final ParallelReplicas replicas;

    BatchLoss(GptGraph graph, ParallelReplicas replicas) {
        this.graph = graph;
        this.replicas = replicas;
    }

    /** The loss of one batch; {@code inputs} and {@code labels} are freed. */
    double loss(INDArray inputs, INDArray labels) {
        StepMemory memory = graph.useStepMemory();   // nothing to reuse until the first pass made the session
        memory.recycle();
        Map<String, INDArray> feed = Map.of(GptGraph.IDX, inputs, GptGraph.LABELS, labels);
        long batch = inputs.size(0);
        double loss = replicas != null && batch > 1 ? replicas.loss(feed, (int) batch)
                : graph.sameDiff().output(feed, GptGraph.LOSS).get(GptGraph.LOSS).getDouble(0);
        NativeArrays.release(inputs);
        NativeArrays.release(labels);
        graph.useStepMemory();
        return loss;
    }
}
