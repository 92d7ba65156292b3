package dev.sheepop.cli;

import picocli.CommandLine.Command;

/** {@code sheepop bench}: benchmarks of ingestion, training and generation. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure ingestion, tokenizer, training and generation speed on this machine.",
        subcommands = {BenchIngestCommand.class, BenchTrainCommand.class, BenchGenerateCommand.class, BenchTokenizerCommand.class,
                BenchTokenizerChoiceCommand.class, BenchIndexCommand.class, BenchStartupCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
