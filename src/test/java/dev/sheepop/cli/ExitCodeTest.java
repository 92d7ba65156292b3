package dev.sheepop.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exit-status rule of every command: a bad command line (an unknown option, a value out of range, options that
 * exclude each other) exits 2 before any work starts; a failure while working (a missing or damaged file) exits 1;
 * both print one line that names the option or the file.
 */
class ExitCodeTest {
    @TempDir
    static Path dir;
    static String checkpoint;
    static String text;

    record Case(int code, String message, String... args) {
        @Override
        public String toString() {
            return String.join(" ", args) + " -> " + code;
        }
    }

    @BeforeAll
    static void files() throws Exception {
        checkpoint = Path.of("sample-data/checkpoint").toString();
        text = Files.writeString(dir.resolve("t.txt"), "some text to train on\n".repeat(20)).toString();
        Files.writeString(dir.resolve("bad.json"), "{\"model\": {\"d_modle\": 3}}");
    }

    static Stream<Case> cases() {
        var c = new ArrayList<Case>();
        // train: each option's bad values
        c.add(new Case(2, "--max-steps: must be >= 1, got 0", "train", "--max-steps", "0", "--print-config"));
        c.add(new Case(2, "--max-epochs: must be >= 1, got 0", "train", "--max-epochs", "0", "--print-config"));
        c.add(new Case(2, "--max-steps and --max-epochs exclude each other", "train", "--max-steps", "5", "--max-epochs", "1"));
        c.add(new Case(2, "--device: must be cpu, cuda or auto, got 'gpu'", "train", "--device", "gpu", "--print-config"));
        c.add(new Case(2, "--preset: unknown preset 'nope'", "train", "--preset", "nope"));
        c.add(new Case(2, "--threads: must be >= 1, got 0", "train", "--threads", "0", "--print-config"));
        c.add(new Case(2, "--tokenizer: 'bpe:x' is not bpe:N", "train", "--tokenizer", "bpe:x", "--print-config"));
        c.add(new Case(2, "--tokenizer bpe:N: must be in [257, 65,536], got 12", "train", "--tokenizer", "bpe:12", "--print-config"));
        c.add(new Case(2, "--tokenizer: 'nope.json' is not char, bpe, bpe:N or an existing tokenizer.json file", "train",
                "--tokenizer", "nope.json", "--print-config"));
        c.add(new Case(2, "Invalid value for option '--max-steps'", "train", "--max-steps", "many"));
        c.add(new Case(1, "Data not found: " + dir.resolve("missing.txt"), "train", "--data", dir.resolve("missing.txt").toString()));
        c.add(new Case(1, "model.d_modle: unknown key", "train", "--config", dir.resolve("bad.json").toString(), "--print-config"));
        c.add(new Case(1, "Config file not found", "train", "--config", dir.resolve("none.json").toString()));
        // generate
        c.add(new Case(2, "temperature", "generate", "--checkpoint", "x", "--prompt", "a", "--temperature", "-1"));
        c.add(new Case(2, "top-k", "generate", "--checkpoint", "x", "--prompt", "a", "--top-k", "-1"));
        c.add(new Case(2, "top-p", "generate", "--checkpoint", "x", "--prompt", "a", "--top-p", "0"));
        c.add(new Case(2, "repetition", "generate", "--checkpoint", "x", "--prompt", "a", "--repetition-penalty", "0.5"));
        c.add(new Case(2, "max", "generate", "--checkpoint", "x", "--prompt", "a", "--max-length", "0"));
        c.add(new Case(2, "Missing required option: '--checkpoint=CKPT'", "generate", "--prompt", "a"));
        c.add(new Case(2, "mutually exclusive", "generate", "--checkpoint", "x", "--prompt", "a", "--prompt-file", "f"));
        c.add(new Case(1, "Checkpoint not found: " + dir.resolve("none"), "generate", "--checkpoint", dir.resolve("none").toString(),
                "--prompt", "a"));
        c.add(new Case(1, "Prompt file not found", "generate", "--checkpoint", checkpoint, "--prompt-file", dir.resolve("p").toString()));
        // ingest
        c.add(new Case(2, "--workers", "ingest", "--workers", "-1", text));
        c.add(new Case(2, "--max-file-mb", "ingest", "--max-file-mb", "0", text));
        c.add(new Case(2, "--ocr-timeout", "ingest", "--ocr-timeout", "0", text));
        c.add(new Case(2, "--min-length", "ingest", "--min-length", "-3", text));
        c.add(new Case(2, "Missing required parameter", "ingest"));
        // checkpoints
        c.add(new Case(1, "Not a folder: " + dir.resolve("none"), "checkpoints", dir.resolve("none").toString()));
        // tokenizer
        c.add(new Case(2, "--vocab: must be in [257, 65,536], got 10", "tokenizer", "learn", "--data", text, "--vocab", "10", "--out", "x"));
        c.add(new Case(2, "--min-frequency", "tokenizer", "learn", "--data", text, "--min-frequency", "0", "--out", "x"));
        c.add(new Case(2, "--top", "tokenizer", "lab", "--data", text, "--top", "-1"));
        c.add(new Case(2, "--vocab", "tokenizer", "lab", "--data", text, "--vocab", "100"));
        c.add(new Case(1, "Tokenizer file missing", "tokenizer", "encode", "--tokenizer", dir.resolve("none.json").toString()));
        // bench
        c.add(new Case(2, "--steps: must be in [20, 1,000,000], got 5", "bench", "train", "--steps", "5"));
        c.add(new Case(2, "--batch", "bench", "train", "--baby", "--batch", "0"));
        c.add(new Case(2, "--threads: must be >= 1, got 0", "bench", "train", "--threads", "0"));
        c.add(new Case(2, "--new-tokens", "bench", "generate", "--new-tokens", "0"));
        c.add(new Case(2, "--repeats", "bench", "ingest", "--repeats", "0"));
        c.add(new Case(2, "--vocab", "bench", "tokenizer", "--vocab", "3"));
        c.add(new Case(2, "--mb", "bench", "tokenizer", "--mb", "0"));
        c.add(new Case(2, "--minutes", "bench", "tokenizer-choice", "--data", text, "--minutes", "0"));
        c.add(new Case(2, "--tokenizers: 'word' is not char or bpe:N", "bench", "tokenizer-choice", "--data", text, "--tokenizers", "word"));
        c.add(new Case(2, "Unknown option", "train", "--learning-rate", "1"));
        return c.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void exitsWithTheRuleOfTheFailure(Case c) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(c.args());
        String message = err.toString().strip();
        assertEquals(c.code(), code, message);
        assertTrue(message.startsWith("sheepop: "), message);
        assertTrue(message.contains(c.message()), message);
        assertEquals(1, message.lines().count(), "one line: " + message);
    }

    @org.junit.jupiter.api.Test
    void checkpointsUsageShowsTheFoldersAsOptional() {
        var out = new StringWriter();
        Cli.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)).execute("checkpoints", "--help");
        assertTrue(out.toString().contains("[DIR...]"), out.toString());
        assertTrue(List.of(out.toString().split("\\R")).get(0).startsWith("Usage: sheepop checkpoints"), out.toString());
    }
}
