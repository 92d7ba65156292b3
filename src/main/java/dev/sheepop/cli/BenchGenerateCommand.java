package dev.sheepop.cli;

import dev.sheepop.generate.GenerationBenchmark;
import dev.sheepop.generate.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sheepop bench generate}: cached vs standard decoding speed, medians over several trials. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Measure generation speed: the cached (KV-cache) and the standard (full forward) path.",
                "Warm-up runs are discarded; medians of several trials; prefill timed separately.",
                "Without --checkpoint: a randomly initialised model of the reference size (4 layers, 128 wide)."},
        footer = {"", "Example: sheepop bench generate --checkpoint sample-data/checkpoint --new-tokens 500"})
public final class BenchGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "CKPT", description = "Checkpoint folder or run folder (its best).")
    Path checkpoint;

    @Option(names = "--new-tokens", defaultValue = "500", paramLabel = "N", description = "New tokens per trial (default ${DEFAULT-VALUE}).")
    int newTokens;

    @Option(names = "--trials", defaultValue = "7", paramLabel = "N", description = "Measured trials of the cached path (default ${DEFAULT-VALUE}; the standard path runs at most 3).")
    int trials;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "N", description = "Discarded warm-up runs (default ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--no-standard", description = "Skip the slow standard path.")
    boolean noStandard;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt (default: a one-line Shakespeare prompt).")
    String prompt;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        Options.range(spec, "--new-tokens", newTokens, 1, 1_000_000);
        Options.range(spec, "--trials", trials, 1, 1000);
        Options.range(spec, "--warmup", warmups, 0, 1000);
        Generator generator = checkpoint == null ? GenerationBenchmark.referenceModel(1337) : GenerateCommand.open(checkpoint);
        var cfg = generator.config();
        out.printf("model: %s, %d layers, d_model %d, %d heads, d_ff %d, max_seq_len %d, vocab %d (%,d parameters)%n",
                checkpoint == null ? "random reference model" : checkpoint, cfg.numLayers(), cfg.dModel(), cfg.numHeads(),
                cfg.dFf(), cfg.maxSeqLen(), cfg.vocabSize(), cfg.parameterCount());
        var ref = GenerationBenchmark.Settings.reference();
        var settings = new GenerationBenchmark.Settings(prompt == null ? ref.prompt() : prompt, newTokens, warmups,
                trials, !noStandard, ref.seed());
        var report = GenerationBenchmark.run(generator, settings, out::println);
        out.printf("%nnew tokens per trial: %d, prompt tokens: %d, trials: %d (cached), %d (standard)%n",
                report.newTokens(), report.promptTokens(), report.cachedTrials().size(), report.standardTrials().size());
        out.printf("cached   (KV cache, plain Java): %,10.0f tokens/s (median), prefill %,10.0f tokens/s%n",
                report.cachedTokensPerSecond(), report.prefillTokensPerSecond());
        out.printf("         within the window (steps only, no re-prefill): %,.0f tokens/s%n", report.windowTokensPerSecond());
        out.printf("         the generating thread had %.0f%% of a core (machine load): %,.0f tokens per CPU-second%n",
                100 * report.cachedCpuShare(), report.cachedTokensPerCpuSecond());
        if (!noStandard) {
            out.printf("standard (full SameDiff forward): %,9.0f tokens/s (median), prefill %,10.0f tokens/s%n",
                    report.standardTokensPerSecond(), report.standardPrefillTokensPerSecond());
            out.printf("speed-up: %.1fx%n", report.speedup());
        }
        out.printf("targets: >= 4,500 tokens/s cached (%s), >= 10x standard (%s)%n",
                report.cachedTokensPerSecond() >= 4500 ? "met" : "NOT met",
                noStandard ? "not run" : report.speedup() >= 10 ? "met" : "NOT met");
        return Cli.OK;
    }
}
