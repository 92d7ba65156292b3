package dev.sheepop.config;

import dev.sheepop.common.UserException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named starting points. {@code tiny} trains in seconds (tests, demos); {@code shakespeare-char-cpu} is
 * exactly the reference workload of docs/performance.md (nanoGPT's CPU configuration).
 */
public final class Presets {
    private Presets() {
    }

    public static Map<String, RunConfig> all() {
        var presets = new LinkedHashMap<String, RunConfig>();
        presets.put("default", RunConfig.defaults());
        presets.put("tiny", tiny());
        presets.put("shakespeare-char-cpu", shakespeareCharCpu());
        return presets;
    }

    public static RunConfig get(String name) {
        RunConfig preset = all().get(name);
        if (preset == null) {
            throw new UserException("Unknown preset '" + name + "' (known: " + String.join(", ", all().keySet()) + ")");
        }
        return preset;
    }

    /** 2 layers, 32 wide, context 32: a few hundred steps in seconds on one core. */
    public static RunConfig tiny() {
        var model = new GptConfig(0, 32, 2, 2, 64, 32, 0.0, GptConfig.Activation.GELU,
                GptConfig.PositionalEncoding.LEARNED, true, false, GptConfig.NormPosition.PRE);
        var training = TrainConfig.defaults().toBuilder().batchSize(8).maxSteps(200).learningRate(3e-3).minLr(3e-4)
                .warmupSteps(20).evalInterval(50).evalIters(5).checkpointInterval(100).keepCheckpoints(2).build();
        var data = new DataConfig("sample-data", 32, 16, 0, 0.1, DataConfig.Sampling.RANDOM, 10, true);
        return new RunConfig(model, TokenizerConfig.chars(), training, data, RunConfig.Device.AUTO, 1337);
    }

    /** The reference: 4 layers, 4 heads, 128 wide, d_ff 512, T=64, batch 12, 2000 steps, AdamW 1e-3 → 1e-4. */
    public static RunConfig shakespeareCharCpu() {
        var model = new GptConfig(0, 128, 4, 4, 512, 64, 0.0, GptConfig.Activation.GELU,
                GptConfig.PositionalEncoding.LEARNED, true, false, GptConfig.NormPosition.PRE);
        var training = TrainConfig.defaults().toBuilder().lrDecaySteps(2000).build();   // decay over the whole run
        var data = new DataConfig("sample-data/tinyshakespeare.txt", 64, 64, 0, 0.1, DataConfig.Sampling.RANDOM, 0, false);
        return new RunConfig(model, TokenizerConfig.chars(), training, data, RunConfig.Device.CPU, 1337);
    }
}
