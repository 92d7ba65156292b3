package dev.sheepop.insight;

import java.util.Arrays;

/**
 * Suffix arrays by induced sorting (SA-IS, Nong, Zhang and Chan 2009), in linear time. The reduced problem of each
 * level is solved inside the suffix array itself (its names are stored in the free half, as in Mori's sais), so the
 * memory beyond the text and the 4-byte-per-character result is the type bits and one bucket array per level.
 */
final class SuffixArray {
    /** Read access to a string of symbols in [0, k). */
    private interface Text {
        int at(int i);
    }

    private SuffixArray() {
    }

    /** The suffix array of {@code text} (UTF-16 units as symbols): sa[r] is the start of the r-th smallest suffix. */
    static int[] of(char[] text) {
        int n = text.length;
        int[] sa = new int[n];
        if (n > 0) {
            sais(i -> text[i], sa, n, 65536);
        }
        return sa;
    }

    /** Sorts the suffixes of t[0..n) into sa[0..n); sa may be longer (its tail is free working space). */
    private static void sais(Text t, int[] sa, int n, int k) {
        if (n == 1) {
            sa[0] = 0;
            return;
        }
        // types: S (true) or L; the last symbol is L (a virtual sentinel, smaller than all, follows it)
        var s = new java.util.BitSet(n);
        for (int i = n - 2; i >= 0; i--) {
            int a = t.at(i);
            int b = t.at(i + 1);
            if (a < b || (a == b && s.get(i + 1))) {
                s.set(i);
            }
        }
        int[] bucket = new int[k];
        // 1. sort the LMS substrings: LMS positions at their buckets' ends, then induce
        Arrays.fill(sa, 0, n, -1);
        ends(t, n, bucket);
        for (int i = n - 1; i >= 1; i--) {
            if (lms(s, i)) {
                sa[--bucket[t.at(i)]] = i;
            }
        }
        induce(t, sa, n, s, bucket);
        // 2. the sorted LMS positions to the front, named by equality of their substrings
        int n1 = 0;
        for (int i = 0; i < n; i++) {
            if (lms(s, sa[i])) {
                sa[n1++] = sa[i];
            }
        }
        Arrays.fill(sa, n1, n, -1);
        int name = 0;
        int previous = -1;
        for (int i = 0; i < n1; i++) {
            int p = sa[i];
            if (previous < 0 || !sameLms(t, s, n, p, previous)) {
                name++;
            }
            previous = p;
            sa[n1 + (p >> 1)] = name - 1;   // LMS positions are at least two apart: one slot each
        }
        // 3. the reduced string (names in position order) to the end of sa; solve it in sa[0..n1)
        for (int i = n - 1, j = n - 1; i >= n1; i--) {
            if (sa[i] >= 0) {
                sa[j--] = sa[i];
            }
        }
        int offset = n - n1;
        if (name < n1) {
            sais(i -> sa[offset + i], sa, n1, name);
        } else {
            for (int i = 0; i < n1; i++) {
                sa[sa[offset + i]] = i;
            }
        }
        // 4. the LMS positions in text order replace the reduced string; the reduced ranks become positions
        for (int i = 1, j = 0; i < n; i++) {
            if (lms(s, i)) {
                sa[offset + j++] = i;
            }
        }
        for (int i = 0; i < n1; i++) {
            sa[i] = sa[offset + sa[i]];
        }
        // 5. the sorted LMS suffixes at their buckets' ends (largest first), then induce the rest
        Arrays.fill(sa, n1, n, -1);
        ends(t, n, bucket);
        for (int i = n1 - 1; i >= 0; i--) {
            int p = sa[i];
            sa[i] = -1;
            sa[--bucket[t.at(p)]] = p;
        }
        induce(t, sa, n, s, bucket);
    }

    private static boolean lms(java.util.BitSet s, int i) {
        return i > 0 && s.get(i) && !s.get(i - 1);
    }

    /** Induced sorting: L-type suffixes left to right from the bucket starts, then S-type right to left from the ends. */
    private static void induce(Text t, int[] sa, int n, java.util.BitSet s, int[] bucket) {
        starts(t, n, bucket);
        sa[bucket[t.at(n - 1)]++] = n - 1;   // the suffix the virtual sentinel precedes
        for (int i = 0; i < n; i++) {
            int j = sa[i] - 1;
            if (sa[i] > 0 && !s.get(j)) {
                sa[bucket[t.at(j)]++] = j;
            }
        }
        ends(t, n, bucket);
        for (int i = n - 1; i >= 0; i--) {
            int j = sa[i] - 1;
            if (sa[i] > 0 && s.get(j)) {
                sa[--bucket[t.at(j)]] = j;
            }
        }
    }

    /** True when the LMS substrings at a and b are equal in symbols and types (up to and including the next LMS). */
    private static boolean sameLms(Text t, java.util.BitSet s, int n, int a, int b) {
        for (int d = 0; ; d++) {
            boolean aEnd = a + d == n;
            boolean bEnd = b + d == n;
            if (aEnd || bEnd) {
                return false;   // the virtual sentinel is unique
            }
            if (t.at(a + d) != t.at(b + d) || s.get(a + d) != s.get(b + d)) {
                return false;
            }
            if (d > 0 && (lms(s, a + d) || lms(s, b + d))) {
                return lms(s, a + d) && lms(s, b + d);
            }
        }
    }

    private static void count(Text t, int n, int[] bucket) {
        Arrays.fill(bucket, 0);
        for (int i = 0; i < n; i++) {
            bucket[t.at(i)]++;
        }
    }

    private static void starts(Text t, int n, int[] bucket) {
        count(t, n, bucket);
        int sum = 0;
        for (int c = 0; c < bucket.length; c++) {
            int size = bucket[c];
            bucket[c] = sum;
            sum += size;
        }
    }

    private static void ends(Text t, int n, int[] bucket) {
        count(t, n, bucket);
        int sum = 0;
        for (int c = 0; c < bucket.length; c++) {
            sum += bucket[c];
            bucket[c] = sum;
        }
    }
}
