package dev.sheepop.train;

import dev.sheepop.model.GptGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Dynamic loss scaling around one optimizer step of a {@link dev.sheepop.model.Precision#MIXED} graph: feeds the
 * current scale to the graph (which differentiates loss × scale, so small FP16 gradients do not flush to zero),
 * divides the gradients by it in FP32, and checks them for Inf/NaN. On overflow the step is to be skipped and
 * the {@link LossScaler} halves the scale; after its growth interval of clean steps it doubles it.
 */
final class MixedPrecisionStep {
    /** What to do with the gradients of one step. */
    enum Outcome {
        /** Finite gradients, unscaled: apply the optimizer step. */
        APPLY,
        /** FP16 overflow: skip the optimizer step (the scale was halved). */
        SKIP,
        /** Still overflowing at the minimum scale: a real divergence, left to the caller's NaN handling. */
        DIVERGED
    }

    private final LossScaler scaler;

    MixedPrecisionStep(LossScaler scaler) {
        this.scaler = scaler;
    }

    LossScaler scaler() {
        return scaler;
    }

    /** Adds the loss-scale placeholder ({@link GptGraph#LOSS_SCALE}, a FLOAT scalar) to a step's inputs. */
    void feed(Map<String, INDArray> inputs) {
        inputs.put(GptGraph.LOSS_SCALE, Nd4j.scalar(DataType.FLOAT, (float) scaler.scale()));
    }

    /**
     * Divides the (scaled) gradients in place by the scale the step was fed with, checks them and updates the
     * scaler. {@code loss} is the step's unscaled loss (non-finite when the FP16 forward pass overflowed).
     */
    Outcome unscale(Map<String, INDArray> grads, double loss) {
        double scale = scaler.scale();
        boolean finite = Double.isFinite(loss);
        for (INDArray g : grads.values()) {
            g.divi(scale);
            if (finite && !Double.isFinite(g.sumNumber().doubleValue())) {   // any Inf or NaN makes the sum non-finite
                finite = false;
            }
        }
        if (!finite && scale <= LossScaler.MIN_SCALE) {
            return Outcome.DIVERGED;
        }
        return scaler.update(finite) ? Outcome.APPLY : Outcome.SKIP;
    }
}
