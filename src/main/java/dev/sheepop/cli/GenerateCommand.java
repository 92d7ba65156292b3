package dev.sheepop.cli;

import dev.sheepop.common.UserException;
import dev.sheepop.generate.GenerationBenchmark;
import dev.sheepop.generate.Generator;
import dev.sheepop.generate.SamplingSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/** {@code sheepop generate}: text from a checkpoint, printed as it is produced. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate text from a checkpoint (or a run folder: its best checkpoint), printed as it comes.",
                "Sampling: repetition penalty, temperature, top-k, top-p, then a draw seeded by --seed.",
                "The prompt comes from --prompt, --prompt-file or standard input."},
        footer = {"", "Context: a prompt keeps its last max_seq_len tokens; a full context is cut to its last max_seq_len/2 tokens "
                        + "and prefilled again (both paths; see docs/generation.md).",
                "Example: sheepop generate --checkpoint sample-data/checkpoint --prompt 'ROMEO:' --max-length 200 --seed 7",
                "", "Exit status: 0 done, 1 bad checkpoint, setting or prompt file, 2 usage error."})
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "CKPT", description = "Checkpoint folder or run folder.")
    Path checkpoint;

    static final class PromptSource {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "The prompt.")
        String text;
        @Option(names = "--prompt-file", paramLabel = "FILE", description = "Read the prompt from a UTF-8 file.")
        Path file;
    }

    @ArgGroup(exclusive = true)
    PromptSource prompt = new PromptSource();

    @Option(names = "--max-length", defaultValue = "200", paramLabel = "N", description = "New tokens at most (default ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--temperature", defaultValue = "0.8", paramLabel = "T", description = "0 = greedy (default ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "50", paramLabel = "K", description = "Keep the K most likely tokens, 0 = off (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--top-p", defaultValue = "0.95", paramLabel = "P", description = "Nucleus in (0, 1], 1 = off (default ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--repetition-penalty", defaultValue = "1.0", paramLabel = "R", description = "In [1, 10], 1 = off (default ${DEFAULT-VALUE}).")
    double repetitionPenalty;

    @Option(names = "--seed", defaultValue = "1337", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--stop", paramLabel = "STR", description = "Stop before this text (repeatable).")
    List<String> stops = new ArrayList<>();

    @Option(names = "--no-cache", description = "Standard path: the full SameDiff forward for every token (slow).")
    boolean noCache;

    @Option(names = "--optimized", hidden = true,
            description = "Accepted and ignored: the KV-cache path is the default (SheepOp's original CLI had this switch).")
    boolean optimized;

    @Option(names = "--show-probs", description = {"After the text, one line per generated token: the probability it was drawn",
            "with, the model's raw probability, and the 5 likeliest alternatives."})
    boolean showProbs;

    @Option(names = "--show-copying", description = {"After the text: the longest span copied verbatim from the training corpus,",
            "and every copied span of --copy-min characters or more, with the file it came from."})
    boolean showCopying;

    @Option(names = "--copy-min", paramLabel = "N", defaultValue = "40",
            description = "Report copied spans of at least N characters (default ${DEFAULT-VALUE}).")
    int copyMin;

    @Option(names = "--data", paramLabel = "PATH",
            description = "The corpus for --show-copying (default: the data_dir in the checkpoint's config).")
    Path data;

    @Option(names = "--interactive", description = {"Load the model once, then read prompts from standard input, one per line,",
            "until end of input. Prompts that share a beginning reuse its keys and values (the prompt cache)."})
    boolean interactive;

    @Option(names = "--benchmark", description = "Time the cached and the standard path on this prompt instead of printing text.")
    boolean benchmark;

    @Option(names = "--quiet", description = "No statistics line on standard error.")
    boolean quiet;

    /** Standard input (tests replace it). */
    InputStream stdin = System.in;

    @Override
    public Integer call() throws IOException {
        Options.range(spec, "--copy-min", copyMin, 1, 1_000_000);
        if (interactive && (prompt.text != null || prompt.file != null || benchmark)) {
            throw Options.usage(spec, "--interactive reads its prompts from standard input: leave out --prompt, --prompt-file and --benchmark");
        }
        SamplingSettings settings;
        try {
            settings = new SamplingSettings(maxLength, temperature, topK, topP, repetitionPenalty, seed, stops, !noCache);
        } catch (UserException e) {           // a sampling option out of range: a usage error, before any model loads
            throw Options.usage(spec, e.getMessage());
        }
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (interactive) {
            return interactive(open(checkpoint), settings);
        }
        String text = readPrompt();
        Generator generator = open(checkpoint);
        var unknown = generator.unknownCharacters(text);
        if (!unknown.isEmpty()) {
            err.println("warning: " + unknown.size() + " prompt character(s) not in the vocabulary, read as <unk>: "
                    + unknown.stream().map(GenerateCommand::show).collect(Collectors.joining(" ")));
        }
        if (benchmark) {
            var report = GenerationBenchmark.run(generator, new GenerationBenchmark.Settings(text, maxLength, 2, 5, true, seed),
                    err::println);
            out.printf("cached: %.0f tokens/s, standard: %.0f tokens/s (%.1fx), prefill: %.0f tokens/s (median of %d)%n",
                    report.cachedTokensPerSecond(), report.standardTokensPerSecond(), report.speedup(),
                    report.prefillTokensPerSecond(), report.trials());
            return Cli.OK;
        }
        var cancel = new AtomicBoolean();
        var done = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {                        // Ctrl-C: stop cleanly, print the statistics
            cancel.set(true);
            try {
                done.await(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "generate-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.print(text);
            out.flush();
            var tokens = new java.util.ArrayList<dev.sheepop.generate.TokenChoice>();
            dev.sheepop.generate.GenerationListener print = piece -> {
                out.print(piece);
                out.flush();
            };
            var result = generator.generate(text, settings,
                    showProbs ? dev.sheepop.generate.GenerationListener.withTokens(print::onText, tokens::add) : print, cancel);
            out.println();
            if (showProbs) {
                out.println();
                out.print(TokenTable.format(tokens));
            }
            if (showCopying) {
                var index = dev.sheepop.insight.Memorisation.index(copyingCorpus());
                out.println();
                out.println(dev.sheepop.insight.Memorisation.report(result.text(), index.find(result.text(), copyMin)));
            }
            out.flush();
            if (!quiet) {
                err.printf("[%d tokens, %.0f tokens/s, prefill %d tokens at %.0f tokens/s%s, %s, stop: %s]%n",
                        result.tokens().length, result.tokensPerSecond(), result.promptTokens(),
                        result.prefillTokensPerSecond(),
                        result.cachedPromptTokens() > 0 ? " (" + result.cachedPromptTokens() + " cached)" : "",
                        settings.useCache() ? "cached" : "standard", result.stopReason().name().toLowerCase());
            }
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl-C): the hook has run
            }
        }
        return Cli.OK;
    }

    /** One generation per line of standard input; the model and its prompt cache stay loaded. */
    private int interactive(Generator generator, SamplingSettings settings) throws IOException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (!quiet) {
            err.println("Reading prompts from standard input, one per line; end of input (Ctrl-D) ends.");
        }
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(stdin, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            out.print(line);
            out.flush();
            var result = generator.generate(line, settings, piece -> {
                out.print(piece);
                out.flush();
            }, null);
            out.println();
            out.flush();
            if (!quiet) {
                err.printf("[%d tokens, %.0f tokens/s, prompt %d tokens, %d from the prompt cache, stop: %s]%n",
                        result.tokens().length, result.tokensPerSecond(), result.promptTokens(), result.cachedPromptTokens(),
                        result.stopReason().name().toLowerCase());
            }
        }
        if (!quiet && generator.promptCache() != null) {
            err.println("[prompt cache: " + generator.promptCache().stats().describe() + "]");
        }
        return Cli.OK;
    }

    /** The corpus --show-copying compares with: --data, else the checkpoint's data_dir. */
    private dev.sheepop.data.Corpus copyingCorpus() {
        Path path = data != null ? data : Path.of(dev.sheepop.checkpoint.Checkpoints.load(checkpoint).config().data().dataDir());
        if (!Files.exists(path)) {
            throw new UserException("No corpus to compare with: " + path + " does not exist (give it with --data)");
        }
        return dev.sheepop.data.CorpusSource.read(path);
    }

    private String readPrompt() throws IOException {
        if (prompt.text != null) {
            return prompt.text;
        }
        if (prompt.file != null) {
            if (!Files.isRegularFile(prompt.file)) {
                throw new UserException("Prompt file not found: " + prompt.file);
            }
            try {
                return Files.readString(prompt.file, StandardCharsets.UTF_8);
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new UserException("Prompt file " + prompt.file + " is not valid UTF-8 text");
            }
        }
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String show(String ch) {
        int cp = ch.codePointAt(0);
        return Character.isISOControl(cp) || Character.isWhitespace(cp) ? String.format("U+%04X", cp) : "'" + ch + "'";
    }

    static Generator open(Path checkpoint) {
        return Generator.open(checkpoint);
    }
}
