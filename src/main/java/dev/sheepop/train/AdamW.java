package dev.sheepop.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * AdamW (Loshchilov & Hutter; PyTorch's torch.optim.AdamW): Adam moments with bias correction and decoupled
 * weight decay {@code p ← p·(1 − lr·wd)} applied only to the parameters named in {@code decayed} (weight
 * matrices; not LayerNorm gains, biases or the position table). Updates parameters in place. The moment
 * update is ND4J's fused {@code adam_updater}, where ε is added to √v before bias correction (as in the Adam
 * paper's efficient form) — PyTorch adds it after; with ε = 1e-8 the difference is far below FP32 noise.
 */
public final class AdamW {
    public static final double EPS = 1e-8;
    private final double beta1;
    private final double beta2;
    private final double weightDecay;
    private final Set<String> decayed;
    private final Map<String, INDArray> m = new LinkedHashMap<>();
    private final Map<String, INDArray> v = new LinkedHashMap<>();
    private long t;

    public AdamW(double beta1, double beta2, double weightDecay, Collection<String> decayed) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.weightDecay = weightDecay;
        this.decayed = Set.copyOf(decayed);
    }

    /** One update of every parameter with its gradient (both maps keyed by parameter name). */
    public void step(Map<String, INDArray> params, Map<String, INDArray> grads, double lr) {
        t++;
        for (var entry : params.entrySet()) {
            String name = entry.getKey();
            INDArray p = entry.getValue();
            INDArray g = grads.get(name);
            INDArray mi = m.computeIfAbsent(name, k -> Nd4j.zeros(DataType.FLOAT, p.shape()));
            INDArray vi = v.computeIfAbsent(name, k -> Nd4j.zeros(DataType.FLOAT, p.shape()));
            // ND4J's fused adam_updater (one native op instead of ~10): updates m and v in place and writes
            // lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε) into g
            INDArray update = g.dup();
            Nd4j.exec(new AdamUpdater(update, vi, mi, lr, beta1, beta2, EPS, (int) (t - 1)));
            if (weightDecay > 0 && decayed.contains(name)) {
                p.muli(1.0 - lr * weightDecay);
            }
            p.subi(update);
            update.close();
        }
    }

    public long steps() {
        return t;
    }

    /** Moments as {@code m/<name>} and {@code v/<name>} (copies), for checkpoints. */
    public Map<String, INDArray> state() {
        var state = new LinkedHashMap<String, INDArray>();
        m.forEach((k, a) -> state.put("m/" + k, a.dup()));
        v.forEach((k, a) -> state.put("v/" + k, a.dup()));
        return state;
    }

    /** Restores moments saved by {@link #state()} and the step count. */
    public void restore(Map<String, INDArray> state, long steps) {
        m.clear();
        v.clear();
        state.forEach((k, a) -> {
            if (k.startsWith("m/")) {
                m.put(k.substring(2), a.castTo(DataType.FLOAT).dup());
            } else if (k.startsWith("v/")) {
                v.put(k.substring(2), a.castTo(DataType.FLOAT).dup());
            }
        });
        t = steps;
    }
}
