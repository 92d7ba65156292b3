package dev.sheepop.app.config;

import dev.sheepop.config.RunConfig;

/**
 * Figures derived from a config, shown live while it is edited: parameters, training memory, FLOPs per
 * token and time per step. Time per step assumes the throughput the SameDiff trainer reached on a 2-core
 * CPU (≈ 27 GFLOP/s of model FLOPs: 5,100 tokens/s at 5.25 MFLOP/token), so it is an order of magnitude.
 */
public record ConfigEstimates(long parameters, long memoryBytes, double flopsPerToken, double secondsPerStep,
                              int vocabSize, long steps) {
    /** Model FLOP/s assumed for the time estimate. */
    public static final double ASSUMED_FLOPS_PER_SECOND = 27e9;
    private static final long RUNTIME_BASELINE_BYTES = 250L << 20;

    /**
     * The estimates of {@code config}; {@code assumedVocab} stands for the vocabulary of a character tokenizer (the
     * dataset's distinct characters + 4) or of a tokenizer file until one is read.
     */
    public static ConfigEstimates of(RunConfig config, int assumedVocab) {
        var tokenizer = config.tokenizer();
        int vocab = config.model().vocabSize() > 0 ? config.model().vocabSize()
                : tokenizer.type() == dev.sheepop.config.TokenizerConfig.Type.BPE && tokenizer.file() == null
                ? tokenizer.vocabSize() : assumedVocab;
        var model = config.model().withVocabSize(vocab);
        int t = config.data().maxLength();
        int b = config.training().batchSize();
        long c = model.dModel();
        long h = model.numHeads();
        long l = model.numLayers();
        long params = model.parameterCount();
        // weights + gradients + two Adam moments, fp32
        long state = params * 4L * 4L;
        // activations kept for backward: ≈ 68·B·T·C + 10·B·H·T² bytes per layer in fp32, plus logits (x3)
        long activations = l * (68L * b * t * c + 10L * b * h * t * t) + 12L * b * t * vocab;
        double flops = model.trainingFlopsPerToken(t);
        double tokensPerStep = (double) b * t * config.training().gradientAccumulationSteps();
        return new ConfigEstimates(params, state + activations + RUNTIME_BASELINE_BYTES, flops,
                flops * tokensPerStep / ASSUMED_FLOPS_PER_SECOND, vocab, config.training().maxSteps());
    }

    public String parametersText() {
        return parameters >= 1_000_000 ? String.format("%.2fM", parameters / 1e6)
                : parameters >= 1_000 ? String.format("%.1fk", parameters / 1e3) : Long.toString(parameters);
    }

    public String memoryText() {
        return String.format("≈ %d MB", Math.round(memoryBytes / 1048576.0));
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
        return String.format("vocabulary %,d; time at ≈ %.0f GFLOP/s", vocabSize, ASSUMED_FLOPS_PER_SECOND / 1e9);
    }

    public String stepTimeText() {
        return secondsPerStep < 1 ? String.format("≈ %.0f ms", secondsPerStep * 1000)
                : String.format("≈ %.1f s", secondsPerStep);
    }
}
