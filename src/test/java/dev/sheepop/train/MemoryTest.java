package dev.sheepop.train;

import dev.sheepop.common.UserException;
import dev.sheepop.config.Presets;
import dev.sheepop.config.RunConfig;
import dev.sheepop.config.TrainConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryTest {
    /** The estimate's parts, by hand, for the reference model with a 69-token vocabulary on two threads. */
    @Test
    void theEstimateIsBasePlusActivationsPlusParametersPlusThreads() {
        RunConfig ref = Presets.shakespeareCharCpu();
        ref = ref.withModel(ref.model().withVocabSize(69));
        long perToken = 4L * (16 * 128 + 3 * 512 + 3 * 4 * 64) + 3 * 69 + 4 * 128;   // 18,127 floats
        long activations = 4L * 12 * 64 * perToken;
        assertEquals(activations, Memory.activationBytes(ref));
        long expected = (360L << 20) + (long) (7.0 * activations) + (long) (6.0 * 4 * ref.model().parameterCount()) + (150L << 20);
        assertEquals(expected, Memory.estimate(ref, 2));
        assertEquals(expected - (150L << 20), Memory.estimate(ref, 1));
    }

    @Test
    void theReferenceFitsAndAHugeBatchIsRefusedWithASuggestion() {
        RunConfig ref = Presets.shakespeareCharCpu();
        ref = ref.withModel(ref.model().withVocabSize(69));
        RunConfig fits = ref;
        assertDoesNotThrow(() -> Memory.check(fits, 2));
        TrainConfig t = ref.training();
        RunConfig huge = ref.withTraining(t.toBuilder().batchSize(65536).maxEpochs(1).maxSteps(10)
                .gradientAccumulationSteps(1).useAmp(false).build());
        var e = assertThrows(UserException.class, () -> Memory.check(huge, 1));
        assertTrue(e.getMessage().contains("batch_size 32768 with gradient_accumulation_steps 2"), e.getMessage());
    }
}
