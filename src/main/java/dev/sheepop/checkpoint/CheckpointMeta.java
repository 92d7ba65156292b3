package dev.sheepop.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * meta.json of a checkpoint: what it is (format version, kind, step, epoch, losses) and what it belongs to
 * (tokenizer and corpus hashes). {@code val_loss} is NaN-free: null when there was no evaluation.
 */
public record CheckpointMeta(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("kind") String kind,
        @JsonProperty("step") long step,
        @JsonProperty("epoch") int epoch,
        @JsonProperty("train_loss") Double trainLoss,
        @JsonProperty("val_loss") Double valLoss,
        @JsonProperty("best_val_loss") Double bestValLoss,
        @JsonProperty("created") String created,
        @JsonProperty("tokenizer_hash") String tokenizerHash,
        @JsonProperty("corpus_hash") String corpusHash,
        @JsonProperty("parameter_count") long parameterCount,
        @JsonProperty("tokens_seen") long tokensSeen) {

    /** Version of the checkpoint folder layout this SheepOp writes (and the newest it reads). */
    public static final int FORMAT_VERSION = 1;

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
