package dev.sheepop.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-ingesting: unchanged files come from the cache, only changed ones are extracted again. */
class IncrementalIngestTest {
    @TempDir
    Path tmp;

    @Test
    void secondRunReExtractsNothingAndAChangedFileOnlyItself() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("docs"));
        Path out = tmp.resolve("ds");
        for (int i = 0; i < 5; i++) {
            Files.writeString(in.resolve("doc" + i + ".txt"), "document number " + i + " has this text\n");
        }
        TestFiles.pdf(in.resolve("paper.pdf"), List.of("A paper with a text layer page."), List.of());
        var ingestor = new Ingestor(IngestOptions.defaults().withOcr(false));

        IngestReport first = ingestor.run(List.of(in), out, IngestListener.NONE, () -> false);
        assertEquals(6, first.extractedNow());
        String hash = Dataset.open(out).corpusHash();

        IngestReport second = ingestor.run(List.of(in), out, IngestListener.NONE, () -> false);
        assertEquals(0, second.extractedNow());
        assertTrue(second.files().stream().allMatch(FileRecord::cached));
        assertEquals(hash, Dataset.open(out).corpusHash());

        // only the mtime changes: identified by content hash, still not re-extracted
        Files.setLastModifiedTime(in.resolve("doc1.txt"), FileTime.from(Instant.now().plusSeconds(60)));
        assertEquals(0, ingestor.run(List.of(in), out, IngestListener.NONE, () -> false).extractedNow());

        // the content changes: that file alone is extracted
        Files.writeString(in.resolve("doc3.txt"), "document number 3 was edited since\n");
        IngestReport third = ingestor.run(List.of(in), out, IngestListener.NONE, () -> false);
        assertEquals(1, third.extractedNow());
        FileRecord edited = third.files().stream().filter(r -> r.path().equals("docs/doc3.txt")).findFirst().orElseThrow();
        assertFalse(edited.cached());
        assertEquals("document number 3 was edited since", Dataset.open(out).extractedText("docs/doc3.txt"));
        assertEquals(5, third.files().stream().filter(FileRecord::cached).count());

        // the stale cache entry of the old doc3 content is pruned
        long cacheEntries;
        try (var list = Files.list(out.resolve(DatasetLayout.CACHE))) {
            cacheEntries = list.filter(p -> p.toString().endsWith(".txt")).count();
        }
        assertEquals(6, cacheEntries);

        // a changed option (shorter minimum line length) reuses the cache: nothing re-extracted, text re-cleaned
        Files.writeString(in.resolve("doc0.txt"), "document number 0 has this text\nshort\n");
        IngestReport fourth = new Ingestor(IngestOptions.defaults().withOcr(false).withMinLineLength(0))
                .run(List.of(in), out, IngestListener.NONE, () -> false);
        assertEquals(1, fourth.extractedNow());
        assertEquals("document number 0 has this text\nshort", Dataset.open(out).extractedText("docs/doc0.txt"));
    }
}
