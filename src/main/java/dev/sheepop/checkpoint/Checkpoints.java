package dev.sheepop.checkpoint;

import dev.sheepop.common.Json;
import dev.sheepop.common.RunLayout;
import dev.sheepop.common.UserException;
import dev.sheepop.config.ConfigIO;
import dev.sheepop.config.RunConfig;
import dev.sheepop.model.ParamNames;
import dev.sheepop.tokenizer.Tokenizer;
import dev.sheepop.tokenizer.TokenizerIO;
import dev.sheepop.tokenizer.Tokenizers;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finding, validating and loading checkpoints. A path may be a checkpoint folder, a run folder (then its best
 * checkpoint, else its last) or, for {@link #list}, a folder of runs. Damaged, incomplete or too-new checkpoints
 * are refused with a message that names the file and what is wrong.
 */
public final class Checkpoints {
    private static final List<String> REQUIRED = List.of(RunLayout.META, RunLayout.CONFIG, RunLayout.TOKENIZER, RunLayout.WEIGHTS);

    private Checkpoints() {
    }

    /** Everything needed to continue training from a checkpoint. */
    /**
     * A checkpoint to train on from. {@code weightsOnly}: it has no optimizer state (an imported model, the shipped
     * sample): training starts from its weights with a fresh optimizer, at step 0, with a new metrics log.
     */
    public record Resumable(LoadedCheckpoint checkpoint, Map<String, INDArray> optimizer, TrainingState state,
                            boolean weightsOnly) {
        /** The run folder the checkpoint belongs to ({@code <run>/checkpoints/<name>}), or null when it stands alone. */
        public Path runDir() {
            return RunLayout.runOf(checkpoint.dir());
        }
    }


    /** "run-20261202-150405/step-0000500", or the folder's own name when it is not inside a run. */
    public static String displayName(Path checkpointDir) {
        Path run = RunLayout.runOf(checkpointDir);
        Path name = checkpointDir.toAbsolutePath().normalize().getFileName();
        return (run == null || run.getFileName() == null ? "" : run.getFileName() + "/") + (name == null ? checkpointDir : name);
    }

    /** True when training can continue from the checkpoint folder: it holds the optimizer state and the training state. */
    public static boolean resumable(Path checkpointDir) {
        return Files.isRegularFile(checkpointDir.resolve(RunLayout.OPTIMIZER)) && Files.isRegularFile(checkpointDir.resolve(RunLayout.STATE));
    }

    /** Loads a checkpoint folder, or a run folder's best checkpoint (else its last). */
    public static LoadedCheckpoint load(Path checkpointOrRunDir) {
        Path dir = resolve(checkpointOrRunDir, true);
        for (String name : REQUIRED) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new UserException("Checkpoint " + dir + " is incomplete: " + name + " is missing");
            }
        }
        CheckpointMeta meta = readMeta(dir);
        Tokenizer tokenizer = TokenizerIO.load(dir.resolve(RunLayout.TOKENIZER));
        // a config written before it had a tokenizer section describes the tokenizer the checkpoint holds
        RunConfig config = ConfigIO.read(dir.resolve(RunLayout.CONFIG), RunConfig.defaults().withTokenizer(Tokenizers.describe(tokenizer)));
        if (meta.tokenizerHash() != null && !meta.tokenizerHash().equals(tokenizer.hash())) {
            throw new UserException("Checkpoint " + dir + ": tokenizer.json does not match the tokenizer hash in meta.json");
        }
        if (config.model().vocabSize() != tokenizer.vocabSize()) {
            throw new UserException("Checkpoint " + dir + ": config vocab_size " + config.model().vocabSize()
                    + " does not match the tokenizer's " + tokenizer.vocabSize());
        }
        Map<String, INDArray> weights = TensorFile.read(dir.resolve(RunLayout.WEIGHTS));
        for (var entry : ParamNames.shapes(config.model()).entrySet()) {
            INDArray w = weights.get(entry.getKey());
            if (w == null) {
                throw new UserException("Checkpoint " + dir + ": weights.bin lacks " + entry.getKey());
            }
            if (!Arrays.equals(w.shape(), entry.getValue())) {
                throw new UserException("Checkpoint " + dir + ": weight " + entry.getKey() + " has shape "
                        + Arrays.toString(w.shape()) + ", the config needs " + Arrays.toString(entry.getValue()));
            }
        }
        return new LoadedCheckpoint(dir, meta, config, tokenizer, weights);
    }

    /** Loads a checkpoint for resuming: a run folder resolves to its last checkpoint. */
    public static Resumable loadResumable(Path checkpointOrRunDir) {
        Path dir = resolve(checkpointOrRunDir, false);
        LoadedCheckpoint ckpt = load(dir);
        if (!Files.exists(dir.resolve(RunLayout.OPTIMIZER)) && !Files.exists(dir.resolve(RunLayout.STATE))) {
            // the trainer starts its own loss scale for a weights-only start; 0 here stands for "not saved"
            var fresh = new TrainingState(0, 0, 0, 0, 0, null, 0, 0, ckpt.config().seed());
            return new Resumable(ckpt, Map.of(), fresh, true);
        }
        for (String name : List.of(RunLayout.OPTIMIZER, RunLayout.STATE)) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new UserException("Checkpoint " + dir + " cannot be resumed: " + name + " is missing");
            }
        }
        TrainingState state;
        try {
            state = Json.mapper().readValue(dir.resolve(RunLayout.STATE).toFile(), TrainingState.class);
        } catch (IOException e) {
            throw new UserException("Checkpoint " + dir + ": state.json is not valid: " + firstLine(e));
        }
        return new Resumable(ckpt, TensorFile.read(dir.resolve(RunLayout.OPTIMIZER)), state, false);
    }

    /** The checkpoints of a checkpoint folder, a run folder or a folder of runs, by run then step. */
    public static List<CheckpointInfo> list(Path runDirOrRunsRoot) {
        if (!Files.isDirectory(runDirOrRunsRoot)) {
            throw new UserException("Not a folder: " + runDirOrRunsRoot);
        }
        var infos = new ArrayList<CheckpointInfo>();
        if (Files.isRegularFile(runDirOrRunsRoot.resolve(RunLayout.META))) {
            infos.add(info(runDirOrRunsRoot));
            return infos;
        }
        for (Path dir : checkpointDirs(runDirOrRunsRoot)) {
            infos.add(info(dir));
        }
        if (infos.isEmpty()) {
            try (Stream<Path> runs = Files.list(runDirOrRunsRoot)) {
                for (Path run : runs.filter(Files::isDirectory).sorted().toList()) {
                    for (Path dir : checkpointDirs(run)) {
                        infos.add(info(dir));
                    }
                }
            } catch (IOException e) {
                throw new UserException("Cannot list " + runDirOrRunsRoot + ": " + e.getMessage());
            }
        }
        return infos;
    }

    /** A run folder's step checkpoints, oldest first, then best. */
    static List<Path> checkpointDirs(Path runDir) {
        Path root = runDir.getFileName() != null && runDir.getFileName().toString().equals(RunLayout.CHECKPOINTS) ? runDir : runDir.resolve(RunLayout.CHECKPOINTS);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        CheckpointStore.recover(root);   // an interrupted replacement of best/ (or a step) is finished first
        try (Stream<Path> list = Files.list(root)) {
            var dirs = new ArrayList<>(list.filter(p -> Files.isRegularFile(p.resolve(RunLayout.META)))
                    .filter(p -> !CheckpointStore.replacing(p))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().equals(RunLayout.BEST))
                            .thenComparing(Path::toString)).toList());
            return dirs;
        } catch (IOException e) {
            throw new UserException("Cannot list " + root + ": " + e.getMessage());
        }
    }

    private static Path resolve(Path path, boolean preferBest) {
        Path parent = path.toAbsolutePath().normalize().getParent();
        if (!Files.exists(path) && parent != null && parent.getFileName() != null && parent.getFileName().toString().equals(RunLayout.CHECKPOINTS)) {
            CheckpointStore.recover(parent);   // e.g. checkpoints/best while its replacement was interrupted
        }
        if (!Files.exists(path)) {
            throw new UserException("Checkpoint not found: " + path);
        }
        if (Files.isRegularFile(path.resolve(RunLayout.META))) {
            return path;
        }
        List<Path> dirs = checkpointDirs(path);
        if (dirs.isEmpty()) {
            throw new UserException("No checkpoint in " + path + " (expected a checkpoint folder with meta.json or a run folder)");
        }
        Path best = dirs.stream().filter(p -> p.getFileName().toString().equals(RunLayout.BEST)).findFirst().orElse(null);
        List<Path> steps = dirs.stream().filter(p -> !p.equals(best)).toList();
        if (preferBest && best != null) {
            return best;
        }
        return steps.isEmpty() ? best : steps.get(steps.size() - 1);
    }

    /** A checkpoint folder's meta.json (without loading its weights). */
    public static CheckpointMeta meta(Path dir) {
        return readMeta(dir);
    }

    static CheckpointMeta readMeta(Path dir) {
        CheckpointMeta meta;
        try {
            var tree = Json.mapper().readTree(dir.resolve(RunLayout.META).toFile());
            int version = tree.path("format_version").asInt(-1);
            if (version > CheckpointMeta.FORMAT_VERSION) {
                throw new UserException("Checkpoint " + dir + " has format version " + version + ", this SheepOp reads up to "
                        + CheckpointMeta.FORMAT_VERSION + ": update SheepOp");
            }
            if (version < 1) {
                throw new UserException("Checkpoint " + dir + ": meta.json has no valid format_version");
            }
            meta = Json.mapper().treeToValue(tree, CheckpointMeta.class);
        } catch (IOException e) {
            throw new UserException("Checkpoint " + dir + ": meta.json is not valid: " + firstLine(e));
        }
        return meta;
    }

    private static CheckpointInfo info(Path dir) {
        CheckpointMeta meta = readMeta(dir);
        long size = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                size += Files.size(f);
            }
        } catch (IOException e) {
            size = -1;
        }
        Instant created;
        try {
            created = Instant.parse(meta.created());
        } catch (RuntimeException e) {
            created = Instant.EPOCH;
        }
        return new CheckpointInfo(dir, meta.kind(), meta.step(), meta.epoch(), nan(meta.trainLoss()), nan(meta.valLoss()), nan(meta.bitsPerChar()),
                created, size, resumable(dir));
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(m);
    }
}
