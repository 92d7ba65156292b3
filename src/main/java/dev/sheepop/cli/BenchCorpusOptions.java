package dev.sheepop.cli;

import dev.sheepop.data.CorpusSource;
import dev.sheepop.tokenizer.TokenizerBenchmark;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The text a text benchmark runs on: {@code --data PATH}, or {@code --mb MB} of synthetic text (a picocli mixin). */
final class BenchCorpusOptions {
    @Option(names = "--data", paramLabel = "PATH", description = "A text file or dataset folder to use instead.")
    Path data;

    @Option(names = "--mb", paramLabel = "MB", defaultValue = "10",
            description = "Size of the synthetic text, without --data (default ${DEFAULT-VALUE}).")
    int megabytes;

    /** The documents; {@code --mb} must be in [1, maxMegabytes]. */
    List<String> documents(CommandSpec spec, int maxMegabytes) {
        Options.range(spec, "--mb", megabytes, 1, maxMegabytes);
        return data != null ? CorpusSource.read(data).documents() : TokenizerBenchmark.syntheticCorpus(megabytes << 20);
    }

    /** "PATH" or "10 MB of synthetic text". */
    String describe() {
        return data != null ? data.toString() : megabytes + " MB of synthetic text";
    }
}
