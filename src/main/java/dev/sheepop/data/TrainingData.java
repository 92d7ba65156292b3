package dev.sheepop.data;

import dev.sheepop.tokenizer.CharTokenizer;
import dev.sheepop.tokenizer.Tokenizer;

import java.util.List;

/**
 * A corpus as one token stream (documents joined with {@link Tokenizer#EOS} between them), split by position:
 * the first {@code 1 - valFraction} of the tokens train, the rest validate (the reference's 90/10).
 */
public record TrainingData(Tokenizer tokenizer, int[] train, int[] val, String corpusHash, String source) {

    /** Fits a character tokenizer to the corpus and splits it. */
    public static TrainingData of(Corpus corpus, double valFraction) {
        return of(corpus, CharTokenizer.fit(String.join("", corpus.documents())), valFraction);
    }

    /** Tokenizes the corpus with an existing tokenizer (resume, fine-tuning) and splits it. */
    public static TrainingData of(Corpus corpus, Tokenizer tokenizer, double valFraction) {
        if (valFraction < 0 || valFraction >= 1) {
            throw new IllegalArgumentException("valFraction must be in [0, 1), got " + valFraction);
        }
        int[] stream = tokenStream(corpus.documents(), tokenizer);
        int split = (int) Math.round(stream.length * (1.0 - valFraction));
        return new TrainingData(tokenizer, java.util.Arrays.copyOfRange(stream, 0, split),
                java.util.Arrays.copyOfRange(stream, split, stream.length), corpus.hash(), corpus.source());
    }

    /** Documents → ids, with one EOS between consecutive documents. */
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
                out[pos++] = Tokenizer.EOS;
            }
            System.arraycopy(parts[i], 0, out, pos, parts[i].length);
            pos += parts[i].length;
        }
        return out;
    }

    /** True when the validation part holds at least one window of {@code seqLen + 1} tokens. */
    public boolean hasValidation(int seqLen) {
        return val.length > seqLen;
    }
}
