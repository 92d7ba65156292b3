package dev.sheepop.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFoldersTest {
    private final Clock fixed = Clock.fixed(Instant.parse("2026-12-02T15:04:05Z"), ZoneOffset.UTC);

    @Test
    void runsStartedInTheSameSecondGetTheirOwnFolders(@TempDir Path runs) throws Exception {
        assertEquals(runs.resolve("run-20261202-150405"), RunFolders.create(runs, "run", fixed));
        assertEquals(runs.resolve("run-20261202-150405-2"), RunFolders.create(runs, "run", fixed));
        var made = ConcurrentHashMap.<Path>newKeySet();
        var pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 20; i++) {
            pool.submit(() -> made.add(RunFolders.create(runs, "run", fixed)));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(20, new HashSet<>(made).size(), "twenty concurrent runs, twenty folders");
        made.forEach(p -> assertTrue(Files.isDirectory(p)));
    }

    @Test
    void namesComeFromTheDataWithoutItsExtension(@TempDir Path runs) {
        assertEquals("tinyshakespeare", RunFolders.nameFor(Path.of("sample-data/tinyshakespeare.txt")));
        assertEquals(runs.resolve("my_notes_v2-20261202-150405"), RunFolders.create(runs, "my notes/v2", fixed));
    }
}
