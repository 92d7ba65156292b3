package dev.sheepop.common;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing so that a crash or a failure never leaves half a file: the content goes to a temporary name in the same
 * folder and is moved into place in one step once complete. Readers see the old version or the new, never a mix;
 * a failed write leaves nothing behind.
 */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    /** Writes the content to the path it is given (a file, or a folder it creates). */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path path) throws IOException;
    }

    /** Replaces (or creates) the file {@code target}. */
    public static void replace(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp");
        try {
            content.writeTo(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Creates {@code target}, a file or a folder that must not exist yet, through {@code target.partial} (a
     * leftover of an earlier crash there is removed first). Returns {@code target}.
     */
    public static Path create(Path target, Content content) throws IOException {
        if (Files.exists(target)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".partial");
        try {
            FileTrees.delete(tmp);
            Files.createDirectories(target.toAbsolutePath().getParent());
            content.writeTo(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteQuietly(tmp);
            throw e;
        }
    }
}
