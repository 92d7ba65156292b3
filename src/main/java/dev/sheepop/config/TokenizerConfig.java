package dev.sheepop.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import static dev.sheepop.config.ConfigException.check;

/**
 * How text becomes tokens: {@code {"type": "bpe", "vocab_size": 2048, "min_frequency": 2}} learns a byte-level BPE
 * vocabulary from the training split; {@code {"type": "char"}} uses one token per character; {@code file} names an
 * existing Hugging Face tokenizer.json to use instead of learning one (then the size settings are not used).
 * {@code vocab_size} counts every token: the 256 bytes, the end-of-text token and the learned merges.
 */
public record TokenizerConfig(
        @JsonProperty("type") Type type,
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("min_frequency") int minFrequency,
        @JsonProperty("file") String file) {

    public static final int MIN_BPE_VOCAB = 257;
    public static final int MAX_BPE_VOCAB = 65_536;

    public enum Type {
        CHAR, BPE;

        @JsonValue
        public String json() {
            return name().toLowerCase();
        }
    }

    public TokenizerConfig {
        check(type != null, "type", "must be char or bpe");
        check(vocabSize >= MIN_BPE_VOCAB && vocabSize <= MAX_BPE_VOCAB, "vocab_size",
                "must be in [" + MIN_BPE_VOCAB + ", " + MAX_BPE_VOCAB + "] (the 256 bytes + the end-of-text token, up to 65,536), got "
                        + vocabSize);
        check(minFrequency >= 1 && minFrequency <= 1_000_000, "min_frequency", "must be in [1, 1000000], got " + minFrequency);
        check(file == null || !file.isBlank(), "file", "must be a path to a tokenizer.json or null");
        check(file == null || type == Type.BPE, "file", "a tokenizer.json file is a BPE tokenizer: set type to bpe");
    }

    public static TokenizerConfig chars() {
        return new TokenizerConfig(Type.CHAR, 2048, 2, null);
    }

    public static TokenizerConfig bpe(int vocabSize) {
        return new TokenizerConfig(Type.BPE, vocabSize, 2, null);
    }

    /** An existing tokenizer.json. */
    public static TokenizerConfig fromFile(String path) {
        return new TokenizerConfig(Type.BPE, 2048, 2, path);
    }

    public TokenizerConfig withVocabSize(int v) {
        return new TokenizerConfig(type, v, minFrequency, file);
    }

    /** A short description: "characters", "BPE 2,048", "tokenizer.json (path)". */
    public String describe() {
        if (file != null) {
            return "tokenizer file " + file;
        }
        return type == Type.CHAR ? "characters" : String.format("BPE %,d", vocabSize);
    }
}
