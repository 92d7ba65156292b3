package dev.sheepop.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The layout of a training run folder, the one place that knows it (docs/training.md describes it for users):
 * <pre>
 * RUN/config.json  metrics.jsonl  training_curve.png ...
 * RUN/checkpoints/step-0000500/   a checkpoint: meta.json config.json tokenizer.json weights.bin
 * RUN/checkpoints/best/                         [optimizer.bin state.json] metrics.jsonl
 * </pre>
 * It lives in {@code common} because ingestion also needs it (to skip folders SheepOp wrote) and sits below the
 * checkpoint package.
 */
public final class RunLayout {
    /** The run's folder of checkpoints. */
    public static final String CHECKPOINTS = "checkpoints";
    /** The checkpoint with the lowest validation loss so far. */
    public static final String BEST = "best";
    public static final String META = "meta.json";
    public static final String CONFIG = "config.json";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String WEIGHTS = "weights.bin";
    public static final String OPTIMIZER = "optimizer.bin";
    public static final String STATE = "state.json";
    public static final String METRICS = "metrics.jsonl";
    private static final String STEP_PREFIX = "step-";

    private RunLayout() {
    }

    /** The checkpoint folder name of a step: "step-0000500" (names sort by step). */
    public static String stepFolder(long step) {
        return String.format(Locale.ROOT, STEP_PREFIX + "%07d", step);
    }

    /** Whether {@code name} is a step checkpoint's folder name (possibly with a suffix such as ".new"). */
    public static boolean isStepFolder(String name) {
        return name.startsWith(STEP_PREFIX);
    }

    /** The run folder of a checkpoint folder ({@code RUN/checkpoints/NAME} → RUN), or null when it stands alone. */
    public static Path runOf(Path checkpointDir) {
        Path parent = checkpointDir.toAbsolutePath().normalize().getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals(CHECKPOINTS)
                ? parent.getParent() : null;
    }

    /** Whether {@code dir} holds a checkpoint (meta.json and weights.bin). */
    public static boolean isCheckpoint(Path dir) {
        return Files.isRegularFile(dir.resolve(META)) && Files.isRegularFile(dir.resolve(WEIGHTS));
    }

    /** Whether {@code dir} is a run folder: checkpoints/ holding a checkpoint, or with config.json and metrics.jsonl. */
    public static boolean isRun(Path dir) {
        Path checkpoints = dir.resolve(CHECKPOINTS);
        if (!Files.isDirectory(checkpoints)) {
            return false;
        }
        if (Files.isRegularFile(dir.resolve(CONFIG)) && Files.isRegularFile(dir.resolve(METRICS))) {
            return true;   // a run before its first checkpoint
        }
        try (Stream<Path> children = Files.list(checkpoints)) {
            return children.anyMatch(c -> Files.isDirectory(c) && isCheckpoint(c));
        } catch (IOException e) {
            return false;
        }
    }
}
