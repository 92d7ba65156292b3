package dev.sheepop.model;

import dev.sheepop.config.GptConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inference over the SameDiff graph: logits for a batch of token ids. One graph per sequence length is built
 * on first use and cached (the causal mask is a constant of the graph). Not thread-safe; the weights are
 * copied at construction, so later changes to the caller's arrays do not affect the model.
 */
public final class GptModel implements AutoCloseable {
    private final GptConfig config;
    private final Map<String, INDArray> weights;
    private final Map<Integer, GptGraph> graphs = new HashMap<>();

    private GptModel(GptConfig config, Map<String, INDArray> weights) {
        this.config = config;
        this.weights = weights;
    }

    /** A model over copies of {@code weights} (names and shapes as {@link ParamNames#shapes}). */
    public static GptModel fromWeights(GptConfig config, Map<String, INDArray> weights) {
        var copies = new LinkedHashMap<String, INDArray>();
        for (String name : ParamNames.shapes(config).keySet()) {
            INDArray w = weights.get(name);
            if (w == null) {
                throw new IllegalArgumentException("missing weight " + name);
            }
            copies.put(name, w.castTo(DataType.FLOAT).dup('c'));
        }
        var model = new GptModel(config, copies);
        model.graph(Math.min(config.maxSeqLen(), 1)); // validates shapes early
        return model;
    }

    public GptConfig config() {
        return config;
    }

    /** The model's own (read-only by convention) weights. */
    public Map<String, INDArray> weights() {
        return java.util.Collections.unmodifiableMap(weights);
    }

    /** {@code idx} [B, T] integer token ids, 1 ≤ T ≤ max_seq_len → logits [B, T, V] FLOAT. */
    public INDArray logits(INDArray idx) {
        if (idx.rank() != 2) {
            throw new IllegalArgumentException("idx must be [B, T], got shape " + java.util.Arrays.toString(idx.shape()));
        }
        int b = (int) idx.size(0);
        int t = (int) idx.size(1);
        GptGraph graph = graph(t);
        INDArray ids = idx.dataType() == DataType.INT32 ? idx : idx.castTo(DataType.INT32);
        INDArray flat = graph.sameDiff().output(Map.of(GptGraph.IDX, ids), GptGraph.LOGITS).get(GptGraph.LOGITS); // [B·T, V]
        return flat.reshape('c', b, t, config.vocabSize());                                                        // [B, T, V]
    }

    /** Convenience: logits [T, V] for one sequence of ids. */
    public INDArray logits(int[] ids) {
        INDArray idx = org.nd4j.linalg.factory.Nd4j.createFromArray(new int[][]{ids});
        INDArray out = logits(idx);
        return out.reshape('c', ids.length, config.vocabSize());
    }

    /** The attention weights of layer {@code layer} for one sequence: [H, T, T], each row summing to 1. */
    public INDArray attention(int[] ids, int layer) {
        GptGraph graph = graph(ids.length);
        INDArray idx = org.nd4j.linalg.factory.Nd4j.createFromArray(new int[][]{ids});
        String name = GptGraph.attentionName(layer);
        INDArray probs = graph.sameDiff().output(Map.of(GptGraph.IDX, idx), name).get(name);        // [1, H, T, T]
        return probs.reshape('c', probs.size(1), probs.size(2), probs.size(3));
    }

    private GptGraph graph(int t) {
        return graphs.computeIfAbsent(t, len -> GptGraph.build(config, len, false, weights));
    }

    @Override
    public void close() {
        graphs.clear();
    }
}
