package dev.sheepop.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

import static dev.sheepop.config.ConfigException.check;

/**
 * Everything a training run needs, in SheepOp's config.json layout: model / tokenizer / training / data / device /
 * seed.
 */
@JsonPropertyOrder({"model", "tokenizer", "training", "data", "device", "seed"})
public record RunConfig(
        @JsonProperty("model") GptConfig model,
        @JsonProperty("tokenizer") TokenizerConfig tokenizer,
        @JsonProperty("training") TrainConfig training,
        @JsonProperty("data") DataConfig data,
        @JsonProperty("device") Device device,
        @JsonProperty("seed") long seed) {

    public enum Device {
        CPU, CUDA, AUTO;

        @JsonValue
        public String json() {
            return name().toLowerCase();
        }
    }

    public RunConfig {
        check(model != null, "model", "missing");
        check(tokenizer != null, "tokenizer", "missing");
        check(training != null, "training", "missing");
        check(data != null, "data", "missing");
        check(device != null, "device", "must be cpu, cuda or auto");
        check(data.maxLength() <= model.maxSeqLen(), "data.max_length",
                "must be <= model.max_seq_len=" + model.maxSeqLen() + ", got " + data.maxLength());
    }

    public static RunConfig defaults() {
        return new RunConfig(GptConfig.defaults(), TokenizerConfig.bpe(2048), TrainConfig.defaults(), DataConfig.defaults(), Device.AUTO, 1337);
    }

    public RunConfig withModel(GptConfig m) {
        return new RunConfig(m, tokenizer, training, data, device, seed);
    }

    public RunConfig withTraining(TrainConfig t) {
        return new RunConfig(model, tokenizer, t, data, device, seed);
    }

    public RunConfig withData(DataConfig d) {
        return new RunConfig(model, tokenizer, training, d, device, seed);
    }

    public RunConfig withDevice(Device d) {
        return new RunConfig(model, tokenizer, training, data, d, seed);
    }

    public RunConfig withTokenizer(TokenizerConfig t) {
        return new RunConfig(model, t, training, data, device, seed);
    }

    public RunConfig withSeed(long s) {
        return new RunConfig(model, tokenizer, training, data, device, s);
    }
}
