package dev.sheepop.app.config;

import dev.sheepop.config.RunConfig;
import dev.sheepop.config.TokenizerConfig;
import dev.sheepop.train.Memory;
import dev.sheepop.train.StepTime;
import dev.sheepop.train.Trainer;

/**
 * Figures derived from a config, shown live while it is edited: parameters, peak memory of training (the estimate the
 * trainer checks before it starts), FLOPs per token, time per step and for the whole run. The time comes from this
 * machine's measured speed ({@link StepTime}); until that is measured, from an assumed 27 GFLOP/s.
 */
public record ConfigEstimates(long parameters, long memoryBytes, double flopsPerToken, double secondsPerStep,
                              int vocabSize, long steps, int threads, boolean measuredSpeed) {
    /** Model FLOP/s assumed for the time estimate until this machine's speed is measured. */
    public static final double ASSUMED_FLOPS_PER_SECOND = 27e9;

    /**
     * The estimates of {@code config}; {@code assumedVocab} stands for the vocabulary of a character tokenizer (the
     * dataset's distinct characters + 4) or of a tokenizer file until one is read; {@code speed} may be null.
     */
    public static ConfigEstimates of(RunConfig config, int assumedVocab, StepTime speed) {
        var tokenizer = config.tokenizer();
        int vocab = config.model().vocabSize() > 0 ? config.model().vocabSize()
                : tokenizer.type() == TokenizerConfig.Type.BPE && tokenizer.file() == null ? tokenizer.vocabSize() : assumedVocab;
        var resolved = config.withModel(config.model().withVocabSize(vocab));
        int t = config.data().maxLength();
        int threads = Math.min(Trainer.threadsFor(resolved), config.training().batchSize());
        double flops = resolved.model().trainingFlopsPerToken(t);
        double tokensPerStep = (double) config.training().effectiveBatchSize() * t;
        double seconds = speed != null ? speed.seconds(resolved, threads) : flops * tokensPerStep / ASSUMED_FLOPS_PER_SECOND;
        return new ConfigEstimates(resolved.model().parameterCount(), Memory.estimate(resolved, threads), flops, seconds, vocab,
                config.training().maxSteps(), threads, speed != null);
    }

    public String parametersText() {
        return parameters >= 1_000_000 ? String.format("%.2fM", parameters / 1e6)
                : parameters >= 1_000 ? String.format("%.1fk", parameters / 1e3) : Long.toString(parameters);
    }

    public String memoryText() {
        return String.format("≈ %,d MB", Math.round(memoryBytes / 1048576.0));
    }

    public String flopsText() {
        return String.format("%.2f MFLOP", flopsPerToken / 1e6);
    }

    /** The whole run: steps × time per step (unknown when the run is counted in epochs). */
    public String totalTimeText() {
        if (steps <= 0) {
            return "by epochs: depends on the data";
        }
        double s = steps * secondsPerStep;
        return s < 90 ? String.format("≈ %.0f s", s) : s < 5400 ? String.format("≈ %.0f min", s / 60)
                : String.format("≈ %.1f h", s / 3600);
    }

    /** What the estimates assume. */
    public String basisText() {
        return String.format("vocabulary %,d; %d training thread%s; %s", vocabSize, threads, threads == 1 ? "" : "s",
                measuredSpeed ? "time from this machine's measured speed" : "measuring this machine's speed…");
    }

    public String stepTimeText() {
        return secondsPerStep < 1 ? String.format("≈ %.0f ms", secondsPerStep * 1000)
                : String.format("≈ %.1f s", secondsPerStep);
    }
}
