package dev.sheepop.ingest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DatasetStatsTest {
    @Test
    void countsCharactersLinesAndDistinctCodePoints() {
        var records = List.of(
                new FileRecord("a.txt", "text", Outcome.EXTRACTED, Reason.OK, "", 10, 5, 2, 0, null, false),
                FileRecord.notExtracted("b.bin", "unknown", Reason.BINARY, "binary", 4),
                FileRecord.notExtracted("c.pdf", "pdf", Reason.CORRUPT_PDF, "corrupt PDF", 4));
        // "ab\nba" has 5 chars, 2 lines; the emoji is one code point made of two chars
        DatasetStats s = DatasetStats.compute(records, List.of("ab\nba", "\uD83D\uDE00 a"), 42);
        assertEquals(3, s.files());
        assertEquals(1, s.extracted());
        assertEquals(1, s.skipped());
        assertEquals(1, s.failed());
        assertEquals(8, s.characters());
        assertEquals(3, s.lines());
        assertEquals(5, s.distinctCharacters()); // a b \n space and the emoji
        assertEquals(Map.of("failed", 1), s.byType().get("pdf"));
        assertEquals(1, s.byReason().get("binary"));
        assertEquals(42, s.corpusBytes());
    }
}
