package dev.sheepop.train;

import dev.sheepop.common.Medians;
import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.config.RunConfig;
import dev.sheepop.config.TokenizerConfig;
import dev.sheepop.config.TrainConfig;
import dev.sheepop.data.Corpus;
import dev.sheepop.data.TrainingData;
import dev.sheepop.tokenizer.BpeTrainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Which tokenizer gives the best model for the same training time? For each tokenizer: the same model and settings,
 * a short calibration run to measure this machine's time per step with that vocabulary, then a full run (warm-up and
 * cosine decay included) of as many steps as fit in the time budget, and finally the validation loss over the whole
 * validation split, in bits per character: the one measure that compares tokenizers.
 */
public final class TokenizerComparison {
    /** One tokenizer's result. */
    public record Entry(TokenizerConfig tokenizer, int vocabSize, double charsPerToken, double msPerStep, int steps,
                        double trainSeconds, double valLoss, double bitsPerChar) {
        public String name() {
            return tokenizer.type() == TokenizerConfig.Type.CHAR ? "characters" : String.format("BPE %,d", tokenizer.vocabSize());
        }
    }

    private static final int CALIBRATION_STEPS = 60;

    private TokenizerComparison() {
    }

    /** Runs every tokenizer in turn with {@code base}'s model and training settings, {@code seconds} of training each. */
    public static List<Entry> run(Corpus corpus, RunConfig base, List<TokenizerConfig> tokenizers, double seconds, Path workDir,
                                  Consumer<String> log) throws IOException {
        var entries = new ArrayList<Entry>();
        // a first calibration warms the JIT up (two training threads run slowly for their first few seconds), so that
        // the first tokenizer's calibration is not slower than the others'
        var first = base.withTokenizer(tokenizers.get(0));
        calibrate(first, TrainingData.prepare(corpus, first.tokenizer(), first.data().valFraction(), BpeTrainer.Progress.NONE,
                () -> false), workDir.resolve("warm-up"));
        for (TokenizerConfig tokenizer : tokenizers) {
            var config = base.withTokenizer(tokenizer);
            var data = TrainingData.prepare(corpus, tokenizer, config.data().valFraction(), BpeTrainer.Progress.NONE, () -> false);
            double ms = calibrate(config, data, workDir.resolve("calibrate-" + entries.size()));
            int steps = Math.max(CALIBRATION_STEPS, (int) (seconds * 1000 / ms));
            log.accept(String.format(java.util.Locale.ROOT, "%s: %.1f ms per step, %.2f characters per token: %,d steps in %.0f s",
                    tokenizer.describe(), ms, data.charsPerToken(), steps, seconds));
            var t = config.training();
            var run = config.withTraining(t.toBuilder().maxEpochs(1).maxSteps(steps)
                    .warmupSteps(Math.min(t.warmupSteps(), steps / 10)).lrDecaySteps(steps).evalInterval(steps)
                    .checkpointInterval(0).keepCheckpoints(1).build());
            long t0 = System.nanoTime();
            var trainer = new Trainer(run, data, workDir.resolve("run-" + entries.size()), e -> { });
            TrainResult result = trainer.run();
            double trained = (System.nanoTime() - t0) / 1e9;
            var resolved = trainer.config();
            var weights = Checkpoints.load(result.lastCheckpoint()).weights();
            var whole = ValidationLoss.wholeSplit(resolved.model(), resolved.data().maxLength(), resolved.training().batchSize(),
                    resolved.training().evalIters(), data.val(), weights);
            var entry = new Entry(tokenizer, data.tokenizer().vocabSize(), data.charsPerToken(), ms, steps, trained, whole.mean(),
                    data.bitsPerChar(whole.mean()));
            log.accept(String.format(java.util.Locale.ROOT, "%s: trained %.0f s; validation loss %.4f nats per token = %.3f bits per character",
                    entry.name(), trained, entry.valLoss(), entry.bitsPerChar()));
            entries.add(entry);
        }
        return entries;
    }

    /** Median milliseconds per training step of this config on this machine (steps 21 to 59 of a short run). */
    static double calibrate(RunConfig config, TrainingData data, Path runDir) throws IOException {
        var t = config.training();
        var shortRun = config.withTraining(t.toBuilder().maxEpochs(1).maxSteps(CALIBRATION_STEPS).warmupSteps(5)
                .lrDecaySteps(CALIBRATION_STEPS).evalInterval(CALIBRATION_STEPS).evalIters(1).checkpointInterval(0)
                .keepCheckpoints(1).build());
        var times = new ArrayList<Double>();
        long[] previous = {0};
        new Trainer(shortRun, data, runDir, e -> {
            long now = System.nanoTime();
            if (e instanceof TrainingEvent.Step s && s.step() > 20 && s.step() < CALIBRATION_STEPS) {
                times.add((now - previous[0]) / 1e6);
            }
            previous[0] = System.nanoTime();
        }).run();
        Files.createDirectories(runDir);
        return Medians.of(times);
    }
}
