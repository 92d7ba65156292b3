package dev.sheepop.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.sheepop.config.ConfigException.check;

/**
 * How to train (SheepOp LLM's original TrainingConfig plus what it lacked). Training stops at {@code max_steps}
 * optimizer steps when that is > 0, else after {@code max_epochs} passes over the training windows.
 */
public record TrainConfig(
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("max_epochs") int maxEpochs,
        @JsonProperty("max_steps") int maxSteps,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("min_lr") double minLr,
        @JsonProperty("weight_decay") double weightDecay,
        @JsonProperty("beta1") double beta1,
        @JsonProperty("beta2") double beta2,
        @JsonProperty("warmup_steps") int warmupSteps,
        @JsonProperty("lr_decay_steps") int lrDecaySteps,
        @JsonProperty("max_grad_norm") double maxGradNorm,
        @JsonProperty("gradient_accumulation_steps") int gradientAccumulationSteps,
        @JsonProperty("use_amp") boolean useAmp,
        @JsonProperty("eval_interval") int evalInterval,
        @JsonProperty("eval_iters") int evalIters,
        @JsonProperty("checkpoint_interval") int checkpointInterval,
        @JsonProperty("keep_checkpoints") int keepCheckpoints,
        @JsonProperty("log_interval") int logInterval) {

    public TrainConfig {
        check(batchSize >= 1 && batchSize <= 65536, "batch_size", "must be in [1, 65536], got " + batchSize);
        check(maxEpochs >= 0, "max_epochs", "must be >= 0, got " + maxEpochs);
        check(maxSteps >= 0, "max_steps", "must be >= 0 (0 = train by epochs), got " + maxSteps);
        check(maxSteps > 0 || maxEpochs > 0, "max_steps", "max_steps or max_epochs must be > 0");
        check(learningRate > 0 && learningRate <= 1, "learning_rate", "must be in (0, 1], got " + learningRate);
        check(minLr >= 0 && minLr <= learningRate, "min_lr",
                "must be in [0, learning_rate=" + learningRate + "], got " + minLr);
        check(weightDecay >= 0 && weightDecay < 1, "weight_decay", "must be in [0, 1), got " + weightDecay);
        check(beta1 >= 0 && beta1 < 1, "beta1", "must be in [0, 1), got " + beta1);
        check(beta2 >= 0 && beta2 < 1, "beta2", "must be in [0, 1), got " + beta2);
        check(warmupSteps >= 0, "warmup_steps", "must be >= 0, got " + warmupSteps);
        check(lrDecaySteps >= 0, "lr_decay_steps", "must be >= 0 (0 = until the last step), got " + lrDecaySteps);
        check(maxGradNorm >= 0, "max_grad_norm", "must be >= 0 (0 = no clipping), got " + maxGradNorm);
        check(gradientAccumulationSteps >= 1 && gradientAccumulationSteps <= 1024, "gradient_accumulation_steps",
                "must be in [1, 1024], got " + gradientAccumulationSteps);
        check(evalInterval >= 1, "eval_interval", "must be >= 1, got " + evalInterval);
        check(evalIters >= 1, "eval_iters", "must be >= 1, got " + evalIters);
        check(checkpointInterval >= 0, "checkpoint_interval", "must be >= 0 (0 = only per epoch and at the end), got "
                + checkpointInterval);
        check(keepCheckpoints >= 1, "keep_checkpoints", "must be >= 1, got " + keepCheckpoints);
        check(logInterval >= 1, "log_interval", "must be >= 1, got " + logInterval);
    }

    public static TrainConfig defaults() {
        return new TrainConfig(12, 1, 2000, 1e-3, 1e-4, 0.1, 0.9, 0.99, 100, 0, 1.0, 1, false,
                250, 20, 500, 3, 10);
    }

    /** Train for {@code steps} optimizer steps (max_steps). */
    public TrainConfig withMaxSteps(int steps) {
        return toBuilder().maxSteps(steps).build();
    }

    /** Train for {@code epochs} epochs (max_epochs; max_steps set to 0). */
    public TrainConfig withMaxEpochs(int epochs) {
        return toBuilder().maxEpochs(epochs).maxSteps(0).build();
    }

    /** A builder holding these values, to change some of them; {@link Builder#build} validates the result. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sequences per optimizer step: batch_size × gradient_accumulation_steps. */
    public int effectiveBatchSize() {
        return batchSize * gradientAccumulationSteps;
    }

    /** Changes some values of a {@link TrainConfig}; every other value stays as it was. */
    public static final class Builder {
        private int batchSize;
        private int maxEpochs;
        private int maxSteps;
        private double learningRate;
        private double minLr;
        private double weightDecay;
        private double beta1;
        private double beta2;
        private int warmupSteps;
        private int lrDecaySteps;
        private double maxGradNorm;
        private int gradientAccumulationSteps;
        private boolean useAmp;
        private int evalInterval;
        private int evalIters;
        private int checkpointInterval;
        private int keepCheckpoints;
        private int logInterval;

        private Builder(TrainConfig c) {
            batchSize = c.batchSize;
            maxEpochs = c.maxEpochs;
            maxSteps = c.maxSteps;
            learningRate = c.learningRate;
            minLr = c.minLr;
            weightDecay = c.weightDecay;
            beta1 = c.beta1;
            beta2 = c.beta2;
            warmupSteps = c.warmupSteps;
            lrDecaySteps = c.lrDecaySteps;
            maxGradNorm = c.maxGradNorm;
            gradientAccumulationSteps = c.gradientAccumulationSteps;
            useAmp = c.useAmp;
            evalInterval = c.evalInterval;
            evalIters = c.evalIters;
            checkpointInterval = c.checkpointInterval;
            keepCheckpoints = c.keepCheckpoints;
            logInterval = c.logInterval;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder maxEpochs(int value) {
            maxEpochs = value;
            return this;
        }

        public Builder maxSteps(int value) {
            maxSteps = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder minLr(double value) {
            minLr = value;
            return this;
        }

        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        public Builder beta1(double value) {
            beta1 = value;
            return this;
        }

        public Builder beta2(double value) {
            beta2 = value;
            return this;
        }

        public Builder warmupSteps(int value) {
            warmupSteps = value;
            return this;
        }

        public Builder lrDecaySteps(int value) {
            lrDecaySteps = value;
            return this;
        }

        public Builder maxGradNorm(double value) {
            maxGradNorm = value;
            return this;
        }

        public Builder gradientAccumulationSteps(int value) {
            gradientAccumulationSteps = value;
            return this;
        }

        public Builder useAmp(boolean value) {
            useAmp = value;
            return this;
        }

        public Builder evalInterval(int value) {
            evalInterval = value;
            return this;
        }

        public Builder evalIters(int value) {
            evalIters = value;
            return this;
        }

        public Builder checkpointInterval(int value) {
            checkpointInterval = value;
            return this;
        }

        public Builder keepCheckpoints(int value) {
            keepCheckpoints = value;
            return this;
        }

        public Builder logInterval(int value) {
            logInterval = value;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(batchSize, maxEpochs, maxSteps, learningRate, minLr, weightDecay, beta1, beta2,
                    warmupSteps, lrDecaySteps, maxGradNorm, gradientAccumulationSteps, useAmp, evalInterval, evalIters,
                    checkpointInterval, keepCheckpoints, logInterval);
        }
    }
}
