package dev.sheepop.data;

import dev.sheepop.config.TokenizerConfig;
import dev.sheepop.tokenizer.BpeTrainer;
import dev.sheepop.tokenizer.CharTokenizer;
import dev.sheepop.tokenizer.Tokenizer;
import dev.sheepop.tokenizer.Tokenizers;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A corpus as token streams: the training and validation parts of its text ({@link TextSplit}), each encoded as
 * one stream with the tokenizer's end-of-text token between documents, plus the characters (code points) of each
 * part, the unit of bits per character; {@code datasetDir} is the dataset folder it came from (null for a plain file),
 * where its caches live.
 */
public record TrainingData(Tokenizer tokenizer, int[] train, int[] val, long trainChars, long valChars,
                           String corpusHash, String source, java.nio.file.Path datasetDir) {

    /**
     * Splits the corpus, makes the tokenizer {@code config} asks for (a BPE tokenizer learns from the training part
     * only) and encodes both parts. A dataset folder caches the tokenizer and the token ids ({@link TokenCache}).
     */
    public static TrainingData prepare(Corpus corpus, TokenizerConfig config, double valFraction,
                                       BpeTrainer.Progress progress, BooleanSupplier cancelled) {
        TextSplit split = TextSplit.of(corpus.documents(), valFraction);
        var cache = TokenCache.of(corpus);
        Tokenizer tokenizer = cache.tokenizer(config, valFraction,
                () -> Tokenizers.create(config, split.train(), split.val(), progress, cancelled));
        return encode(corpus, split, tokenizer, valFraction, cache, progress);
    }

    /**
     * The tokenizer a run with {@code config} would use on this corpus (learned from its training part, from the
     * dataset's cache when it was learned before), without encoding the corpus: for the tokenizer lab.
     */
    public static Tokenizer tokenizer(Corpus corpus, TokenizerConfig config, double valFraction, BpeTrainer.Progress progress,
                                      BooleanSupplier cancelled) {
        TextSplit split = TextSplit.of(corpus.documents(), valFraction);
        return TokenCache.of(corpus).tokenizer(config, valFraction,
                () -> Tokenizers.create(config, split.train(), split.val(), progress, cancelled));
    }

    /** Tokenizes the corpus with an existing tokenizer (resume, fine-tuning) and splits it. */
    public static TrainingData of(Corpus corpus, Tokenizer tokenizer, double valFraction) {
        TextSplit split = TextSplit.of(corpus.documents(), valFraction);
        return encode(corpus, split, tokenizer, valFraction, TokenCache.of(corpus), BpeTrainer.Progress.NONE);
    }

    /** A character tokenizer fitted to the whole corpus (its alphabet), then split: the reference workload's way. */
    public static TrainingData of(Corpus corpus, double valFraction) {
        return of(corpus, CharTokenizer.fit(corpus.documents()), valFraction);
    }

    private static TrainingData encode(Corpus corpus, TextSplit split, Tokenizer tokenizer, double valFraction,
                                       TokenCache cache, BpeTrainer.Progress progress) {
        progress.update("encoding", 0);
        int[] train = cache.tokens(tokenizer, valFraction, "train", () -> tokenStream(split.train(), tokenizer));
        progress.update("encoding", 0.9);
        int[] val = cache.tokens(tokenizer, valFraction, "val", () -> tokenStream(split.val(), tokenizer));
        progress.update("encoding", 1);
        return new TrainingData(tokenizer, train, val, TextSplit.characters(split.train()), TextSplit.characters(split.val()),
                corpus.hash(), corpus.source(), corpus.datasetDir());
    }

    /** Documents → ids, with the end-of-text token between consecutive documents. */
    public static int[] tokenStream(List<String> documents, Tokenizer tokenizer) {
        var parts = new int[documents.size()][];
        int total = Math.max(0, documents.size() - 1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = tokenizer.encode(documents.get(i));
            total += parts[i].length;
        }
        int[] out = new int[total];
        int pos = 0;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out[pos++] = tokenizer.eos();
            }
            System.arraycopy(parts[i], 0, out, pos, parts[i].length);
            pos += parts[i].length;
        }
        return out;
    }

    /**
     * One line about the streams: "BPE tokenizer, 2,048 tokens: 301,234 training and 33,456 validation tokens, 3.33
     * characters per token".
     */
    public String summary() {
        String kind = tokenizer.type().equals("char") ? "character tokenizer" : "BPE tokenizer";
        return String.format(java.util.Locale.ROOT, "%s, %,d tokens: %,d training and %,d validation tokens, %.2f characters per token",
                kind, tokenizer.vocabSize(), train.length, val.length, charsPerToken());
    }

    /** True when the validation part holds at least one window of {@code seqLen + 1} tokens. */
    public boolean hasValidation(int seqLen) {
        return val.length > seqLen;
    }

    /**
     * Characters per token of the text a loss is measured on (validation when there is any, else training): the
     * factor from nats per token to bits per character, {@code bpc = loss / ln 2 / charsPerToken}. End-of-text tokens
     * count as tokens, not as characters.
     */
    public double charsPerToken() {
        boolean useVal = val.length > 0 && valChars > 0;
        long chars = useVal ? valChars : trainChars;
        long tokens = useVal ? val.length : train.length;
        return tokens == 0 || chars == 0 ? 1.0 : (double) chars / tokens;
    }

    /** Bits per character of a mean loss in nats per token (see {@link #charsPerToken()}). */
    public double bitsPerChar(double lossNats) {
        return lossNats / Math.log(2) / charsPerToken();
    }
}
