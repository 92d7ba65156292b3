package dev.sheepop.cli;

import dev.sheepop.checkpoint.CheckpointMeta;
import dev.sheepop.checkpoint.CheckpointStore;
import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.checkpoint.TrainingState;
import dev.sheepop.common.RunLayout;
import dev.sheepop.config.Presets;
import dev.sheepop.config.RunConfig;
import dev.sheepop.model.GptInit;
import dev.sheepop.tokenizer.CharTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sheepop generate} on a real checkpoint written by the checkpoint store. */
class GenerateCommandTest {
    @TempDir
    static Path run;
    static Path best;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void writeCheckpoint() throws Exception {
        var tokenizer = CharTokenizer.fit("abcdefgh ijklmnop.\n");
        RunConfig config = Presets.tiny().withModel(Presets.tiny().model().withVocabSize(tokenizer.vocabSize()));
        var weights = GptInit.initialWeights(config.model(), 5);
        var meta = new CheckpointMeta(CheckpointMeta.FORMAT_VERSION, "best", 10, 0, 2.5, 2.7, 2.7,
                Instant.now().toString(), tokenizer.hash(), "corpus", config.model().parameterCount(), 1000, 1.0, 3.9, null);
        var state = new TrainingState(10, 0, 10, 1.0, 0, 2.7, 1000, 1.5, 1);
        best = new CheckpointStore(run, 2).write(meta,
                new CheckpointStore.Contents(config, tokenizer, weights, Map.of(), state, null), true);
    }

    int generate(String stdin, String... args) {
        var cl = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        var sub = cl.getSubcommands().get("generate");
        ((GenerateCommand) sub.getCommand()).stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        String[] all = new String[args.length + 1];
        all[0] = "generate";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    @Test
    void interactiveModeReadsPromptsUntilTheEndAndReusesSharedBeginnings() {
        assertEquals(0, generate("abc\nabc\nabcd e\n", "--checkpoint", run.toString(), "--interactive", "--max-length", "10",
                "--seed", "3"));
        String[] lines = out.toString().split("\\R");
        assertEquals(3, lines.length, out.toString());
        assertTrue(lines[0].startsWith("abc") && lines[2].startsWith("abcd e"), out.toString());
        assertEquals(lines[0], lines[1], "a prompt served from the cache continues exactly as before");
        String log = err.toString();
        assertTrue(log.contains("prompt 3 tokens, 0 from the prompt cache"), log);
        assertTrue(log.contains("prompt 3 tokens, 3 from the prompt cache"), log);
        assertTrue(log.contains("prompt 6 tokens, 3 from the prompt cache"), log);
        assertTrue(log.contains("[prompt cache: 2 hits of 3, 6 prompt tokens not prefilled"), log);
        assertEquals(2, generate("", "--checkpoint", run.toString(), "--interactive", "--prompt", "x"));
        // --optimized is accepted for SheepOp's original scripts and changes nothing, --no-cache included
        assertEquals(0, generate("", "--checkpoint", run.toString(), "--prompt", "a", "--optimized", "--no-cache", "--quiet"));
    }

    @Test
    void printsThePromptThenTheGeneratedTextTheSameForTheSameSeedOnBothPaths() {
        assertEquals(0, generate("", "--checkpoint", run.toString(), "--prompt", "abc", "--max-length", "30", "--seed", "3"));
        String first = out.toString();
        assertTrue(first.startsWith("abc"), first);
        assertTrue(err.toString().contains("tokens/s"), err.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, generate("", "--checkpoint", best.toString(), "--prompt", "abc", "--max-length", "30", "--seed", "3",
                "--no-cache", "--quiet"));
        assertEquals(first, out.toString());
    }

    @Test
    void readsThePromptFromAFileOrStandardInputAndWarnsAboutUnknownCharacters() throws Exception {
        Path file = run.resolve("prompt.txt");
        Files.writeString(file, "abcXY");
        assertEquals(0, generate("", "--checkpoint", run.toString(), "--prompt-file", file.toString(), "--max-length", "5",
                "--temperature", "0"));
        assertTrue(out.toString().startsWith("abcXY"), out.toString());
        assertEquals(1, err.toString().lines().filter(l -> l.startsWith("warning:")).count(), err.toString());
        assertTrue(err.toString().contains("'X' 'Y'"), err.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, generate("hello", "--checkpoint", run.toString(), "--max-length", "5", "--temperature", "0"));
        assertTrue(out.toString().startsWith("hello"), out.toString());

        Path latin1 = run.resolve("latin1.txt");
        Files.write(latin1, new byte[]{'c', 'a', 'f', (byte) 0xE9});
        err.getBuffer().setLength(0);
        assertEquals(Cli.FAILED, generate("", "--checkpoint", run.toString(), "--prompt-file", latin1.toString()));
        assertEquals("sheepop: Prompt file " + latin1 + " is not valid UTF-8 text", err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(Cli.FAILED, generate("", "--checkpoint", run.toString(), "--prompt-file", run.resolve("none.txt").toString()));
        assertEquals("sheepop: Prompt file not found: " + run.resolve("none.txt"), err.toString().strip());
    }

    @Test
    void badSettingsAndBadCheckpointsFailWithOneLine() throws Exception {
        assertEquals(Cli.USAGE, generate("", "--checkpoint", run.toString(), "--prompt", "a", "--top-p", "1.5"));
        assertTrue(err.toString().contains("top-p") && err.toString().contains("(0, 1]"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(Cli.FAILED, generate("", "--checkpoint", run.resolve("nope").toString(), "--prompt", "a"));
        assertTrue(err.toString().contains("nope"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());

        Path broken = Files.createDirectories(run.getParent().resolve(run.getFileName() + "-broken"));
        try (var files = Files.list(best)) {
            for (Path f : files.toList()) {
                Files.copy(f, broken.resolve(f.getFileName()));
            }
        }
        byte[] weights = Files.readAllBytes(broken.resolve(RunLayout.WEIGHTS));
        Files.write(broken.resolve(RunLayout.WEIGHTS), java.util.Arrays.copyOf(weights, weights.length / 2));
        err.getBuffer().setLength(0);
        assertEquals(Cli.FAILED, generate("", "--checkpoint", broken.toString(), "--prompt", "a"));
        assertTrue(err.toString().contains("weights.bin"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());

        Files.writeString(broken.resolve(RunLayout.CONFIG), "{\"model\": 42}");
        err.getBuffer().setLength(0);
        assertEquals(Cli.FAILED, generate("", "--checkpoint", broken.toString(), "--prompt", "a"));
        assertTrue(err.toString().contains("config.json"), err.toString());
    }
}
