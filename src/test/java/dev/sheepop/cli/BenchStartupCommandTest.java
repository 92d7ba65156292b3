package dev.sheepop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sheepop bench startup}: a real start of the workbench (off-screen), its first frame drawn; usage errors. */
class BenchStartupCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void startsTheWorkbenchAndFindsItsFirstFrameDrawn(@TempDir Path dir) {
        assertEquals(Cli.OK, run("bench", "startup", "--rounds", "1", "--headless", "--dir", dir.toString()), err.toString());
        String text = out.toString();
        var m = Pattern.compile("start 1: first frame [\\d,]+ ms after launch \\([\\d,]+ ms after JVM start\\), (\\d+)% of it drawn")
                .matcher(text);
        assertTrue(m.find(), text);
        assertTrue(Integer.parseInt(m.group(1)) >= 20, "a window with its panes, not a blank frame: " + text);
        assertTrue(text.contains("PASS  the first frame shows the window, not a blank one"), text);
        assertTrue(text.contains("median: "), text);
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) {
        assertEquals(Cli.USAGE, run("bench", "startup", "--rounds", "0"));
        assertTrue(err.toString().startsWith("sheepop: --rounds: must be in [1, 50], got 0"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(Cli.USAGE, run("bench", "startup", "--launcher", dir.resolve("nothing").toString()));
        assertTrue(err.toString().startsWith("sheepop: --launcher: not an executable file: "), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(Cli.USAGE, run("bench", "startup", "--dir", dir.resolve("nothing").toString()));
        assertTrue(err.toString().startsWith("sheepop: --dir: not a folder: "), err.toString());
        assertEquals("", out.toString());
    }
}
