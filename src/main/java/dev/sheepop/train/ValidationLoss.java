package dev.sheepop.train;

import dev.sheepop.config.GptConfig;
import dev.sheepop.model.GptGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * The validation loss over the whole validation split (every non-overlapping window), and how much the trainer's
 * quick estimate (the mean of {@code evalIters} random batches, as nanoGPT's) scatters around it. Used by
 * {@code sheepop bench train --full} to tell a real quality gap from estimator noise.
 */
public final class ValidationLoss {
    private ValidationLoss() {
    }

    /**
     * @param mean          mean cross-entropy over {@code windows} windows of {@code seqLen} tokens
     * @param batchStd      standard deviation of the per-batch mean loss (batches of the training batch size, each
     *                      of windows spread over the whole split as random sampling spreads them: batch b holds
     *                      windows b, b + batches, b + 2·batches, …; neighbouring windows share a scene and a
     *                      speaker: batches of them scattered 1.6× more on the reference's split, 0.021 vs 0.013)
     * @param estimateError standard error of a mean over {@code evalIters} such batches: batchStd / √evalIters
     */
    public record Estimate(double mean, int windows, double batchStd, double estimateError, int evalIters) {
    }

    /** Evaluates {@code weights} (not modified) on every whole window of {@code val}, {@code batchSize} windows per pass. */
    public static Estimate wholeSplit(GptConfig model, int seqLen, int batchSize, int evalIters, int[] val,
                                      Map<String, INDArray> weights) {
        int windows = (val.length - 1) / seqLen;
        int batches = windows / batchSize;
        if (batches < 2) {
            throw new IllegalArgumentException("validation split too small: " + windows + " windows of " + seqLen);
        }
        var evaluator = new BatchLoss(GptGraph.build(model, seqLen, false, weights), null);
        double sum = 0;
        double sumSq = 0;
        for (int b = 0; b < batches; b++) {
            int[][] x = new int[batchSize][seqLen];
            int[][] y = new int[batchSize][seqLen];
            for (int i = 0; i < batchSize; i++) {
                int start = (i * batches + b) * seqLen;   // windows spread over the split, like random draws
                System.arraycopy(val, start, x[i], 0, seqLen);
                System.arraycopy(val, start + 1, y[i], 0, seqLen);
            }
            double loss = evaluator.loss(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
            sum += loss;
            sumSq += loss * loss;
        }
        double mean = sum / batches;
        double std = Math.sqrt(Math.max(0, (sumSq - batches * mean * mean) / (batches - 1)));
        return new Estimate(mean, batches * batchSize, std, std / Math.sqrt(evalIters), evalIters);
    }
}
