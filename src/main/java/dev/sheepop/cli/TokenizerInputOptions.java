package dev.sheepop.cli;

import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.common.UserException;
import dev.sheepop.tokenizer.Tokenizer;
import dev.sheepop.tokenizer.TokenizerIO;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tokenizer and an input to run it on: {@code --tokenizer} and {@code --input} (a picocli mixin). */
final class TokenizerInputOptions {
    @Option(names = "--tokenizer", paramLabel = "FILE", required = true,
            description = "A tokenizer.json, or a checkpoint or run folder.")
    Path tokenizer;

    @Option(names = "--input", paramLabel = "FILE", description = "Read the input from FILE (default: standard input).")
    Path input;

    /** The tokenizer of a tokenizer.json, or of a checkpoint or run folder. */
    static Tokenizer load(Path path) {
        if (Files.isDirectory(path)) {
            return Checkpoints.load(path).tokenizer();
        }
        return TokenizerIO.load(path);
    }

    Tokenizer tokenizer() {
        return load(tokenizer);
    }

    byte[] input() throws IOException {
        if (input == null) {
            try (InputStream in = System.in) {
                return in.readAllBytes();
            }
        }
        if (!Files.isRegularFile(input)) {
            throw new UserException("Input file not found: " + input);
        }
        return Files.readAllBytes(input);
    }
}
