package dev.sheepop.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void helpListsEverySubcommand() {
        assertEquals(0, run("--help"));
        for (String sub : new String[]{"ingest", "train", "generate", "checkpoints", "bench"}) {
            assertTrue(out.toString().contains(sub), out.toString());
        }
    }

    @Test
    void usageErrorExitsTwoWithOneLine() {
        assertEquals(Cli.USAGE, run("--no-such-option"));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("sheepop: "), err.toString());
    }

    @Test
    void zeroTrainingThreadsIsAUsageErrorNamingTheOption() {
        for (String[] args : new String[][]{{"train", "--threads", "0", "--preset", "tiny"}, {"bench", "train", "--threads", "0"}}) {
            err.getBuffer().setLength(0);
            assertEquals(Cli.USAGE, run(args), String.join(" ", args));
            assertTrue(err.toString().contains("--threads: must be >= 1, got 0"), err.toString());
        }
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertEquals(Cli.USAGE, run("frobnicate"));
    }

    @Test
    void progressBarPrintsPlainLinesWhenNotATerminal() {
        var sw = new StringWriter();
        try (var bar = new ProgressBar(new PrintWriter(sw), false, java.time.Duration.ofHours(1))) {
            bar.update(1, 10, "first");
            bar.update(2, 10, "throttled");
            bar.update(10, 10, "done");
        }
        assertEquals(2, sw.toString().lines().count(), sw.toString());
        assertTrue(sw.toString().contains("10/10 (100%) done"), sw.toString());
    }
}
