package dev.sheepop.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicWriteTest {
    @TempDir
    Path dir;

    @Test
    void replaceSwapsTheWholeFileAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("stats.json");
        Files.writeString(file, "old");
        AtomicWrite.replace(file, tmp -> Files.writeString(tmp, "new"));
        assertEquals("new", Files.readString(file));
        assertEquals(List.of(file), list());
    }

    @Test
    void aFailedReplaceKeepsTheOldFile() throws Exception {
        Path file = dir.resolve("stats.json");
        Files.writeString(file, "old");
        assertThrows(IOException.class, () -> AtomicWrite.replace(file, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), list());
    }

    @Test
    void createBuildsAFolderUnderATemporaryNameAndMovesItIntoPlace() throws Exception {
        Path out = dir.resolve("export").resolve("model-hf");
        Files.createDirectories(out.getParent());
        Files.createDirectories(out.resolveSibling("model-hf.partial"));   // a leftover of a crash
        Files.writeString(out.resolveSibling("model-hf.partial").resolve("stale"), "x");
        AtomicWrite.create(out, tmp -> {
            Files.createDirectories(tmp);
            Files.writeString(tmp.resolve("config.json"), "{}");
        });
        assertEquals("{}", Files.readString(out.resolve("config.json")));
        assertFalse(Files.exists(out.resolve("stale")));
        assertFalse(Files.exists(out.resolveSibling("model-hf.partial")));
    }

    @Test
    void aFailedCreateLeavesNothing() {
        Path out = dir.resolve("model.gguf");
        assertThrows(IllegalStateException.class, () -> AtomicWrite.create(out, tmp -> {
            Files.writeString(tmp, "half");
            throw new IllegalStateException("tensor missing");
        }));
        assertEquals(List.of(), list());
    }

    @Test
    void createNeverOverwrites() throws Exception {
        Path out = Files.writeString(dir.resolve("model.gguf"), "mine");
        assertThrows(FileAlreadyExistsException.class, () -> AtomicWrite.create(out, tmp -> Files.writeString(tmp, "x")));
        assertEquals("mine", Files.readString(out));
    }

    private List<Path> list() {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
