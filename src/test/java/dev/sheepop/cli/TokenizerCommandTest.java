package dev.sheepop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** learn → encode → decode through the command line gives the text back. */
class TokenizerCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void encodedIdsDecodeToTheSameText() throws Exception {
        Path corpus = Files.writeString(dir.resolve("corpus.txt"),
                "the quick brown fox jumps over the lazy dog; the dog sleeps.\n".repeat(40));
        Path tokenizer = dir.resolve("tokenizer.json");
        assertEquals(0, run("tokenizer", "learn", "--data", corpus.toString(), "--vocab", "280", "--all-text",
                "--out", tokenizer.toString()), err.toString());
        assertTrue(out.toString().startsWith("Learned 280 tokens from all of the text"), out.toString());

        String text = "the lazy fox sleeps, über alles 🐑\n";
        Path input = Files.writeString(dir.resolve("in.txt"), text);
        assertEquals(0, run("tokenizer", "encode", "--tokenizer", tokenizer.toString(), "--input", input.toString()),
                err.toString());
        String ids = out.toString().strip();
        assertTrue(ids.matches("\\[\\d+(,\\d+)*]"), ids);
        assertTrue(ids.split(",").length < text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                "merges make fewer tokens than bytes: " + ids);

        Path idsFile = Files.writeString(dir.resolve("ids.json"), ids);
        assertEquals(0, run("tokenizer", "decode", "--tokenizer", tokenizer.toString(), "--input", idsFile.toString()),
                err.toString());
        assertEquals(text, out.toString());
    }

    @Test
    void anIdOutsideTheVocabularyIsRefusedByPosition() throws Exception {
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), "abc abc abd\n".repeat(30));
        Path tokenizer = dir.resolve("tokenizer.json");
        assertEquals(0, run("tokenizer", "learn", "--data", corpus.toString(), "--vocab", "257", "--all-text",
                "--out", tokenizer.toString()), err.toString());
        Path ids = Files.writeString(dir.resolve("ids.json"), "[97, 98, 4000]");
        assertEquals(1, run("tokenizer", "decode", "--tokenizer", tokenizer.toString(), "--input", ids.toString()));
        assertTrue(err.toString().contains("Element 2 (4000) is not a token id in [0, "), err.toString());
    }
}
