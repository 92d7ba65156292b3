package dev.sheepop.train;

import dev.sheepop.common.UserException;
import dev.sheepop.config.Presets;
import dev.sheepop.config.RunConfig;
import dev.sheepop.config.TrainConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryTest {
    @Test
    void theReferenceFitsAndAHugeBatchIsRefusedWithASuggestion() {
        RunConfig ref = Presets.shakespeareCharCpu();
        ref = ref.withModel(ref.model().withVocabSize(69));
        long estimate = Memory.estimate(ref);
        assertTrue(estimate > 50e6 && estimate < 1.5e9, "estimate " + estimate);
        RunConfig fits = ref;
        assertDoesNotThrow(() -> Memory.check(fits));
        TrainConfig t = ref.training();
        RunConfig huge = ref.withTraining(new TrainConfig(65536, 1, 10, t.learningRate(), t.minLr(), t.weightDecay(), t.beta1(),
                t.beta2(), t.warmupSteps(), t.lrDecaySteps(), t.maxGradNorm(), 1, false, t.evalInterval(), t.evalIters(),
                t.checkpointInterval(), t.keepCheckpoints(), t.logInterval()));
        var e = assertThrows(UserException.class, () -> Memory.check(huge));
        assertTrue(e.getMessage().contains("batch_size 32768 with gradient_accumulation_steps 2"), e.getMessage());
    }
}
