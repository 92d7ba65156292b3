package dev.sheepop.tokenizer;

import java.util.Arrays;

/**
 * An open-addressing map from a pair of token ids to an int (a merge's rank), without boxing: the BPE encoder
 * looks pairs up millions of times per megabyte.
 */
final class PairTable {
    private static final long EMPTY = -1L;
    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    PairTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
    }

    static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    /** The value stored for the pair, or -1. */
    int get(int a, int b) {
        long k = key(a, b);
        int i = slot(k);
        while (true) {
            long at = keys[i];
            if (at == k) {
                return values[i];
            }
            if (at == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    /** Stores a value (&ge; 0) unless the pair already has one; returns false then. */
    boolean putIfAbsent(int a, int b, int value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        long k = key(a, b);
        int i = slot(k);
        while (keys[i] != EMPTY) {
            if (keys[i] == k) {
                return false;
            }
            i = (i + 1) & mask;
        }
        keys[i] = k;
        values[i] = value;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private int slot(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                putIfAbsent((int) (oldKeys[i] >>> 32), (int) oldKeys[i], oldValues[i]);
            }
        }
    }
}
