package dev.sheepop.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * state.json: where the trainer stands, enough to continue exactly. Batches are a pure function of
 * (seed, step), so the step is the data position and the RNG state; dropout masks are drawn the same way.
 */
public record TrainingState(
        @JsonProperty("step") long step,
        @JsonProperty("epoch") int epoch,
        @JsonProperty("optimizer_steps") long optimizerSteps,
        @JsonProperty("loss_scale") double lossScale,
        @JsonProperty("loss_scale_good_steps") int lossScaleGoodSteps,
        @JsonProperty("best_val_loss") Double bestValLoss,
        @JsonProperty("tokens_seen") long tokensSeen,
        @JsonProperty("elapsed_seconds") double elapsedSeconds,
        @JsonProperty("seed") long seed) {
}
