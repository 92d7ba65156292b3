package dev.sheepop.insight;

import dev.sheepop.data.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrievalTest {
    static String shakespeare() throws Exception {
        return Files.readString(Path.of("sample-data/tinyshakespeare.txt")).substring(0, 200_000);
    }

    @Test
    void aKnownPassageIsTheTopHitForAQueryTakenFromIt(@TempDir Path dataset) throws Exception {
        String text = shakespeare();
        var corpus = new Corpus(List.of(text, "Notes on sheep: the meadow, the winter fold and the shearing."), "h", "test",
                dataset, List.of("plays.txt", "notes.md"));
        try (var retrieval = new Retrieval(corpus)) {
            int at = text.indexOf("Now is the winter");   // a passage from the middle of the text
            int start = at >= 0 ? at : 100_000;
            String passage = text.substring(start, start + 200);
            var hits = retrieval.search(passage.substring(40, 160), 3);
            assertTrue(!hits.isEmpty());
            var top = hits.get(0);
            assertEquals("plays.txt", top.file());
            assertTrue(top.offset() <= start + 40 && start + 160 <= top.offset() + top.text().length() + 200,
                    "the top hit holds the passage: " + top.offset() + " vs " + start);
            assertTrue(top.text().contains(passage.substring(60, 100)), top.text());
            assertTrue(!top.highlights().isEmpty());
            for (int[] r : top.highlights()) {
                String word = top.text().substring(r[0], r[1]).toLowerCase();
                assertTrue(passage.toLowerCase().contains(word), word);
            }
            var sheep = retrieval.search("shearing fold", 1);
            assertEquals("notes.md", sheep.get(0).file());
            assertTrue(Files.isDirectory(dataset.resolve("search")), "the index lives beside the dataset");
        }
    }

    @Test
    void theCacheReturnsTheSameAnswerAndCountsTheHit() throws Exception {
        var corpus = new Corpus(List.of(shakespeare()), "h", "test");
        try (var retrieval = new Retrieval(corpus)) {
            var first = retrieval.search("crown king", 5);
            assertEquals(new Retrieval.Stats(0, 1, 1), retrieval.stats());
            var second = retrieval.search("crown king", 5);
            assertSame(first, second);
            assertEquals(new Retrieval.Stats(1, 1, 1), retrieval.stats());
            var copyA = retrieval.copying("First Citizen:\nBefore we proceed any further, hear me speak.", 20);
            var copyB = retrieval.copying("First Citizen:\nBefore we proceed any further, hear me speak.", 20);
            assertSame(copyA, copyB);
            assertEquals(new Retrieval.Stats(2, 2, 2), retrieval.stats());
            assertTrue(copyA.longestLength() >= 50, "the opening lines are in the corpus: " + copyA);
        }
    }

    @Test
    void theIndexFollowsTheDatasetIncrementally(@TempDir Path dir) throws Exception {
        try (var search = CorpusSearch.open(dir, List.of("alpha beta gamma", "delta epsilon"), List.of("a", "b"))) {
            assertEquals(2, search.passages());
        }
        try (var search = CorpusSearch.open(dir, List.of("alpha beta gamma", "zeta eta theta"), List.of("a", "c"))) {
            assertEquals(2, search.passages());
            assertTrue(search.search("epsilon", 5).isEmpty(), "the removed document's passages are gone");
            assertEquals("c", search.search("theta", 5).get(0).file());
            var again = search.update(List.of("alpha beta gamma", "zeta eta theta"), List.of("a", "c"));
            assertEquals(new CorpusSearch.Update(0, 0, 2), again, "nothing changed: nothing re-indexed");
        }
    }
}
