package dev.sheepop.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainConfigBuilderTest {
    @Test
    void anUnchangedBuilderGivesBackAnEqualConfig() {
        TrainConfig t = Presets.shakespeareCharCpu().training();
        assertEquals(t, t.toBuilder().build());
    }

    @Test
    void changesOnlyWhatItIsTold() {
        TrainConfig t = TrainConfig.defaults();
        TrainConfig changed = t.toBuilder().batchSize(4).useAmp(true).build();
        assertEquals(4, changed.batchSize());
        assertTrue(changed.useAmp());
        assertEquals(t.toBuilder().batchSize(4).useAmp(true).build(), changed);
        assertEquals(t.learningRate(), changed.learningRate());
        assertEquals(t.logInterval(), changed.logInterval());
    }

    @Test
    void validatesWhatItBuilds() {
        var e = assertThrows(ConfigException.class, () -> TrainConfig.defaults().toBuilder().batchSize(0).build());
        assertTrue(e.getMessage().contains("batch_size"), e.getMessage());
    }

    @Test
    void trainingByEpochsClearsTheStepLimit() {
        TrainConfig byEpochs = TrainConfig.defaults().withMaxEpochs(3);
        assertEquals(3, byEpochs.maxEpochs());
        assertEquals(0, byEpochs.maxSteps());
    }
}
