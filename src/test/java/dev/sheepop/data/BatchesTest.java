package dev.sheepop.data;

import dev.sheepop.config.DataConfig;
import dev.sheepop.tokenizer.CharTokenizer;
import dev.sheepop.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchesTest {
    static int[] ramp(int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        return t;
    }

    @Test
    void labelsAreInputsShiftedByOne() {
        for (var sampling : DataConfig.Sampling.values()) {
            var batches = new Batches(ramp(1000), 16, 4, sampling, 8, 1);
            Batch b = batches.batch(3, 0, 1, batches.stepsPerEpoch(1));
            for (int i = 0; i < 4; i++) {
                for (int t = 0; t < 16; t++) {
                    assertEquals(b.inputs()[i][t] + 1, b.labels()[i][t], sampling + " label at " + t);
                    if (t > 0) {
                        assertEquals(b.inputs()[i][t - 1] + 1, b.inputs()[i][t], "window is contiguous");
                    }
                }
                assertTrue(b.labels()[i][15] < 1000);
            }
            assertEquals(List.of(4L, 16L), List.of(b.inputArray().size(0), b.inputArray().size(1)));
        }
    }

    @Test
    void batchesAreAPureFunctionOfSeedAndStep() {
        var a = new Batches(ramp(5000), 8, 4, DataConfig.Sampling.RANDOM, 8, 7);
        var b = new Batches(ramp(5000), 8, 4, DataConfig.Sampling.RANDOM, 8, 7);
        assertArrayEquals(a.batch(10, 1, 2, 100).inputs(), b.batch(10, 1, 2, 100).inputs());
        assertNotEquals(a.batch(10, 0, 1, 100).inputs()[0][0], new Batches(ramp(5000), 8, 4, DataConfig.Sampling.RANDOM, 8, 8)
                .batch(10, 0, 1, 100).inputs()[0][0]);
        assertArrayEquals(a.evalBatch(2).inputs(), b.evalBatch(2).inputs());
    }

    @Test
    void microBatchesTogetherAreTheBigBatch() {
        for (var sampling : DataConfig.Sampling.values()) {
            var big = new Batches(ramp(3000), 8, 8, sampling, 4, 3);
            var small = new Batches(ramp(3000), 8, 4, sampling, 4, 3);
            Batch whole = big.batch(5, 0, 1, big.stepsPerEpoch(1));
            Batch m0 = small.batch(5, 0, 2, small.stepsPerEpoch(2));
            Batch m1 = small.batch(5, 1, 2, small.stepsPerEpoch(2));
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(whole.inputs()[i], m0.inputs()[i], sampling.toString());
                assertArrayEquals(whole.inputs()[4 + i], m1.inputs()[i], sampling.toString());
            }
        }
    }

    @Test
    void stridedEpochVisitsEveryWindowOnceInShuffledOrder() {
        var batches = new Batches(ramp(1 + 16 + 8 * 39), 16, 4, DataConfig.Sampling.STRIDED, 8, 5);
        assertEquals(40, batches.windowsPerEpoch());
        int spe = batches.stepsPerEpoch(1);
        assertEquals(10, spe);
        var starts = new HashSet<Integer>();
        var order = new java.util.ArrayList<Integer>();
        for (int s = 0; s < spe; s++) {
            for (int[] row : batches.batch(s, 0, 1, spe).inputs()) {
                starts.add(row[0]);
                order.add(row[0]);
            }
        }
        assertEquals(40, starts.size());
        assertTrue(starts.stream().allMatch(x -> x % 8 == 0));
        assertNotEquals(order, order.stream().sorted().toList(), "shuffled");
        int firstOfNextEpoch = batches.batch(spe, 0, 1, spe).inputs()[0][0];
        assertTrue(starts.contains(firstOfNextEpoch));
    }

    @Test
    void tokenStreamJoinsDocumentsWithEosAndSplitsByPosition() {
        var tok = CharTokenizer.fit("abcdefghij");
        int[] stream = TrainingData.tokenStream(List.of("ab", "cd"), tok);
        assertArrayEquals(new int[]{tok.encode("a")[0], tok.encode("b")[0], CharTokenizer.EOS, tok.encode("c")[0], tok.encode("d")[0]}, stream);
        var data = TrainingData.of(new Corpus(List.of("abcdefghij".repeat(10)), "h", "s"), tok, 0.1);
        assertEquals(90, data.train().length);
        assertEquals(10, data.val().length);
        assertEquals(tok.encode("a")[0], data.val()[0]);
    }
}
