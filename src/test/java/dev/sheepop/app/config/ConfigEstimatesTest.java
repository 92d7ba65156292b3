package dev.sheepop.app.config;

import dev.sheepop.config.Presets;
import dev.sheepop.config.RunConfig;
import dev.sheepop.train.Memory;
import dev.sheepop.train.StepTime;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Config pane's figures are the core's own: the trainer's memory check, its FLOP count, the measured step time. */
class ConfigEstimatesTest {
    private static final RunConfig REFERENCE = Presets.shakespeareCharCpu();
    private static final RunConfig RESOLVED = REFERENCE.withModel(REFERENCE.model().withVocabSize(69));

    @Test
    void withAMeasuredSpeedEveryFigureIsTheCoresFormula() {
        var speed = new StepTime(0.002, 20e9);
        var est = ConfigEstimates.of(REFERENCE, 69, speed);
        assertEquals(69, est.vocabSize());
        assertEquals(RESOLVED.model().parameterCount(), est.parameters());
        assertEquals(Memory.estimate(RESOLVED, est.threads()), est.memoryBytes());
        assertEquals(RESOLVED.model().trainingFlopsPerToken(64), est.flopsPerToken());
        // per step: 4 layers × 2 ms + 6N+12LCT FLOPs per token × 12 × 64 tokens at 20 GFLOP/s on the threads
        double flops = est.flopsPerToken() * 12 * 64;
        assertEquals(4 * 0.002 + flops / (20e9 * est.threads()), est.secondsPerStep(), 1e-15);
        assertEquals(2000, est.steps());
        assertEquals(String.format("≈ %.0f min", 2000 * est.secondsPerStep() / 60), est.totalTimeText());
        assertEquals(String.format("vocabulary 69; %d training thread%s; time from this machine's measured speed",
                est.threads(), est.threads() == 1 ? "" : "s"), est.basisText());
    }

    @Test
    void untilTheSpeedIsMeasuredTheTimeAssumes27GflopPerSecond() {
        var est = ConfigEstimates.of(REFERENCE, 69, null);
        assertEquals(est.flopsPerToken() * 12 * 64 / 27e9, est.secondsPerStep(), 1e-15);
        assertEquals(false, est.measuredSpeed());
    }

    @Test
    void aBpeTokenizerGivesTheVocabularyAndAnExplicitVocabularyWins() {
        assertEquals(2048, ConfigEstimates.of(Presets.get("default"), 69, null).vocabSize());
        var fixed = REFERENCE.withModel(REFERENCE.model().withVocabSize(500));
        assertEquals(500, ConfigEstimates.of(fixed, 69, null).vocabSize());
    }

    @Test
    void aRunCountedInEpochsHasNoTotalTime() {
        var byEpochs = REFERENCE.withTraining(REFERENCE.training().withMaxEpochs(2));
        assertEquals("by epochs: depends on the data", ConfigEstimates.of(byEpochs, 69, null).totalTimeText());
    }
}
