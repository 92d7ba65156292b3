package dev.sheepop.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@code sheepop bench tokenizer} measures: the time to learn a BPE vocabulary from a corpus and the speed of
 * encoding it, as medians over rounds (the first encoding, which fills the piece cache from empty, counts as a
 * round like the others: each round encodes with a fresh tokenizer copy).
 */
public final class TokenizerBenchmark {
    /** The figures: corpus size, median learning seconds, median encoding MB/s, characters per token. */
    public record Result(long bytes, long characters, int vocabSize, List<Double> learnSeconds, List<Double> encodeMbPerSecond,
                         long tokens) {
        public double medianLearnSeconds() {
            return median(learnSeconds);
        }

        public double medianEncodeMbPerSecond() {
            return median(encodeMbPerSecond);
        }

        public double charactersPerToken() {
            return tokens == 0 ? 0 : (double) characters / tokens;
        }
    }

    private TokenizerBenchmark() {
    }

    /** Synthetic text of about {@code bytes} bytes (see {@link BenchText}). */
    public static List<String> syntheticCorpus(int bytes) {
        return List.of(BenchText.generate(bytes, 7));
    }

    /** Learns a {@code vocabSize} vocabulary from {@code documents} {@code rounds} times and encodes them with each. */
    public static Result run(List<String> documents, int vocabSize, int rounds, Consumer<String> log) {
        long bytes = 0;
        long chars = 0;
        for (String d : documents) {
            bytes += d.getBytes(StandardCharsets.UTF_8).length;
            chars += d.codePointCount(0, d.length());
        }
        var learn = new ArrayList<Double>();
        var encode = new ArrayList<Double>();
        long tokens = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            BpeTokenizer tok = new BpeTrainer(vocabSize, 2).train(documents, BpeTrainer.Progress.NONE, () -> false);
            long t1 = System.nanoTime();
            tokens = 0;
            for (String d : documents) {
                tokens += tok.encode(d).length;
            }
            long t2 = System.nanoTime();
            learn.add((t1 - t0) / 1e9);
            encode.add(bytes / 1e6 / ((t2 - t1) / 1e9));
            log.accept(String.format(java.util.Locale.ROOT, "round %d: learned %,d tokens in %.2f s, encoded %.1f MB at %.1f MB/s",
                    r + 1, tok.vocabSize(), learn.get(r), bytes / 1e6, encode.get(r)));
        }
        return new Result(bytes, chars, vocabSize, learn, encode, tokens);
    }

    static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
