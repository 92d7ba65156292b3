package dev.sheepop.cli;

import dev.sheepop.common.FileTrees;
import dev.sheepop.config.Presets;
import dev.sheepop.config.TokenizerConfig;
import dev.sheepop.data.CorpusSource;
import dev.sheepop.train.TokenizerComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sheepop bench tokenizer-choice}: validation bits per character of one model per tokenizer, same training time. */
@Command(name = "tokenizer-choice", mixinStandardHelpOptions = true,
        description = {"Train the same model for the same wall-clock time with each tokenizer and compare the",
                "validation loss in bits per character (the whole validation split; lower is better)."},
        footer = {"", "Example: sheepop bench tokenizer-choice --data sample-data --minutes 3 --tokenizers char,bpe:1024,bpe:2048"})
public final class BenchTokenizerChoiceCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "PATH", required = true, description = "A text file, dataset folder or raw folder.")
    Path data;

    @Option(names = "--minutes", paramLabel = "M", defaultValue = "3", description = "Training time per tokenizer (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--tokenizers", paramLabel = "LIST", split = ",", defaultValue = "char,bpe:1024,bpe:2048",
            description = "Tokenizers to compare: char, bpe:N (default ${DEFAULT-VALUE}).")
    List<String> tokenizers;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "default",
            description = "The model and training settings (default ${DEFAULT-VALUE}).")
    String preset;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Options.range(spec, "--minutes", minutes, 0.1, 600);
        var configs = new ArrayList<TokenizerConfig>();
        for (String t : tokenizers) {
            String v = t.trim().toLowerCase(Locale.ROOT);
            if (v.equals("char")) {
                configs.add(TokenizerConfig.chars());
            } else if (v.startsWith("bpe:")) {
                try {
                    configs.add(TokenizerConfig.bpe(Integer.parseInt(v.substring(4))));
                } catch (RuntimeException e) {
                    throw Options.usage(spec, "--tokenizers: '" + t + "' is not char or bpe:N with N in [257, 65536]");
                }
            } else {
                throw Options.usage(spec, "--tokenizers: '" + t + "' is not char or bpe:N");
            }
        }
        var base = Presets.get(preset);
        var out = spec.commandLine().getOut();
        var corpus = CorpusSource.read(data, base.data(), Files.createTempDirectory("sheepop-ingest-"), e -> { });
        var m = base.model();
        out.printf(Locale.ROOT, "Data: %s, %,d characters; model: preset %s (%d layers, d_model %d, context %d), batch %d; %.1f min each%n",
                data, corpus.characters(), preset, m.numLayers(), m.dModel(), base.data().maxLength(), base.training().batchSize(), minutes);
        out.flush();
        Path work = Files.createTempDirectory("sheepop-tokenizer-choice-");
        List<TokenizerComparison.Entry> entries;
        try {
            entries = TokenizerComparison.run(corpus, base, configs, minutes * 60, work, line -> {
                out.println(line);
                out.flush();
            });
        } finally {
            FileTrees.delete(work);
        }
        out.printf(Locale.ROOT, "%n%-12s %7s %12s %10s %8s %10s %10s%n", "TOKENIZER", "VOCAB", "CHARS/TOKEN", "MS/STEP", "STEPS",
                "VAL LOSS", "BITS/CHAR");
        for (var e : entries) {
            out.printf(Locale.ROOT, "%-12s %,7d %12.2f %10.1f %,8d %10.4f %10.3f%n", e.name(), e.vocabSize(), e.charsPerToken(),
                    e.msPerStep(), e.steps(), e.valLoss(), e.bitsPerChar());
        }
        var best = entries.stream().min(java.util.Comparator.comparingDouble(TokenizerComparison.Entry::bitsPerChar)).orElseThrow();
        out.printf(Locale.ROOT, "Lowest bits per character for %.1f minutes of training: %s%n", minutes, best.name());
        out.flush();
        return Cli.OK;
    }

}
