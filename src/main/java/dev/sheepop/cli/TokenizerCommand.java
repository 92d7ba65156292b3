package dev.sheepop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheepop.common.AtomicWrite;
import dev.sheepop.common.Json;
import dev.sheepop.common.UserException;
import dev.sheepop.config.RunConfig;
import dev.sheepop.config.TokenizerConfig;
import dev.sheepop.data.Corpus;
import dev.sheepop.data.CorpusSource;
import dev.sheepop.data.TrainingData;
import dev.sheepop.tokenizer.Tokenizer;
import dev.sheepop.tokenizer.TokenizerIO;
import dev.sheepop.tokenizer.TokenizerLab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sheepop tokenizer}: compare tokenizers on a corpus, learn one, encode and decode with one. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = {"Compare tokenizers on your text, learn a BPE tokenizer.json, encode and decode.",
                "Bits per character, not loss per token, compare models with different tokenizers."},
        subcommands = {TokenizerCommand.Lab.class, TokenizerCommand.Learn.class, TokenizerCommand.Encode.class,
                TokenizerCommand.Decode.class})
public final class TokenizerCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A tokenizer.json file, or a checkpoint or run folder (its tokenizer). */

    @Command(name = "lab", mixinStandardHelpOptions = true,
            description = {"What each tokenizer does to a corpus: characters per token, learning time, frequent tokens,",
                    "and a passage cut at token boundaries. BPE learns from the training part (the first 90%), as a run does."},
            footer = {"", "Example: sheepop tokenizer lab --data datasets/my-notes --vocab 512,1024,2048,4096,8192"})
    static final class Lab implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "PATH", required = true, description = "A text file or a dataset folder.")
        Path data;

        @Option(names = "--vocab", paramLabel = "N,N", split = ",", defaultValue = "512,1024,2048,4096,8192",
                description = "BPE vocabulary sizes (default ${DEFAULT-VALUE}).")
        List<Integer> sizes;

        @Option(names = "--top", paramLabel = "N", defaultValue = "12", description = "Frequent tokens to show (default ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--context", paramLabel = "T", defaultValue = "64",
                description = "Context length for 'a context sees' (default ${DEFAULT-VALUE}).")
        int context;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            for (int v : sizes) {
                Options.range(spec, "--vocab", v, TokenizerConfig.MIN_BPE_VOCAB, TokenizerConfig.MAX_BPE_VOCAB);
            }
            Options.range(spec, "--top", top, 0, 1000);
            Options.range(spec, "--context", context, 1, 65536);
            var out = spec.commandLine().getOut();
            Corpus corpus = CorpusSource.read(data);
            double valFraction = RunConfig.defaults().data().valFraction();
            out.printf(Locale.ROOT, "Corpus: %s, %,d characters in %,d document(s)%n", data, corpus.characters(), corpus.documents().size());
            List<TokenizerLab.Row> rows;
            try (ProgressBar bar = ProgressBar.on(spec.commandLine().getErr())) {
                rows = TokenizerLab.compare(corpus.documents(), sizes, top,
                        (config, progress) -> TrainingData.tokenizer(corpus, config, valFraction, progress, () -> false),
                        (what, f) -> bar.update(Math.round(f * 1000), 1000, what), () -> false, bar::println);
            }
            out.printf(Locale.ROOT, "%n%-12s %8s %9s %12s %12s  %s%n", "TOKENIZER", "VOCAB", "LEARN", "TOKENS", "CHARS/TOKEN",
                    "A " + context + "-TOKEN CONTEXT SEES");
            for (var r : rows) {
                out.printf(Locale.ROOT, "%-12s %,8d %9s %,12d %12.2f  %,.0f characters%n", r.name(), r.tokenizer().vocabSize(),
                        r.config().type() == TokenizerConfig.Type.CHAR ? "-" : String.format(Locale.ROOT, "%.1f s", r.learnSeconds()),
                        r.tokens(), r.charactersPerToken(), context * r.charactersPerToken());
            }
            String passage = TokenizerLab.passage(corpus.documents(), 240);
            for (var r : rows) {
                if (top > 0) {
                    var sb = new StringBuilder();
                    for (var t : r.top()) {
                        sb.append(sb.isEmpty() ? "" : "  ").append('\'').append(TokenizerLab.visible(t.text())).append('\'')
                                .append(String.format(Locale.ROOT, " %.1f%%", 100.0 * t.count() / r.tokens()));
                    }
                    out.printf(Locale.ROOT, "%nMost frequent tokens, %s: %s%n", r.name(), sb);
                }
                var cut = new StringBuilder();
                for (var p : TokenizerLab.pieces(r.tokenizer(), passage)) {
                    cut.append('[').append(TokenizerLab.visible(p.text())).append(']');
                }
                out.printf(Locale.ROOT, "Passage, %s: %s%n", r.name(), cut);
            }
            out.println();
            out.println("Pick one for a run: \"tokenizer\": {\"type\": \"bpe\", \"vocab_size\": N} in config.json, or the Config pane.");
            out.flush();
            return Cli.OK;
        }
    }

    @Command(name = "learn", mixinStandardHelpOptions = true,
            description = {"Learn a byte-level BPE tokenizer from a text file or dataset folder and save it as a",
                    "Hugging Face tokenizer.json (use it with 'sheepop train --tokenizer FILE' or other tools)."},
            footer = {"", "Example: sheepop tokenizer learn --data datasets/my-notes --vocab 2048 --out tokenizer.json"})
    static final class Learn implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "PATH", required = true, description = "A text file or a dataset folder.")
        Path data;

        @Option(names = "--vocab", paramLabel = "N", defaultValue = "2048", description = "Vocabulary size (default ${DEFAULT-VALUE}).")
        int vocab;

        @Option(names = "--min-frequency", paramLabel = "N", defaultValue = "2",
                description = "Merge only pairs seen at least N times (default ${DEFAULT-VALUE}).")
        int minFrequency;

        @Option(names = "--all-text", description = "Learn from all of the text, not only the training part (the first 90%).")
        boolean allText;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "The tokenizer.json to write.")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Options.range(spec, "--vocab", vocab, TokenizerConfig.MIN_BPE_VOCAB, TokenizerConfig.MAX_BPE_VOCAB);
            Options.range(spec, "--min-frequency", minFrequency, 1, 1_000_000);
            var config = new TokenizerConfig(TokenizerConfig.Type.BPE, vocab, minFrequency, null);
            Corpus corpus = CorpusSource.read(data);
            double valFraction = allText ? 0 : RunConfig.defaults().data().valFraction();
            long t0 = System.nanoTime();
            Tokenizer tokenizer;
            try (ProgressBar bar = ProgressBar.on(spec.commandLine().getErr())) {
                tokenizer = TrainingData.tokenizer(corpus, config, valFraction,
                        (phase, f) -> bar.update(Math.round(f * 1000), 1000, phase), () -> false);
            }
            AtomicWrite.replace(out, tmp -> TokenizerIO.save(tokenizer, tmp));
            spec.commandLine().getOut().printf(Locale.ROOT, "Learned %,d tokens from %s in %.1f s: %s (sha256 %s)%n",
                    tokenizer.vocabSize(), allText ? "all of the text" : "the training part", (System.nanoTime() - t0) / 1e9,
                    out, tokenizer.hash().substring(0, 12));
            return Cli.OK;
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = "Print the token ids of a text (from --input or standard input) as a JSON array.",
            footer = {"", "Example: echo 'Hello, world' | sheepop tokenizer encode --tokenizer runs/x/checkpoints/best"})
    static final class Encode implements Callable<Integer> {
        @Mixin
        TokenizerInputOptions options;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Tokenizer tok = options.tokenizer();
            String text = new String(options.input(), StandardCharsets.UTF_8);
            var out = spec.commandLine().getOut();
            out.println(Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(tok.encode(text)));
            out.flush();
            return Cli.OK;
        }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Print the text of a JSON array of token ids (from --input or standard input).",
            footer = {"", "Example: sheepop tokenizer decode --tokenizer tokenizer.json --input ids.json"})
    static final class Decode implements Callable<Integer> {
        @Mixin
        TokenizerInputOptions options;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Tokenizer tok = options.tokenizer();
            JsonNode ids;
            try {
                ids = Json.mapper().readTree(options.input());
            } catch (IOException e) {
                throw new UserException("The input is not a JSON array of token ids: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (ids == null || !ids.isArray()) {
                throw new UserException("The input is not a JSON array of token ids");
            }
            int[] array = new int[ids.size()];
            for (int i = 0; i < array.length; i++) {
                JsonNode n = ids.get(i);
                if (!n.canConvertToInt() || n.asInt() < 0 || n.asInt() >= tok.vocabSize()) {
                    throw new UserException("Element " + i + " (" + n + ") is not a token id in [0, " + tok.vocabSize() + ")");
                }
                array[i] = n.asInt();
            }
            var out = spec.commandLine().getOut();
            out.print(tok.decode(array));
            out.flush();
            return Cli.OK;
        }
    }
}
