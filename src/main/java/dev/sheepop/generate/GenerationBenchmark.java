package dev.sheepop.generate;

import dev.sheepop.common.Medians;
import dev.sheepop.config.GptConfig;
import dev.sheepop.model.GptInit;
import dev.sheepop.tokenizer.CharTokenizer;
import dev.sheepop.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The honest generation benchmark: warm-up runs discarded, then several trials of each path, reporting
 * medians. Tokens per second cover everything after the prompt's prefill (sampling, steps, window re-prefills);
 * the prefill is timed separately, with the prompt cache cleared before every trial.
 */
public final class GenerationBenchmark {

    /** What to run. */
    public record Settings(String prompt, int newTokens, int warmups, int trials, boolean standard, long seed) {
        public Settings {
            if (newTokens < 1 || warmups < 0 || trials < 1) {
                throw new IllegalArgumentException("newTokens >= 1, warmups >= 0, trials >= 1");
            }
        }

        /** The reference workload: 500 new tokens from a one-line prompt; 5 warm-ups (the JIT), 7 trials, both paths. */
        public static Settings reference() {
            return new Settings("ROMEO: What light through yonder window breaks?", 500, 5, 7, true, 1337);
        }
    }

    /** Medians over the trials (tokens per second); the standard path's figures are NaN when it did not run. */
    public record Report(int newTokens, int trials, int promptTokens, double cachedTokensPerSecond,
                         double standardTokensPerSecond, double prefillTokensPerSecond,
                         double standardPrefillTokensPerSecond, List<Double> cachedTrials,
                         List<Double> standardTrials, double cachedCpuShare, double windowTokensPerSecond,
                         double cachedTokensPerCpuSecond) {
        // cachedCpuShare: median share of a core the generating thread got; cachedTokensPerCpuSecond: median
        // over the trials of tokens/s divided by that trial's share, i.e. the speed with a core to itself

        /** Cached over standard tokens/s (0 when the standard path was not run). */
        public double speedup() {
            return standardTokensPerSecond > 0 ? cachedTokensPerSecond / standardTokensPerSecond : 0;
        }
    }

    private GenerationBenchmark() {
    }

    /** The reference model (4 layers, 128 wide, 4 heads, d_ff 512, T 64; the shakespeare-char-cpu preset) with GPT-2 random weights. */
    public static Generator referenceModel(long seed) {
        String text = new String(Arrays.copyOf(ALPHABET.toCharArray(), 65));
        Tokenizer tokenizer = CharTokenizer.fit(text);
        GptConfig config = GptConfig.defaults().withVocabSize(tokenizer.vocabSize());
        return Generator.fromWeights(config, tokenizer, GptInit.initialWeights(config, seed));
    }

    private static final String ALPHABET = "\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static Report run(Generator generator, Settings s, Consumer<String> progress) {
        int[] prompt = generator.tokenizer().encode(s.prompt());
        var sampling = SamplingSettings.defaults().withMaxNewTokens(s.newTokens()).withSeed(s.seed());
        var cached = new ArrayList<Double>();
        var prefill = new ArrayList<Double>();
        var shares = new ArrayList<Double>();
        var perCpu = new ArrayList<Double>();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < s.warmups() + s.trials(); i++) {
            if (generator.promptCache() != null) {
                generator.promptCache().clear();
            }
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            var r = generator.generate(prompt, sampling, null, null, false);
            double share = (threads.getCurrentThreadCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);
            boolean warm = i < s.warmups();
            progress.accept(String.format("cached   %s %d: %,.0f tokens/s, prefill %,.0f tokens/s, CPU share %.0f%%",
                    warm ? "warm-up" : "trial  ", warm ? i + 1 : i - s.warmups() + 1, r.tokensPerSecond(),
                    r.prefillTokensPerSecond(), 100 * share));
            if (!warm) {
                cached.add(r.tokensPerSecond());
                prefill.add(r.prefillTokensPerSecond());
                shares.add(share);
                perCpu.add(r.tokensPerSecond() / share);
            }
        }
        // steps alone: one prompt token, then max_seq_len - 1 new tokens, so the window never slides
        var window = new ArrayList<Double>();
        int steps = generator.config().maxSeqLen() - 1;
        for (int i = 0; i < 20; i++) {
            var r = generator.generate(new int[]{prompt.length > 0 ? prompt[0] : generator.tokenizer().bos()},
                    sampling.withMaxNewTokens(steps), null, null, false);
            window.add(r.tokensPerSecond());
        }
        progress.accept(String.format("cached, within the window (%d new tokens from 1, no re-prefill): %,.0f tokens/s",
                steps, Medians.of(window)));
        var standard = new ArrayList<Double>();
        var standardPrefill = new ArrayList<Double>();
        if (s.standard()) {
            int warmups = Math.max(1, Math.min(1, s.warmups())); // one warm-up builds the graph of every length
            int trials = Math.max(1, Math.min(3, s.trials()));   // the slow path: at most 3 trials
            for (int i = 0; i < warmups + trials; i++) {
                var r = generator.generate(prompt, sampling.withCache(false), null, null, false);
                boolean warm = i < warmups;
                progress.accept(String.format("standard %s %d: %,.0f tokens/s, prefill %,.0f tokens/s",
                        warm ? "warm-up" : "trial  ", warm ? i + 1 : i - warmups + 1, r.tokensPerSecond(),
                        r.prefillTokensPerSecond()));
                if (!warm) {
                    standard.add(r.tokensPerSecond());
                    standardPrefill.add(r.prefillTokensPerSecond());
                }
            }
        }
        return new Report(s.newTokens(), s.trials(), Math.min(prompt.length, generator.config().maxSeqLen()),
                Medians.of(cached), Medians.of(standard), Medians.of(prefill), Medians.of(standardPrefill), cached, standard,
                Medians.of(shares), Medians.of(window), Medians.of(perCpu));
    }

}
