package dev.sheepop.insight;

import dev.sheepop.data.TrainingData;
import dev.sheepop.tokenizer.CharTokenizer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineFloorsTest {
    private static final int A = 4;
    private static final int B = 5;

    @Test
    void unigramAndBigramCrossEntropyByHand() {
        int[] fit = {A, B, A, A};
        int[] eval = {A, B};
        // unigram, k = 1, V = 6: P(a) = (3+1)/(4+6) = 0.4, P(b) = (1+1)/10 = 0.2
        assertEquals(-(Math.log(0.4) + Math.log(0.2)) / 2, BaselineFloors.unigram(fit, eval, 6, 1), 1e-12);
        // bigram, k = 1: the first token by the unigram model (0.4); P(b | a) = (count(ab)=1 + 1) / (count(a·)=2 + 6) = 0.25
        assertEquals(-(Math.log(0.4) + Math.log(0.25)) / 2, BaselineFloors.bigram(fit, eval, 6, 1), 1e-12);
        // a small k trusts the counts: the seen pair (a b) gets nearly 1/2
        assertEquals(-(Math.log(3.001 / 4.006) + Math.log(1.001 / 2.006)) / 2, BaselineFloors.bigram(fit, eval, 6, 0.001), 1e-12);
    }

    @Test
    void floorsOfARunInNatsAndBitsWithKChosenOnTheTrainingSplit() {
        var tok = CharTokenizer.fit("ab");   // 6 tokens
        int[] train = new int[200];
        for (int i = 0; i < train.length; i++) {
            train[i] = i % 3 == 2 ? B : A;      // a a b a a b ...: b always follows a a
        }
        int[] val = {A, A, B, A, A, B};
        var data = new TrainingData(tok, train, val, 200, 6, "h", "test", null);
        var floors = BaselineFloors.of(data);
        assertEquals(Math.log(6), floors.uniform().natsPerToken(), 1e-12);
        assertEquals(Math.log(6) / Math.log(2), floors.uniform().bitsPerChar(), 1e-12);   // one character per token
        // k: the grid value that predicts the last 10 % of the training tokens best from the first 90 %
        int[] fit = java.util.Arrays.copyOfRange(train, 0, 180);
        int[] dev = java.util.Arrays.copyOfRange(train, 180, 200);
        double bestK = BaselineFloors.K_GRID[0];
        for (double k : BaselineFloors.K_GRID) {
            if (BaselineFloors.bigram(fit, dev, 6, k) < BaselineFloors.bigram(fit, dev, 6, bestK)) {
                bestK = k;
            }
        }
        assertEquals(bestK, floors.bigram().k());
        assertEquals(BaselineFloors.bigram(train, val, 6, bestK), floors.bigram().natsPerToken(), 1e-12);
        assertTrue(floors.bigram().natsPerToken() < floors.unigram().natsPerToken()
                && floors.unigram().natsPerToken() < floors.uniform().natsPerToken(), floors.describe());
        assertTrue(floors.standing(floors.bigram().natsPerToken() - 0.1, 1.0).startsWith("below the bigram floor by 0.14"),
                floors.standing(floors.bigram().natsPerToken() - 0.1, 1.0));
        assertTrue(floors.standing(10, 1.0).startsWith("not better than uniform guessing"));
    }
}
