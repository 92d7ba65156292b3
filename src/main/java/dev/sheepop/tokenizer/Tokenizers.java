package dev.sheepop.tokenizer;

import dev.sheepop.config.TokenizerConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Makes the tokenizer a {@link TokenizerConfig} asks for. */
public final class Tokenizers {
    private Tokenizers() {
    }

    /**
     * A character tokenizer over the characters of both parts (its alphabet: nothing of the validation text is
     * learned), a BPE tokenizer learned from {@code train} only, or the tokenizer.json named by {@code file}.
     */
    public static Tokenizer create(TokenizerConfig config, List<String> train, List<String> val,
                                   BpeTrainer.Progress progress, BooleanSupplier cancelled) {
        if (config.file() != null) {
            return TokenizerIO.load(Path.of(config.file()));
        }
        if (config.type() == TokenizerConfig.Type.CHAR) {
            var all = new ArrayList<String>(train);
            all.addAll(val);
            return CharTokenizer.fit(all);
        }
        return new BpeTrainer(config.vocabSize(), config.minFrequency()).train(train, progress, cancelled);
    }

    /** The config that describes an existing tokenizer (for checkpoints written before the tokenizer section). */
    public static TokenizerConfig describe(Tokenizer tokenizer) {
        return tokenizer instanceof BpeTokenizer ? TokenizerConfig.bpe(Math.max(TokenizerConfig.MIN_BPE_VOCAB,
                Math.min(TokenizerConfig.MAX_BPE_VOCAB, tokenizer.vocabSize()))) : TokenizerConfig.chars();
    }
}
