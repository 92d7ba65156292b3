package dev.sheepop.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sheepop bench generate}: a short real run on the shipped checkpoint, and its usage errors. */
class BenchGenerateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void measuresBothPathsOnTheShippedCheckpoint() {
        assertEquals(Cli.OK, run("bench", "generate", "--checkpoint", "sample-data/checkpoint", "--new-tokens", "8",
                "--trials", "1", "--warmup", "0", "--prompt", "ROMEO:"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("model: sample-data/checkpoint, 4 layers, d_model 64"), text);
        assertTrue(text.contains("new tokens per trial: 8, prompt tokens: 6, trials: 1 (cached), 1 (standard)"), text);
        assertTrue(text.contains("speed-up: "), text);
        assertTrue(text.contains("targets: >= 4,500 tokens/s cached ("), text);
    }

    @Test
    void outOfRangeCountsAreUsageErrorsNamingTheOption() {
        assertEquals(Cli.USAGE, run("bench", "generate", "--new-tokens", "0"));
        assertTrue(err.toString().startsWith("sheepop: --new-tokens: must be in [1, 1,000,000], got 0"), err.toString());
        assertEquals("", out.toString(), "nothing is loaded or measured");
        err.getBuffer().setLength(0);
        assertEquals(Cli.USAGE, run("bench", "generate", "--trials", "0"));
        assertTrue(err.toString().startsWith("sheepop: --trials: must be in [1, 1,000], got 0"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(Cli.USAGE, run("bench", "generate", "--warmup", "-1"));
        assertTrue(err.toString().startsWith("sheepop: --warmup: must be in [0, 1,000], got -1"), err.toString());
    }
}
