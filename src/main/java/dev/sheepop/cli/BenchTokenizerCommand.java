package dev.sheepop.cli;

import dev.sheepop.tokenizer.TokenizerBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sheepop bench tokenizer}: BPE learning time and encoding speed. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = {"Measure how long a byte-level BPE vocabulary takes to learn and how fast it encodes.",
                "Without --data: 10 MB of synthetic text (pseudo-words with a natural, Zipf-like frequency)."},
        footer = {"", "Example: sheepop bench tokenizer --vocab 4096 --rounds 3"})
public final class BenchTokenizerCommand implements Callable<Integer> {
    static final double LEARN_TARGET_SECONDS = 30;
    static final double ENCODE_TARGET_MB_S = 5;

    @Mixin
    BenchCorpusOptions corpus;

    @Option(names = "--vocab", paramLabel = "N", defaultValue = "4096", description = "Vocabulary size (default ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Rounds; medians are reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Options.range(spec, "--vocab", vocab, dev.sheepop.config.TokenizerConfig.MIN_BPE_VOCAB, dev.sheepop.config.TokenizerConfig.MAX_BPE_VOCAB);
        Options.range(spec, "--rounds", rounds, 1, 100);
        var out = spec.commandLine().getOut();
        List<String> docs = corpus.documents(spec, 1000);
        out.printf(Locale.ROOT, "Corpus: %s%n", corpus.describe());
        out.printf(Locale.ROOT, "Machine: %d cores%n", Runtime.getRuntime().availableProcessors());
        out.flush();
        var r = TokenizerBenchmark.run(docs, vocab, rounds, line -> {
            out.println(line);
            out.flush();
        });
        out.printf(Locale.ROOT, "%ntext:            %,d bytes, %,d characters%n", r.bytes(), r.characters());
        out.printf(Locale.ROOT, "learn BPE %,d:  %.2f s (median of %d)%n", vocab, r.medianLearnSeconds(), rounds);
        out.printf(Locale.ROOT, "encode:          %.1f MB/s (median of %d), %,d tokens, %.2f characters per token%n",
                r.medianEncodeMbPerSecond(), rounds, r.tokens(), r.charactersPerToken());
        double scaled = r.medianLearnSeconds() * (10e6 / r.bytes());
        out.println(verdict(r.bytes() >= 9_000_000 ? r.medianLearnSeconds() < LEARN_TARGET_SECONDS : scaled < LEARN_TARGET_SECONDS,
                String.format(Locale.ROOT, "learning from 10 MB in under %.0f s%s", LEARN_TARGET_SECONDS,
                        r.bytes() >= 9_000_000 ? "" : String.format(Locale.ROOT, " (scaled linearly from %.1f MB: %.1f s)", r.bytes() / 1e6, scaled))));
        out.println(verdict(r.medianEncodeMbPerSecond() >= ENCODE_TARGET_MB_S,
                String.format(Locale.ROOT, "encoding at %.0f MB/s or more", ENCODE_TARGET_MB_S)));
        out.flush();
        return Cli.OK;
    }

    private static String verdict(boolean ok, String what) {
        return (ok ? "PASS  " : "MISS  ") + what;
    }
}
