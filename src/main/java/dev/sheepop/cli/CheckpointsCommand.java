package dev.sheepop.cli;

import dev.sheepop.checkpoint.CheckpointInfo;
import dev.sheepop.checkpoint.Checkpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sheepop checkpoints DIR}: one line per checkpoint of a run folder (or of every run in a folder). */
@Command(name = "checkpoints", mixinStandardHelpOptions = true,
        description = {"List the checkpoints of a run folder, a folder of runs, or one checkpoint.",
                "One line each: path, kind, step, epoch, train loss, val loss, bits per character, date, size.",
                "Bits per character compare models with different tokenizers (lower is better)."})
public final class CheckpointsCommand implements Callable<Integer> {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "runs", description = "Run folder or folder of runs (default: runs).")
    Path dir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        List<CheckpointInfo> infos = Checkpoints.list(dir);
        if (infos.isEmpty()) {
            out.println("No checkpoints in " + dir);
            return Cli.OK;
        }
        for (CheckpointInfo i : infos) {
            out.println(line(i));
        }
        out.flush();
        return Cli.OK;
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
