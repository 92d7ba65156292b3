package dev.sheepop.train;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/** Global-norm helpers over a map of gradients. */
public final class Gradients {
    private Gradients() {
    }

    /** √(Σ‖g‖²) over all gradients. */
    public static double globalNorm(Map<String, INDArray> grads) {
        double sum = 0;
        for (INDArray g : grads.values()) {
            double n = g.norm2Number().doubleValue();
            sum += n * n;
        }
        return Math.sqrt(sum);
    }

    /** Scales the gradients in place so that their global norm is at most {@code maxNorm}; returns the norm before. */
    public static double clip(Map<String, INDArray> grads, double maxNorm) {
        double norm = globalNorm(grads);
        if (maxNorm > 0 && norm > maxNorm) {
            double factor = maxNorm / (norm + 1e-6);
            grads.values().forEach(g -> g.muli(factor));
        }
        return norm;
    }
}
