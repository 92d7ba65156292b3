package dev.sheepop.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * AdamW (Loshchilov & Hutter; PyTorch's torch.optim.AdamW): Adam moments with bias correction and decoupled
 * weight decay {@code p ← p·(1 − lr·wd)} applied only to the parameters named in {@code decayed} (weight
 * matrices; not LayerNorm gains, biases or the position table). Updates parameters in place.
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
        double bc1 = 1.0 - Math.pow(beta1, t);
        double bc2 = 1.0 - Math.pow(beta2, t);
        for (var entry : params.entrySet()) {
            String name = entry.getKey();
            INDArray p = entry.getValue();
            INDArray g = grads.get(name);
            INDArray mi = m.computeIfAbsent(name, k -> Nd4j.zeros(DataType.FLOAT, p.shape()));
            INDArray vi = v.computeIfAbsent(name, k -> Nd4j.zeros(DataType.FLOAT, p.shape()));
            mi.muli(beta1).addi(g.mul(1.0 - beta1));
            vi.muli(beta2).addi(g.mul(g).muli(1.0 - beta2));
            if (weightDecay > 0 && decayed.contains(name)) {
                p.muli(1.0 - lr * weightDecay);
            }
            INDArray denom = Transforms.sqrt(vi.div(bc2), false).addi(EPS);
            p.subi(mi.div(denom).muli(lr / bc1));
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
