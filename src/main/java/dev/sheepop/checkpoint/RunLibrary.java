package dev.sheepop.checkpoint;

import dev.sheepop.common.FileTrees;
import dev.sheepop.common.RunLayout;
import dev.sheepop.common.UserException;
import dev.sheepop.config.ConfigDiff;
import dev.sheepop.config.ConfigIO;
import dev.sheepop.config.RunConfig;
import dev.sheepop.config.TokenizerConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The runs and checkpoints under some folders, for people browsing them: the workbench's Checkpoints pane and
 * {@code sheepop checkpoints} both read them here. Listing, a checkpoint's run, config and standing against the
 * baseline floors, the differences between two checkpoints' configs, picking the saved checkpoint nearest to a step
 * of a curve, copying and deleting.
 */
public final class RunLibrary {
    private RunLibrary() {
    }

    /** The checkpoints found, and one message per folder that could not be listed (a damaged meta.json, say). */
    public record Listing(List<CheckpointInfo> checkpoints, List<String> problems) {
    }

    /** Every folder's checkpoints (missing folders are skipped), folder by folder, each by run then step. */
    public static Listing list(List<Path> roots) {
        var rows = new ArrayList<CheckpointInfo>();
        var problems = new ArrayList<String>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try {
                    rows.addAll(Checkpoints.list(root));
                } catch (UserException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return new Listing(List.copyOf(rows), List.copyOf(problems));
    }

    /** Newest first (the workbench's table). */
    public static List<CheckpointInfo> newestFirst(List<CheckpointInfo> checkpoints) {
        var rows = new ArrayList<>(checkpoints);
        rows.sort(Comparator.comparing((CheckpointInfo c) -> c.created() == null ? Instant.EPOCH : c.created()).reversed());
        return rows;
    }

    /**
     * The checkpoint a path names: a checkpoint folder itself, or a run folder's best checkpoint (else its last), as
     * {@link Checkpoints#load} chooses.
     */
    public static CheckpointInfo one(Path checkpointOrRun) {
        List<CheckpointInfo> found = Checkpoints.list(checkpointOrRun);
        if (found.isEmpty()) {
            throw new UserException("No checkpoint in " + checkpointOrRun);
        }
        return found.stream().filter(c -> c.path().getFileName().toString().equals(RunLayout.BEST)).findFirst()
                .orElse(found.get(found.size() - 1));
    }

    /** The run folder of a checkpoint, or the folder it stands in when it is not inside a run. */
    public static Path runOf(CheckpointInfo c) {
        Path run = RunLayout.runOf(c.path());
        return run != null ? run : c.path().toAbsolutePath().normalize().getParent();
    }

    /** The step checkpoint of {@code of}'s run nearest to {@code step} among {@code all} (best/ is not a step). */
    public static Optional<CheckpointInfo> nearest(List<CheckpointInfo> all, CheckpointInfo of, long step) {
        Path run = runOf(of);
        return all.stream()
                .filter(c -> run.equals(runOf(c)) && !c.kind().equals(RunLayout.BEST))
                .min(Comparator.comparingLong(c -> Math.abs(c.step() - step)));
    }

    /** The checkpoint's config.json. */
    public static RunConfig config(CheckpointInfo c) {
        return ConfigIO.read(c.path().resolve(RunLayout.CONFIG), RunConfig.defaults());
    }

    /** The checkpoint's config.json as written, or a line saying why there is none. */
    public static String configText(CheckpointInfo c) {
        try {
            return Files.readString(c.path().resolve(RunLayout.CONFIG));
        } catch (IOException e) {
            return "(no config.json: " + e.getMessage() + ")";
        }
    }

    /** "validation loss 1.8734: below the bigram floor by 0.42 bits/char", or "" when the checkpoint does not know. */
    public static String standing(CheckpointInfo c) {
        try {
            var meta = Checkpoints.meta(c.path());
            if (meta.baselineFloors() == null || meta.valLoss() == null || meta.charsPerToken() == null) {
                return "";
            }
            return String.format(Locale.ROOT, "validation loss %.4f: %s", meta.valLoss(),
                    meta.baselineFloors().standing(meta.valLoss(), meta.charsPerToken()));
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * Two checkpoints side by side: a line naming each (A and B, with step and validation loss), a blank line, then
     * one line per setting whose value differs, or a line saying the configs are identical (or cannot be read).
     */
    public static List<String> comparison(CheckpointInfo a, CheckpointInfo b) {
        var lines = new ArrayList<String>();
        lines.add("A = " + a.displayName() + "  (" + summary(a) + ")");
        lines.add("B = " + b.displayName() + "  (" + summary(b) + ")");
        lines.add("");
        try {
            RunConfig ca = config(a);
            RunConfig cb = config(b);
            boolean chars = ca.tokenizer().type() == TokenizerConfig.Type.CHAR || cb.tokenizer().type() == TokenizerConfig.Type.CHAR;
            // a character tokenizer has no vocabulary setting of its own: model.vocab_size says what it holds
            var differences = ConfigDiff.between(ca, cb).stream()
                    .filter(d -> !(chars && CHAR_UNUSED.contains(d.path()))).toList();
            differences.forEach(d -> lines.add(d.path() + ":  A " + d.a() + "   B " + d.b()));
            if (differences.isEmpty()) {
                lines.add("The configs are identical.");
            }
        } catch (RuntimeException e) {
            lines.add("Cannot compare the configs: " + e.getMessage());
        }
        return lines;
    }

    /** Copies a checkpoint folder into {@code targetDir} as RUN-NAME; refuses to overwrite. Returns the copy. */
    public static Path copy(CheckpointInfo c, Path targetDir) throws IOException {
        Path target = targetDir.resolve(c.displayName().replace('/', '-'));
        if (Files.exists(target)) {
            throw new UserException("Export target exists already: " + target);
        }
        FileTrees.copy(c.path(), target);
        return target;
    }

    /** Deletes checkpoint folders. */
    public static void delete(List<CheckpointInfo> checkpoints) throws IOException {
        for (CheckpointInfo c : checkpoints) {
            FileTrees.delete(c.path());
        }
    }

    /** Tokenizer settings that a character tokenizer ignores. */
    private static final List<String> CHAR_UNUSED = List.of("tokenizer.vocab_size", "tokenizer.min_frequency");

    /** "step 200, val 2.8305, 4.084 bits/char": bits per character compare checkpoints with different tokenizers. */
    private static String summary(CheckpointInfo c) {
        String text = "step " + c.step() + ", val " + (Double.isFinite(c.valLoss())
                ? String.format(Locale.ROOT, "%.4f", c.valLoss()) : "—");
        return Double.isFinite(c.bitsPerChar()) ? text + String.format(Locale.ROOT, ", %.3f bits/char", c.bitsPerChar()) : text;
    }
}
