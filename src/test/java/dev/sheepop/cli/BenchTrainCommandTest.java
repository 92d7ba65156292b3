package dev.sheepop.cli;

import dev.sheepop.data.ReferenceText;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchTrainCommandTest {
    @Test
    void theReferenceTextComesWithSheepOpNotFromTheWorkingDirectory() {
        var corpus = ReferenceText.corpus();
        assertEquals(1, corpus.documents().size());
        assertEquals(1_115_394, corpus.characters());
        assertTrue(corpus.hash().startsWith("86c4e6aa9db7c042"), corpus.hash());
    }

    @Test
    void printsOnlyFiguresOfItsOwnRun() {
        var out = new StringWriter();
        int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                .execute("bench", "train", "--steps", "20", "--threads", "1");
        String text = out.toString();
        assertEquals(0, code, text);
        assertTrue(text.contains("Workload: shakespeare-char-cpu, 20 steps, batch 12 x 64 tokens, 1,003,855 train tokens"), text);
        assertTrue(text.matches("(?s).*tokens/s: +[0-9,]+\\R.*"), text);
        assertTrue(text.contains("bits/char"), text);
        assertFalse(text.contains("PyTorch reference"), "no ratio against a figure from another run: " + text);
        assertFalse(text.matches("(?s).*\\d\\.\\d\\dx.*"), "no ratio at all: " + text);
    }
}
