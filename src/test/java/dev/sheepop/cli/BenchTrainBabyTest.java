package dev.sheepop.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The `bench train --baby` workload is nanoGPT's baby GPT (6 layers, 6 heads, 384 wide, context 256). */
class BenchTrainBabyTest {
    @Test
    void babyGptHasNanoGptsShapeAndSize() {
        var config = BenchTrainCommand.babyGpt(4);
        var model = config.model().withVocabSize(65);   // tinyshakespeare's characters
        assertEquals(6, model.numLayers());
        assertEquals(6, model.numHeads());
        assertEquals(384, model.dModel());
        assertEquals(256, config.data().maxLength());
        assertEquals(4, config.training().batchSize());
        // nanoGPT reports 10.65M parameters (without position embeddings); ours counts them too: + 256 * 384
        assertEquals(10.65e6 + 256 * 384, model.parameterCount(), 0.01e6);
    }
}
