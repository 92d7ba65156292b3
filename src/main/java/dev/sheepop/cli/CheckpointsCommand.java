package dev.sheepop.cli;

import dev.sheepop.checkpoint.CheckpointInfo;
import dev.sheepop.checkpoint.RunLibrary;
import dev.sheepop.common.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code sheepop checkpoints [DIR...]}: one line per checkpoint of run folders (or of every run in a folder);
 * {@code --compare A B}: two checkpoints' standing and the settings in which their configs differ.
 */
@Command(name = "checkpoints", mixinStandardHelpOptions = true,
        description = {"List the checkpoints of run folders, folders of runs, or single checkpoints;",
                "or compare two checkpoints (--compare A B).",
                "One line each: path, kind, step, epoch, train loss, val loss, bits per character, date, size.",
                "Bits per character compare models with different tokenizers (lower is better)."})
public final class CheckpointsCommand implements Callable<Integer> {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Parameters(paramLabel = "DIR", arity = "0..*", description = "Run folders or folders of runs (default: runs).")
    List<Path> dirs;

    @Option(names = "--compare", arity = "2", paramLabel = "CHECKPOINT",
            description = "Compare two checkpoints (or runs: their best checkpoint): validation loss against the baseline "
                    + "floors and every setting that differs.")
    List<Path> compare;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (compare != null) {
            if (dirs != null && !dirs.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--compare takes no DIR");
            }
            compare(out, RunLibrary.one(compare.get(0)), RunLibrary.one(compare.get(1)));
            return Cli.OK;
        }
        List<Path> roots = dirs == null || dirs.isEmpty() ? List.of(Path.of("runs")) : dirs;
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new UserException("Not a folder: " + root);
            }
        }
        var listing = RunLibrary.list(roots);
        if (!listing.problems().isEmpty()) {
            throw new UserException(listing.problems().get(0));
        }
        if (listing.checkpoints().isEmpty()) {
            out.println("No checkpoints in " + String.join(", ", roots.stream().map(Path::toString).toList()));
            return Cli.OK;
        }
        for (CheckpointInfo i : listing.checkpoints()) {
            out.println(line(i));
        }
        out.flush();
        return Cli.OK;
    }

    private static void compare(PrintWriter out, CheckpointInfo a, CheckpointInfo b) {
        var lines = RunLibrary.comparison(a, b);
        out.println(lines.get(0));
        out.println(lines.get(1));
        for (var c : List.of(a, b)) {
            String standing = RunLibrary.standing(c);
            if (!standing.isEmpty()) {
                out.println((c == a ? "A " : "B ") + standing);
            }
        }
        lines.subList(2, lines.size()).forEach(out::println);
        out.flush();
    }

    static String line(CheckpointInfo i) {
        return String.format(Locale.ROOT, "%s  %-8s step %7d  epoch %3d  train %s  val %s  %s bits/char  %s  %s", i.path(), i.kind(),
                i.step(), i.epochNumber(), loss(i.trainLoss()), loss(i.valLoss()),
                Double.isFinite(i.bitsPerChar()) ? String.format(Locale.ROOT, "%.3f", i.bitsPerChar()) : "  -  ",
                DATE.format(i.created()), size(i.sizeBytes()));
    }

    private static String loss(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "   -  ";
    }

    static String size(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
