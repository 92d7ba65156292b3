package dev.sheepop.checkpoint;

import dev.sheepop.common.Json;
import dev.sheepop.config.ConfigIO;
import dev.sheepop.config.RunConfig;
import dev.sheepop.tokenizer.Tokenizer;
import dev.sheepop.tokenizer.TokenizerIO;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes the checkpoints of one run under {@code <run>/checkpoints/}: {@code step-000500/} folders (every
 * checkpoint_interval steps, every epoch, at the end or on stop) and {@code best/} (lowest validation loss).
 * Each is written into a temporary folder, every file fsync'ed, then renamed into place, so a crash at any
 * moment leaves every existing checkpoint intact. Keeps the newest {@code keep} step folders plus best.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private final Path root;
    private final int keep;
    /** Test hook: called with each file name after it is written (a test throws here to simulate a crash). */
    Consumer<String> afterFile = name -> { };

    public CheckpointStore(Path runDir, int keep) {
        this.root = runDir.resolve(Checkpoints.DIR);
        this.keep = keep;
    }

    /** What a checkpoint holds besides its meta. */
    public record Contents(RunConfig config, Tokenizer tokenizer, Map<String, INDArray> weights,
                           Map<String, INDArray> optimizer, TrainingState state, Path metricsFile) {
    }

    /** Writes a step checkpoint (or {@code best} when {@code best}); returns its folder. */
    public Path write(CheckpointMeta meta, Contents contents, boolean best) throws IOException {
        Files.createDirectories(root);
        String name = best ? Checkpoints.BEST : String.format("step-%07d", meta.step());
        Path target = root.resolve(name);
        Path tmp = Files.createTempDirectory(root, ".tmp-" + name + "-");
        try {
            writeFile(tmp.resolve(Checkpoints.CONFIG), file -> ConfigIO.write(contents.config(), file));
            writeFile(tmp.resolve(Checkpoints.TOKENIZER), file -> TokenizerIO.save(contents.tokenizer(), file));
            writeFile(tmp.resolve(Checkpoints.WEIGHTS), file -> TensorFile.write(file, contents.weights()));
            writeFile(tmp.resolve(Checkpoints.OPTIMIZER), file -> TensorFile.write(file, contents.optimizer()));
            writeFile(tmp.resolve(Checkpoints.STATE), file -> Json.mapper().writeValue(file.toFile(), contents.state()));
            writeFile(tmp.resolve(Checkpoints.METRICS), file -> {
                if (contents.metricsFile() != null && Files.exists(contents.metricsFile())) {
                    Files.copy(contents.metricsFile(), file, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.writeString(file, "");
                }
            });
            // meta.json last: a folder without it is never a checkpoint
            writeFile(tmp.resolve(Checkpoints.META), file -> Json.mapper().writeValue(file.toFile(), meta));
            fsync(tmp, true);
            if (Files.exists(target)) {
                Path old = root.resolve(".old-" + name + "-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            fsync(root, true);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        if (!best) {
            prune();
        }
        return target;
    }

    /** Deletes all but the newest {@code keep} step folders (best stays), and leftovers of interrupted writes. */
    void prune() throws IOException {
        List<Path> steps;
        try (Stream<Path> list = Files.list(root)) {
            steps = list.filter(p -> p.getFileName().toString().startsWith("step-"))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
        for (int i = 0; i < steps.size() - keep; i++) {
            deleteTree(steps.get(i));
        }
        try (Stream<Path> list = Files.list(root)) {
            for (Path p : list.filter(p -> p.getFileName().toString().startsWith(".")).toList()) {
                deleteTree(p);
            }
        }
    }

    private interface FileWriter {
        void write(Path file) throws IOException;
    }

    private void writeFile(Path file, FileWriter writer) throws IOException {
        writer.write(file);
        fsync(file, false);
        afterFile.accept(file.getFileName().toString());
    }

    private static void fsync(Path path, boolean directory) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw new java.io.UncheckedIOException(e);
            }
            LOG.debug("cannot fsync directory {}: {}", path, e.getMessage()); // some file systems refuse
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
