package dev.sheepop.cli;

import dev.sheepop.data.ReferenceText;
import dev.sheepop.model.GptGraph;
import dev.sheepop.model.GptInit;
import dev.sheepop.tokenizer.CharTokenizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The `bench train --baby` workload is nanoGPT's baby GPT (6 layers, 6 heads, 384 wide, context 256). */
class BenchTrainBabyTest {
    @Test
    void theBuiltGraphHasNanoGptsSizeAndStartsAtTheUniformLoss() {
        var config = BenchTrainCommand.babyGpt(4);
        var tokenizer = CharTokenizer.fit(String.join("", ReferenceText.corpus().documents()));
        // tinyshakespeare's 65 characters and the four special tokens (nanoGPT's vocabulary has the 65 only)
        assertEquals(65 + CharTokenizer.SPECIAL_TOKENS.size(), tokenizer.vocabSize());
        var model = config.model().withVocabSize(tokenizer.vocabSize());
        assertEquals(256, config.data().maxLength());
        assertEquals(4, config.training().batchSize());
        assertEquals(0.0, model.dropout());

        int t = config.data().maxLength();
        var graph = GptGraph.build(model, t, false, GptInit.initialWeights(model, config.seed()));
        long parameters = graph.paramNames().stream().mapToLong(n -> graph.param(n).length()).sum();
        // nanoGPT reports 10.65M parameters without its position embeddings; the graph holds those too (+ 256 x 384)
        // and the special tokens' embeddings (+ 4 x 384)
        assertEquals(10.65e6 + 256 * 384 + 4 * 384, parameters, 0.01e6);
        assertEquals(model.parameterCount(), parameters);

        // GPT-2's initialisation predicts nearly uniformly: the first loss lies a little above ln(69) = 4.23, the loss of
        // a uniform guess (the random logits add about their variance / 2; nanoGPT's README: 4.29 = ln(65) + 0.11)
        int[] ids = tokenizer.encode(ReferenceText.corpus().documents().get(0).substring(0, 4 * (t + 1)));
        int[][] x = new int[4][t];
        int[][] y = new int[4][t];
        for (int b = 0; b < 4; b++) {
            System.arraycopy(ids, b * (t + 1), x[b], 0, t);
            System.arraycopy(ids, b * (t + 1) + 1, y[b], 0, t);
        }
        double loss = graph.sameDiff().output(Map.of(GptGraph.IDX, Nd4j.createFromArray(x), GptGraph.LABELS,
                Nd4j.createFromArray(y)), GptGraph.LOSS).get(GptGraph.LOSS).getDouble(0);
        double uniform = Math.log(tokenizer.vocabSize());
        assertTrue(loss > uniform && loss < uniform + 0.2, "first loss " + loss + ", uniform " + uniform);
    }
}
