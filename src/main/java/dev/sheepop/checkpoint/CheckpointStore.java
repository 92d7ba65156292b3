package dev.sheepop.checkpoint;

import dev.sheepop.common.FileTrees;
import dev.sheepop.common.RunLayout;

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
 * Keeps the newest {@code keep} step folders plus best.
 *
 * <p>Crash safety: a checkpoint {@code X} is written completely (every file fsync'ed, meta.json last) into
 * {@code X.new/}; then an existing {@code X/} is renamed to {@code X.old/}, {@code X.new/} to {@code X/}, and
 * {@code X.old/} deleted. Whatever moment a crash strikes, a complete {@code X}, {@code X.new} or {@code X.old}
 * exists, and {@link #recover} (run when a store opens a run folder and before anything lists or loads its
 * checkpoints) puts the newest complete one back in place as {@code X}: the best checkpoint is never lost.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    static final String NEW = ".new";
    static final String OLD = ".old";
    /** Held by the run's writer while it writes: nothing else repairs the folder meanwhile (this process or another). */
    static final String LOCK = "writing.lock";
    private static final java.util.concurrent.ConcurrentHashMap<Path, java.util.concurrent.locks.ReentrantLock> WRITERS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Path root;
    private final int keep;
    /** Test hook: called with each file name after it is written (a test throws here to simulate a crash). */
    Consumer<String> afterFile = name -> { };
    /** Test hook: called after each rename or deletion of a folder (a test throws here to simulate a crash). */
    Consumer<String> afterFolderStep = step -> { };

    public CheckpointStore(Path runDir, int keep) {
        this.root = runDir.resolve(RunLayout.CHECKPOINTS);
        this.keep = keep;
        recover(root);
    }

    /** The checkpoints folder held exclusively: in this process and, through a file lock, against other processes. */
    private static final class Held implements AutoCloseable {
        private final java.util.concurrent.locks.ReentrantLock local;
        private final FileChannel channel;

        private Held(java.util.concurrent.locks.ReentrantLock local, FileChannel channel) {
            this.local = local;
            this.channel = channel;
        }

        /** Waits for the folder (a writer). */
        static Held take(Path root) throws IOException {
            var local = WRITERS.computeIfAbsent(root.toAbsolutePath().normalize(), k -> new java.util.concurrent.locks.ReentrantLock());
            local.lock();
            try {
                var channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                try {
                    channel.lock();
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
                return new Held(local, channel);
            } catch (IOException | RuntimeException e) {
                local.unlock();
                throw e;
            }
        }

        /** The folder if nobody writes it now, else null (a reader, which then leaves it alone). */
        static Held tryTake(Path root) {
            var local = WRITERS.computeIfAbsent(root.toAbsolutePath().normalize(), k -> new java.util.concurrent.locks.ReentrantLock());
            if (!local.tryLock()) {
                return null;
            }
            try {
                var channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                try {
                    if (channel.tryLock() != null) {
                        return new Held(local, channel);
                    }
                } catch (IOException | RuntimeException e) {
                    // held by another process, or not lockable here: leave the folder alone
                }
                channel.close();
            } catch (IOException e) {
                // a read-only folder: nothing can be repaired in it anyway
            }
            local.unlock();
            return null;
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();          // releases the file lock
            } finally {
                local.unlock();
            }
        }
    }

    /** What a checkpoint holds besides its meta. */
    public record Contents(RunConfig config, Tokenizer tokenizer, Map<String, INDArray> weights,
                           Map<String, INDArray> optimizer, TrainingState state, Path metricsFile) {
    }

    /** Writes a step checkpoint (or {@code best} when {@code best}); returns its folder. */
    public Path write(CheckpointMeta meta, Contents contents, boolean best) throws IOException {
        Files.createDirectories(root);
        String name = best ? RunLayout.BEST : RunLayout.stepFolder(meta.step());
        Path target = root.resolve(name);
        Path staged = root.resolve(name + NEW);
        Path old = root.resolve(name + OLD);
        try (var held = Held.take(root)) {
            return write(meta, contents, best, name, target, staged, old);
        }
    }

    private Path write(CheckpointMeta meta, Contents contents, boolean best, String name, Path target, Path staged, Path old)
            throws IOException {
        repair(root);
        deleteTree(staged);
        try {
            Files.createDirectory(staged);
            writeFile(staged.resolve(RunLayout.CONFIG), file -> ConfigIO.write(contents.config(), file));
            writeFile(staged.resolve(RunLayout.TOKENIZER), file -> TokenizerIO.save(contents.tokenizer(), file));
            writeFile(staged.resolve(RunLayout.WEIGHTS), file -> TensorFile.write(file, contents.weights()));
            writeFile(staged.resolve(RunLayout.OPTIMIZER), file -> TensorFile.write(file, contents.optimizer()));
            writeFile(staged.resolve(RunLayout.STATE), file -> Json.mapper().writeValue(file.toFile(), contents.state()));
            writeFile(staged.resolve(RunLayout.METRICS), file -> {
                if (contents.metricsFile() != null && Files.exists(contents.metricsFile())) {
                    Files.copy(contents.metricsFile(), file, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.writeString(file, "");
                }
            });
            // meta.json last: a folder without it is never a checkpoint
            writeFile(staged.resolve(RunLayout.META), file -> Json.mapper().writeValue(file.toFile(), meta));
            fsync(staged, true);
        } catch (IOException | RuntimeException e) {
            deleteTree(staged);
            throw e;
        }
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            fsync(root, true);
            afterFolderStep.accept("moved " + name + " to " + name + OLD);
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        fsync(root, true);
        afterFolderStep.accept("moved " + name + NEW + " to " + name);
        deleteTree(old);
        afterFolderStep.accept("deleted " + name + OLD);
        if (!best) {
            prune();
        }
        return target;
    }

    /**
     * Finishes or undoes an interrupted replacement in a checkpoints folder: where {@code X/} is missing, the complete
     * {@code X.new/} (else {@code X.old/}) becomes {@code X/}; leftovers beside a complete {@code X/} are deleted. A
     * folder that cannot be changed (read-only), or that a writer is writing right now, is left as it is.
     */
    static void recover(Path root) {
        if (!Files.isDirectory(root) || !hasLeftovers(root)) {
            return;
        }
        var held = Held.tryTake(root);
        if (held == null) {
            return;                 // a checkpoint is being written: its X.new is not a leftover
        }
        try (held) {
            repair(root);
        } catch (IOException e) {
            LOG.debug("cannot release {}: {}", root, e.getMessage());
        }
    }

    private static boolean hasLeftovers(Path root) {
        try (Stream<Path> list = Files.list(root)) {
            return list.anyMatch(CheckpointStore::replacing);
        } catch (IOException e) {
            return false;
        }
    }

    private static void repair(Path root) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(root)) {
            entries = list.toList();
        } catch (IOException e) {
            return;
        }
        try {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (!n.endsWith(NEW) && !n.endsWith(OLD)) {
                    continue;
                }
                Path target = root.resolve(n.substring(0, n.length() - 4));
                Path staged = root.resolve(target.getFileName() + NEW);
                Path old = root.resolve(target.getFileName() + OLD);
                if (!complete(target)) {
                    Path restore = complete(staged) ? staged : complete(old) ? old : null;
                    if (restore != null) {
                        deleteTree(target);
                        Files.move(restore, target, StandardCopyOption.ATOMIC_MOVE);
                        LOG.info("checkpoint {} restored from {}", target, restore.getFileName());
                    }
                }
                if (complete(target)) {
                    deleteTree(staged);
                    deleteTree(old);
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot repair {}: {}", root, e.getMessage());
        }
    }

    /** A folder of an unfinished replacement ({@code X.new} or {@code X.old}). */
    static boolean replacing(Path dir) {
        String n = dir.getFileName().toString();
        return n.endsWith(NEW) || n.endsWith(OLD);
    }

    private static boolean complete(Path dir) {
        return Files.isRegularFile(dir.resolve(RunLayout.META));
    }

    /** Deletes all but the newest {@code keep} step folders (best stays), and leftovers of interrupted writes. */
    void prune() throws IOException {
        List<Path> steps;
        try (Stream<Path> list = Files.list(root)) {
            steps = list.filter(p -> RunLayout.isStepFolder(p.getFileName().toString()) && !replacing(p))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
        for (int i = 0; i < steps.size() - keep; i++) {
            deleteTree(steps.get(i));
        }
        try (Stream<Path> list = Files.list(root)) {   // leftovers of writes by older versions
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
        if (!FileTrees.deleteQuietly(dir)) {
            LOG.warn("could not delete {}", dir);
        }
    }
}
