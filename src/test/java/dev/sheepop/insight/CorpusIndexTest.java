package dev.sheepop.insight;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusIndexTest {
    private static final String A = "Shall I compare thee to a summer's day? Thou art more lovely and more temperate.";
    private static final String B = "To be, or not to be, that is the question: whether 'tis nobler in the mind to suffer.";

    @Test
    void findsPlantedCopiesWithExactOffsetsAndFiles() {
        var index = CorpusIndex.build(List.of(A, B), List.of("sonnets/18.txt", "hamlet.txt"));
        String planted = "Xq7#" + B.substring(10, 60) + "#zz9#" + A.substring(4, 50) + "#Wk";
        var copying = index.find(planted, 40);
        assertEquals(2, copying.spans().size(), copying.toString());
        var fromB = copying.spans().get(0);
        assertEquals(4, fromB.start());
        assertEquals(50, fromB.length());
        assertEquals("hamlet.txt", fromB.file());
        assertEquals(10, fromB.fileOffset());
        var fromA = copying.spans().get(1);
        assertEquals(4 + 50 + 5, fromA.start());
        assertEquals(46, fromA.length());
        assertEquals("sonnets/18.txt", fromA.file());
        assertEquals(4, fromA.fileOffset());
        assertEquals(50, copying.longestLength());
        assertEquals("hamlet.txt", copying.longest().file());
    }

    @Test
    void textAbsentFromTheCorpusCopiesNothingAndNoMatchCrossesTwoFiles() {
        var index = CorpusIndex.build(List.of(A, B), List.of("a", "b"));
        var none = index.find("QXZJ", 40);
        assertNull(none.longest());
        assertTrue(none.spans().isEmpty());
        // the end of A then the start of B exist only across the file boundary: each side matches on its own
        String across = A.substring(A.length() - 20) + B.substring(0, 20);
        var copying = index.find(across, 10);
        assertEquals(20, copying.longestLength());
        assertTrue(copying.spans().stream().allMatch(s -> s.length() <= 20), copying.toString());
    }

    @Test
    void everyLongestMatchAgreesWithASearchOfTheText() {
        var random = new Random(5);
        var sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            sb.append((char) ('a' + random.nextInt(4)));
        }
        String corpus = sb.toString();
        var index = CorpusIndex.build(List.of(corpus), List.of("c"));
        for (int trial = 0; trial < 200; trial++) {
            var q = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                q.append((char) ('a' + random.nextInt(5)));
            }
            String s = q.toString();
            int expected = 0;
            while (expected < s.length() && corpus.contains(s.substring(0, expected + 1))) {
                expected++;
            }
            long found = index.longestMatch(s, 0);
            assertEquals(expected, (int) (found >>> 32), s);
            if (expected > 0) {
                int at = (int) found;
                assertEquals(s.substring(0, expected), corpus.substring(at, at + expected));
            }
        }
    }

    @Test
    void theIndexIsKeptOnDiskAndReusedForTheSameText(@TempDir Path dir) throws Exception {
        var first = CorpusIndex.cached(dir, List.of(A, B), List.of("a", "b"));
        Path saved;
        try (var files = Files.list(dir)) {
            saved = files.filter(p -> p.getFileName().toString().startsWith("sa-")).findFirst().orElseThrow();
        }
        long modified = Files.getLastModifiedTime(saved).toMillis();
        var second = CorpusIndex.cached(dir, List.of(A, B), List.of("a", "b"));
        assertEquals(modified, Files.getLastModifiedTime(saved).toMillis(), "read, not rebuilt");
        assertEquals(first.find(B, 5).longestLength(), second.find(B, 5).longestLength());
        Files.write(saved, new byte[]{1, 2, 3});
        assertEquals(B.length(), CorpusIndex.cached(dir, List.of(A, B), List.of("a", "b")).find(B, 5).longestLength(),
                "a damaged index is rebuilt");
    }
}
