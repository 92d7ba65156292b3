package dev.sheepop.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * meta.json of a checkpoint: what it is (format version, kind, step, epoch, losses) and what it belongs to
 * (tokenizer and corpus hashes). {@code val_loss} is NaN-free: null when there was no evaluation.
 * {@code bits_per_char} is the validation loss (the training loss without validation text) per character of that
 * text, comparable across tokenizers; {@code chars_per_token} its conversion factor. Both are null in checkpoints of
 * format 1. {@code baseline_floors}: what token statistics alone reach on the run's data (null when unknown).
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
        @JsonProperty("tokens_seen") long tokensSeen,
        @JsonProperty("chars_per_token") Double charsPerToken,
        @JsonProperty("bits_per_char") Double bitsPerChar,
        @JsonProperty("baseline_floors") dev.sheepop.insight.BaselineFloors baselineFloors) {

    /**
     * Version of the checkpoint folder layout this SheepOp writes (and the newest it reads). 2: the tokenizer may be
     * a Hugging Face tokenizer.json (BPE); bits per character in meta.json.
     */
    public static final int FORMAT_VERSION = 2;

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
