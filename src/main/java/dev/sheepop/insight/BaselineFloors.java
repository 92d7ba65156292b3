package dev.sheepop.insight;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sheepop.common.AtomicWrite;
import dev.sheepop.data.TrainingData;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * What a model must beat to have learned anything beyond token statistics: the validation cross-entropy of three
 * reference models fitted on the training tokens — uniform (every token equally likely: ln V), unigram (each token's
 * frequency) and bigram (the next token's frequency after the previous one) — with add-k smoothing, k chosen on the
 * training split (fitted on its first 90 %, scored on its last 10 %, from a fixed grid), then refitted on all of it.
 * In nats per token (the loss's unit) and bits per character (comparable across tokenizers).
 */
public record BaselineFloors(@JsonProperty("uniform") Floor uniform, @JsonProperty("unigram") Floor unigram,
                             @JsonProperty("bigram") Floor bigram) {
    /** One reference model's validation cross-entropy, and the smoothing it used (0 for uniform). */
    public record Floor(@JsonProperty("nats_per_token") double natsPerToken, @JsonProperty("bits_per_char") double bitsPerChar,
                        @JsonProperty("k") double k) {
    }

    /** The smoothing constants tried. */
    static final double[] K_GRID = {1e-4, 1e-3, 1e-2, 0.03, 0.1, 0.3, 1, 3};

    /** Fits on {@code data}'s training tokens and scores its validation tokens (the training tokens when there are none). */
    public static BaselineFloors of(TrainingData data) {
        int v = data.tokenizer().vocabSize();
        int[] train = data.train();
        int[] eval = data.val().length > 1 ? data.val() : train;
        double charsPerToken = data.charsPerToken();
        int cut = Math.max(1, (int) (train.length * 0.9));
        int[] fit = java.util.Arrays.copyOfRange(train, 0, cut);
        int[] dev = java.util.Arrays.copyOfRange(train, cut, train.length);
        double kUni = best(k -> unigram(fit, dev, v, k));
        double kBi = best(k -> bigram(fit, dev, v, k));
        double uniform = Math.log(v);
        double uni = unigram(train, eval, v, kUni);
        double bi = bigram(train, eval, v, kBi);
        return new BaselineFloors(floor(uniform, charsPerToken, 0), floor(uni, charsPerToken, kUni), floor(bi, charsPerToken, kBi));
    }

    /**
     * {@link #of}, kept in the dataset folder ({@code tokens/floors-<key>.json}, keyed by corpus, tokenizer and split)
     * so that it is computed once per dataset and tokenizer.
     */
    public static BaselineFloors cached(TrainingData data) {
        if (data.datasetDir() == null) {
            return of(data);
        }
        String key = dev.sheepop.common.Hashing.sha256(data.corpusHash() + "|" + data.tokenizer().hash() + "|"
                + data.train().length + "|" + data.val().length).substring(0, 20);
        java.nio.file.Path file = data.datasetDir().resolve(dev.sheepop.ingest.DatasetLayout.TOKENS).resolve("floors-" + key + ".json");
        var mapper = dev.sheepop.common.Json.mapper();
        if (java.nio.file.Files.isRegularFile(file)) {
            try {
                return mapper.readValue(file.toFile(), BaselineFloors.class);
            } catch (java.io.IOException | RuntimeException e) {
                // recomputed below
            }
        }
        BaselineFloors floors = of(data);
        try {
            AtomicWrite.replace(file, tmp -> mapper.writeValue(tmp.toFile(), floors));
        } catch (java.io.IOException e) {
            // a cache that cannot be written only costs the computation next time
        }
        return floors;
    }

    private static Floor floor(double nats, double charsPerToken, double k) {
        return new Floor(nats, nats / Math.log(2) / charsPerToken, k);
    }

    private static double best(java.util.function.DoubleUnaryOperator crossEntropy) {
        double bestK = K_GRID[0];
        double bestH = Double.POSITIVE_INFINITY;
        for (double k : K_GRID) {
            double h = crossEntropy.applyAsDouble(k);
            if (h < bestH) {
                bestH = h;
                bestK = k;
            }
        }
        return bestK;
    }

    /** Mean −ln P(t) over {@code eval}, P(t) = (count(t) + k) / (N + kV) from {@code fit}. */
    static double unigram(int[] fit, int[] eval, int v, double k) {
        long[] counts = new long[v];
        for (int t : fit) {
            counts[t]++;
        }
        double total = fit.length + k * v;
        double sum = 0;
        for (int t : eval) {
            sum -= Math.log((counts[t] + k) / total);
        }
        return eval.length == 0 ? Double.NaN : sum / eval.length;
    }

    /**
     * Mean −ln P(b | a) over the pairs of {@code eval} (its first token scored by the unigram model, as a bigram model
     * has no previous token for it), P(b | a) = (count(a b) + k) / (count(a ·) + kV) from {@code fit}.
     */
    static double bigram(int[] fit, int[] eval, int v, double k) {
        var pairs = new HashMap<Long, long[]>();
        long[] following = new long[v];
        for (int i = 0; i + 1 < fit.length; i++) {
            pairs.computeIfAbsent(((long) fit[i] << 32) | fit[i + 1], x -> new long[1])[0]++;
            following[fit[i]]++;
        }
        if (eval.length == 0) {
            return Double.NaN;
        }
        double sum = unigram(fit, new int[]{eval[0]}, v, k);
        for (int i = 0; i + 1 < eval.length; i++) {
            long[] c = pairs.get(((long) eval[i] << 32) | eval[i + 1]);
            sum -= Math.log(((c == null ? 0 : c[0]) + k) / (following[eval[i]] + k * v));
        }
        return sum / eval.length;
    }

    /** The floors from highest to lowest, with their names. */
    public List<java.util.Map.Entry<String, Floor>> named() {
        return List.of(java.util.Map.entry("uniform", uniform), java.util.Map.entry("unigram", unigram),
                java.util.Map.entry("bigram", bigram));
    }

    /**
     * Where a validation loss stands against the floors: "below the bigram floor by 0.42 bits/char", "above the bigram
     * floor by 0.10 bits/char (below the unigram floor by 0.80)", …, or "not better than uniform guessing".
     */
    public String standing(double valLoss, double charsPerToken) {
        double bits = valLoss / Math.log(2) / charsPerToken;
        double bi = bigram.bitsPerChar();
        double uni = unigram.bitsPerChar();
        double flat = uniform.bitsPerChar();
        if (bits < bi) {
            return String.format(Locale.ROOT, "below the bigram floor by %.2f bits/char", bi - bits);
        }
        if (bits < uni) {
            return String.format(Locale.ROOT, "above the bigram floor by %.2f bits/char (below the unigram floor by %.2f)",
                    bits - bi, uni - bits);
        }
        if (bits < flat) {
            return String.format(Locale.ROOT, "above the unigram floor by %.2f bits/char (below uniform guessing by %.2f)",
                    bits - uni, flat - bits);
        }
        return String.format(Locale.ROOT, "not better than uniform guessing (%.2f bits/char above it)", bits - flat);
    }

    /** "uniform 6.93, unigram 5.12, bigram 4.01 nats/token (3.69, 2.72, 2.13 bits/char)". */
    public String describe() {
        return String.format(Locale.ROOT, "uniform %.2f, unigram %.2f, bigram %.2f nats/token (%.2f, %.2f, %.2f bits/char)",
                uniform.natsPerToken(), unigram.natsPerToken(), bigram.natsPerToken(), uniform.bitsPerChar(),
                unigram.bitsPerChar(), bigram.bitsPerChar());
    }
}
