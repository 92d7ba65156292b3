package dev.sheepop.ingest;

import dev.sheepop.common.UserException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Walks the inputs in a stable order (entries sorted by name), following symbolic links but never
 * entering a folder that is already an ancestor (a symlink loop). Hidden entries and tool folders are
 * recorded as skipped unless {@code includeHidden}; folders SheepOp wrote (datasets, checkpoints, runs) are
 * always recorded as one skipped entry ({@link SheepopFolders}).
 */
final class FileScanner {

    /** A file to process, or a decided record (skipped folder, loop, unreadable entry). */
    record Item(Path file, String displayPath, FileRecord decided) {
    }

    private final boolean includeHidden;
    private final List<Item> items = new ArrayList<>();

    private FileScanner(boolean includeHidden) {
        this.includeHidden = includeHidden;
    }

    static List<Item> scan(List<Path> inputs, boolean includeHidden) {
        var scanner = new FileScanner(includeHidden);
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new UserException("No such file or folder: " + input);
            }
            Path abs = input.toAbsolutePath().normalize();
            String name = abs.getFileName() == null ? "root" : abs.getFileName().toString();
            var own = Files.isDirectory(abs) ? SheepopFolders.skipReason(abs) : java.util.Optional.<String>empty();
            if (own.isPresent()) {
                scanner.items.add(new Item(null, name, FileRecord.notExtracted(name, FileRecord.FOLDER,
                        Reason.SHEEPOP_FOLDER, own.get(), 0)));
            } else if (Files.isDirectory(abs)) {
                scanner.walk(abs, name, new ArrayDeque<>());
            } else {
                scanner.file(abs, name, true);
            }
        }
        return scanner.items;
    }

    private void walk(Path dir, String display, Deque<Path> ancestors) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            items.add(new Item(null, display, FileRecord.notExtracted(display, FileRecord.FOLDER, Reason.UNREADABLE,
                    "cannot resolve folder: " + ImageOcrExtractor.oneLine(e), 0)));
            return;
        }
        if (ancestors.contains(real)) {
            items.add(new Item(null, display, FileRecord.notExtracted(display, FileRecord.FOLDER, Reason.SYMLINK_LOOP,
                    "symbolic link loop back to " + real.getFileName() + "; not followed", 0)));
            return;
        }
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        } catch (IOException e) {
            items.add(new Item(null, display, FileRecord.notExtracted(display, FileRecord.FOLDER, Reason.UNREADABLE,
                    "cannot list folder: " + ImageOcrExtractor.oneLine(e), 0)));
            return;
        }
        ancestors.push(real);
        for (Path child : children) {
            String name = child.getFileName().toString();
            String childDisplay = display + "/" + name;
            if (Files.isDirectory(child)) {
                var own = SheepopFolders.skipReason(child);
                if (own.isPresent()) {
                    items.add(new Item(null, childDisplay, FileRecord.notExtracted(childDisplay, FileRecord.FOLDER,
                            Reason.SHEEPOP_FOLDER, own.get(), 0)));
                } else if (!includeHidden && (name.startsWith(".") || FileTypes.TOOL_FOLDERS.contains(name.toLowerCase(Locale.ROOT)))) {
                    items.add(new Item(null, childDisplay, FileRecord.notExtracted(childDisplay, FileRecord.FOLDER,
                            Reason.HIDDEN, (name.startsWith(".") ? "hidden" : "tool") + " folder not walked (--include-hidden walks it)", 0)));
                } else {
                    walk(child, childDisplay, ancestors);
                }
            } else {
                file(child, childDisplay, false);
            }
        }
        ancestors.pop();
    }

    private void file(Path file, String display, boolean explicit) {
        String name = file.getFileName().toString();
        String type = FileTypes.byName(name);
        if (!explicit && !includeHidden && name.startsWith(".")) {
            items.add(new Item(null, display, FileRecord.notExtracted(display, type, Reason.HIDDEN,
                    "hidden file (--include-hidden reads it)", size(file))));
        } else if (!Files.exists(file)) {
            items.add(new Item(null, display, FileRecord.notExtracted(display, type, Reason.UNREADABLE,
                    "broken symbolic link", 0)));
        } else if (!Files.isRegularFile(file)) {
            items.add(new Item(null, display, FileRecord.notExtracted(display, type, Reason.UNSUPPORTED,
                    "not a regular file", 0)));
        } else {
            items.add(new Item(file, display, null));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

}
