package dev.sheepop.checkpoint;

import dev.sheepop.common.UserException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * New run folders: {@code <runs>/<name>-yyyyMMdd-HHmmss}, with {@code -2}, {@code -3}, … when that name is taken. The
 * folder is created here (atomically), so two runs started in the same second, in one process or two, never share one.
 */
public final class RunFolders {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolders() {
    }

    /** Creates and returns a new, empty run folder under {@code runsRoot}. */
    public static Path create(Path runsRoot, String name, Clock clock) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        String base = safe + "-" + LocalDateTime.now(clock).format(STAMP);
        try {
            Files.createDirectories(runsRoot);
            for (int i = 1; ; i++) {
                Path dir = runsRoot.resolve(i == 1 ? base : base + "-" + i);
                try {
                    return Files.createDirectory(dir);
                } catch (FileAlreadyExistsException taken) {
                    // the next number
                }
            }
        } catch (IOException e) {
            throw new UserException("Cannot create a run folder in " + runsRoot + ": " + e.getMessage(), e);
        }
    }

    /** The run name for a data path: its file or folder name without the extension ("tinyshakespeare"). */
    public static String nameFor(Path data) {
        Path name = data.toAbsolutePath().normalize().getFileName();
        return name == null ? "run" : name.toString().replaceFirst("\\.[^.]*$", "");
    }
}
