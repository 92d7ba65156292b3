package dev.sheepop.cli;

import dev.sheepop.common.Medians;
import dev.sheepop.common.ThreadEnvironment;
import dev.sheepop.common.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code sheepop bench startup}: starts the workbench again and again, in the current folder, and measures the time
 * from launching it to its first frame on screen, and whether that frame shows the window (not a blank one).
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
        description = {"Measure the workbench's cold start: from launch to the first frame on screen, and how much of that "
                + "frame is drawn. Needs a display (run under xvfb-run -a on a server).",
                "Without --launcher: this Java with this class path; with it: that launcher script (e.g. target/sheepop/bin/sheepop)."},
        footer = {"", "Example: xvfb-run -a sheepop bench startup --rounds 5"})
public final class BenchStartupCommand implements Callable<Integer> {
    static final double TARGET_SECONDS = 3.0;
    /** A frame with less drawn content than this is blank. */
    static final double DRAWN_MIN = 0.02;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Starts to measure (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--launcher", paramLabel = "PATH", description = "Start the workbench with this launcher script.")
    Path launcher;

    @Option(names = "--dir", paramLabel = "DIR", description = "The folder the workbench opens in (its datasets/ and runs/); default: the current one.")
    Path dir;

    @Option(names = "--headless", description = "Render off-screen (JavaFX Monocle, when on the class path): no display needed.")
    boolean headless;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One start: wall time from launch to the first frame, the workbench's own figure, and the drawn share. */
    record Start(double wallMs, double jvmMs, double drawn) {
    }

    @Override
    public Integer call() throws Exception {
        Options.range(spec, "--rounds", rounds, 1, 50);
        if (dir != null && !Files.isDirectory(dir)) {
            throw Options.usage(spec, "--dir: not a folder: " + dir);
        }
        if (launcher != null && !Files.isExecutable(launcher)) {
            throw Options.usage(spec, "--launcher: not an executable file: " + launcher);
        }
        if (!headless && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && !System.getProperty("os.name", "").startsWith("Windows") && !System.getProperty("os.name", "").startsWith("Mac")) {
            throw new UserException("No display: run under xvfb-run -a (or pass --headless)");
        }
        var out = spec.commandLine().getOut();
        var starts = new ArrayList<Start>();
        for (int r = 1; r <= rounds; r++) {
            var s = once();
            starts.add(s);
            out.printf(Locale.ROOT, "start %d: first frame %,.0f ms after launch (%,.0f ms after JVM start), %.0f%% of it drawn%n",
                    r, s.wallMs(), s.jvmMs(), s.drawn() * 100);
            out.flush();
        }
        double median = Medians.of(starts.stream().mapToDouble(Start::wallMs).toArray());
        double leastDrawn = starts.stream().mapToDouble(Start::drawn).min().orElse(0);
        out.printf(Locale.ROOT, "median: %,.0f ms from launch to the first frame (%d start%s, %s)%n", median, rounds,
                rounds == 1 ? "" : "s", launcher != null ? launcher : "java -cp, as the launcher starts it");
        out.println((median < TARGET_SECONDS * 1000 ? "PASS  " : "MISS  ")
                + String.format(Locale.ROOT, "cold start to the first frame under %.0f s", TARGET_SECONDS));
        out.println((leastDrawn >= DRAWN_MIN ? "PASS  " : "MISS  ") + "the first frame shows the window, not a blank one");
        out.flush();
        return Cli.OK;
    }

    private Start once() throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        String flags = "-Dsheepop.exitAfterFirstFrame=true" + (headless ? " " + String.join(" ", HEADLESS) : "");
        var pb = new ProcessBuilder(command);
        if (launcher != null) {
            command.add(launcher.toAbsolutePath().toString());
            String opts = System.getenv("SHEEPOP_OPTS");
            pb.environment().put("SHEEPOP_OPTS", (opts == null ? "" : opts + " ") + flags);
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-XX:+ExplicitGCInvokesConcurrent");
            command.addAll(Arrays.asList(flags.split(" ")));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("dev.sheepop.Main");
            command.add("workbench");
            ThreadEnvironment.applyDefaults(pb.environment());
        }
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        var lines = new ArrayList<String>();
        try (var reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("first-frame-ms ")) {
                    double wall = (System.nanoTime() - t0) / 1e6;
                    String[] f = line.split(" ");
                    p.waitFor(30, TimeUnit.SECONDS);
                    return new Start(wall, Double.parseDouble(f[1]), Double.parseDouble(f[3]));
                }
                lines.add(line);
            }
        } finally {
            p.destroyForcibly();
        }
        throw new UserException("The workbench exited without showing a frame (exit " + p.waitFor() + "): "
                + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
    }

    /** JavaFX's off-screen platform, as the tests use it. */
    static final List<String> HEADLESS = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw");

}
