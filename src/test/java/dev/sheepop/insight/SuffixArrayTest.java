package dev.sheepop.insight;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** SA-IS against sorting the suffixes by comparison, on hostile and random texts. */
class SuffixArrayTest {
    static int[] naive(String s) {
        return IntStream.range(0, s.length()).boxed().sorted(Comparator.comparing(s::substring))
                .mapToInt(Integer::intValue).toArray();
    }

    private static void check(String s) {
        assertArrayEquals(naive(s), SuffixArray.of(s.toCharArray()), () -> "text: " + s);
    }

    @Test
    void sortsHostileTexts() {
        for (String s : new String[]{"a", "ab", "ba", "aa", "aaaaaaaaaa", "abababababab", "banana", "mississippi",
                "abracadabra", "zyxwvutsrqponm", "abcabcabcabcabd", "aabaabaabaabaab", "\u0000\u0000a\uffff\u0000",
                "🐑🐑 é\u001E🐑"}) {
            check(s);
        }
    }

    @Test
    void sortsRandomTexts() {
        var random = new Random(7);
        for (int round = 0; round < 400; round++) {
            int n = 1 + random.nextInt(300);
            int k = 1 + random.nextInt(round % 3 == 0 ? 2 : round % 3 == 1 ? 4 : 60);
            var sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append((char) ('a' + random.nextInt(k)));
            }
            check(sb.toString());
        }
    }

    @Test
    void sortsRepetitiveLongerTexts() {
        var sb = new StringBuilder();
        var random = new Random(3);
        while (sb.length() < 5_000) {
            sb.append(random.nextBoolean() ? "the cat sat on the mat. " : "the cat sat on the hat. ");
            if (random.nextInt(10) == 0) {
                sb.append("aaaaaaaaaaaaaaaaaaaaaaaaaa");
            }
        }
        String s = sb.toString();
        int[] sa = SuffixArray.of(s.toCharArray());
        for (int r = 1; r < sa.length; r++) {   // each suffix smaller than the next
            final int i = r;
            org.junit.jupiter.api.Assertions.assertTrue(s.substring(sa[i - 1]).compareTo(s.substring(sa[i])) < 0, () -> "rank " + i);
        }
        int[] sorted = sa.clone();
        Arrays.sort(sorted);
        assertArrayEquals(IntStream.range(0, s.length()).toArray(), sorted, "every suffix exactly once");
    }
}
