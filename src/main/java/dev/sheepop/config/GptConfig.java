package dev.sheepop.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import static dev.sheepop.config.ConfigException.check;

/**
 * The shape of the decoder-only transformer (SheepOp LLM's original ModelConfig). JSON names are the original's, so its config files load.
 * {@code vocab_size = 0} means "take it from the tokenizer" and is resolved before a model is built.
 */
public record GptConfig(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("d_model") int dModel,
        @JsonProperty("num_layers") int numLayers,
        @JsonProperty("num_heads") int numHeads,
        @JsonProperty("d_ff") int dFf,
        @JsonProperty("max_seq_len") int maxSeqLen,
        @JsonProperty("dropout") double dropout,
        @JsonProperty("activation") Activation activation,
        @JsonProperty("positional_encoding") PositionalEncoding positionalEncoding,
        @JsonProperty("tie_embeddings") boolean tieEmbeddings,
        @JsonProperty("bias") boolean bias,
        @JsonProperty("norm_position") NormPosition normPosition) {

    /**
     * The MLP's activation: {@code gelu} is SameDiff's x·sigmoid(1.702x) (Hugging Face's "quick_gelu"); {@code gelu_tanh}
     * is GPT-2's own tanh approximation, 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))) ("gelu_new"; what llama.cpp computes);
     * {@code relu} is max(0, x).
     */
    public enum Activation {
        GELU, GELU_TANH, RELU;

        @JsonValue
        public String json() {
            return name().toLowerCase();
        }
    }

    /**
     * Where each block's LayerNorms sit: {@code pre} normalises the input of attention and of the MLP (GPT-2,
     * nanoGPT: x + Attn(LN(x)); trains stably without careful warm-up), {@code post} normalises after each residual
     * sum (the original Transformer and SheepOp's first design: LN(x + Attn(x))).
     */
    public enum NormPosition {
        PRE, POST;

        @JsonValue
        public String json() {
            return name().toLowerCase();
        }
    }

    public enum PositionalEncoding {
        LEARNED, SINUSOIDAL;

        @JsonValue
        public String json() {
            return name().toLowerCase();
        }
    }

    public GptConfig {
        check(vocabSize >= 0, "vocab_size", "must be >= 0 (0 = from the tokenizer), got " + vocabSize);
        check(dModel >= 1 && dModel <= 16384, "d_model", "must be in [1, 16384], got " + dModel);
        check(numLayers >= 1 && numLayers <= 128, "num_layers", "must be in [1, 128], got " + numLayers);
        check(numHeads >= 1, "num_heads", "must be >= 1, got " + numHeads);
        check(dModel % numHeads == 0, "num_heads",
                "d_model must be divisible by num_heads (d_model=" + dModel + ", num_heads=" + numHeads + ")");
        check(dFf >= 1, "d_ff", "must be >= 1, got " + dFf);
        check(maxSeqLen >= 2 && maxSeqLen <= 65536, "max_seq_len", "must be in [2, 65536], got " + maxSeqLen);
        check(dropout >= 0 && dropout < 1, "dropout", "must be in [0, 1), got " + dropout);
        check(activation != null, "activation", "must be gelu, gelu_tanh or relu");
        check(positionalEncoding != null, "positional_encoding", "must be learned or sinusoidal");
        check(normPosition != null, "norm_position", "must be pre or post");
    }

    public static GptConfig defaults() {
        return new GptConfig(0, 128, 4, 4, 512, 64, 0.0, Activation.GELU_TANH, PositionalEncoding.LEARNED, true, false, NormPosition.PRE);
    }

    public int headSize() {
        return dModel / numHeads;
    }

    public GptConfig withNormPosition(NormPosition n) {
        return new GptConfig(vocabSize, dModel, numLayers, numHeads, dFf, maxSeqLen, dropout, activation,
                positionalEncoding, tieEmbeddings, bias, n);
    }

    public GptConfig withBias(boolean b) {
        return new GptConfig(vocabSize, dModel, numLayers, numHeads, dFf, maxSeqLen, dropout, activation,
                positionalEncoding, tieEmbeddings, b, normPosition);
    }

    public GptConfig withVocabSize(int v) {
        return new GptConfig(v, dModel, numLayers, numHeads, dFf, maxSeqLen, dropout, activation,
                positionalEncoding, tieEmbeddings, bias, normPosition);
    }

    /** Trainable parameters (the learned position table included when positions are learned). */
    public long parameterCount() {
        long c = dModel;
        long f = dFf;
        long perLayer = 2 * c                      // ln1
                + c * 3 * c + (bias ? 3 * c : 0)    // qkv
                + c * c + (bias ? c : 0)            // attention output
                + 2 * c                             // ln2
                + c * f + (bias ? f : 0)            // mlp in
                + f * c + (bias ? c : 0);           // mlp out
        long embeddings = (long) vocabSize * c
                + (positionalEncoding == PositionalEncoding.LEARNED ? (long) maxSeqLen * c : 0);
        long head = tieEmbeddings ? 0 : c * vocabSize + (bias ? vocabSize : 0);
        return embeddings + numLayers * perLayer + 2 * c + head;
    }

    /** Training FLOPs per token at context length {@code t}: 6N + 12·L·C·T (N without position table). */
    public double trainingFlopsPerToken(int t) {
        long positions = positionalEncoding == PositionalEncoding.LEARNED ? (long) maxSeqLen * dModel : 0;
        return 6.0 * (parameterCount() - positions) + 12.0 * numLayers * dModel * t;
    }
}
