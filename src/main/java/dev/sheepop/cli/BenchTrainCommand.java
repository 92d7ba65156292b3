package dev.sheepop.cli;

import dev.sheepop.common.FileTrees;
import dev.sheepop.config.Presets;
import dev.sheepop.config.RunConfig;
import dev.sheepop.data.CorpusSource;
import dev.sheepop.data.TrainingData;
import dev.sheepop.model.Backend;
import dev.sheepop.train.TrainBenchmark;
import dev.sheepop.train.TrainingEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sheepop bench train}: training speed and memory on the shakespeare-char-cpu reference workload (or the baby GPT). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Measure training speed on the shakespeare-char-cpu reference (4 layers, 128 wide, T=64, batch 12).",
                "Prints median ms/step, tokens/s, model GFLOP/s vs this machine's matmul GFLOP/s, peak memory, a step profile."})
public final class BenchTrainCommand implements Callable<Integer> {
    static final long MEMORY_LIMIT = 1_500_000_000L;

    @Option(names = "--steps", paramLabel = "N", description = "Steps to time (default 200; 50 with --baby).")
    Integer steps;

    @Option(names = "--baby", description = {"Measure nanoGPT's \"baby GPT\" instead: 6 layers, 6 heads, 384 wide, d_ff 1536,",
            "context 256, no dropout (ms/step and GFLOP/s; the reference's targets do not apply)."})
    boolean baby;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size for --baby (default ${DEFAULT-VALUE}).", defaultValue = "4")
    int babyBatch;

    @Option(names = "--full", description = "Run all 2000 steps of the reference and report the validation loss.")
    boolean full;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Measure a preset's model and settings instead of the reference (${COMPLETION-CANDIDATES}).",
            completionCandidates = TrainCommand.PresetNames.class)
    String preset;

    @Option(names = "--data", paramLabel = "FILE",
            description = "A text file to train on instead of the reference text (tinyshakespeare, inside SheepOp).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Keep the run here (default: a temporary folder, deleted).")
    Path out;

    @Option(names = "--threads", paramLabel = "N",
            description = "Data-parallel training threads (default as `sheepop train --threads`).")
    Integer threads;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Options.range(spec, "--batch", babyBatch, 1, 4096);
        if (preset != null && (!Presets.all().containsKey(preset) || baby)) {
            throw Options.usage(spec, baby ? "--preset and --baby exclude each other"
                    : "--preset: unknown preset '" + preset + "' (known: " + String.join(", ", Presets.all().keySet()) + ")");
        }
        RunConfig config = baby ? babyGpt(babyBatch) : preset != null ? Presets.get(preset) : Presets.shakespeareCharCpu();
        int n = full && !baby ? config.training().maxSteps() : steps != null ? steps : baby ? 50 : 200;
        Options.range(spec, "--steps", n, 20, 1_000_000);
        if (threads != null) {
            Options.atLeast(spec, "--threads", threads, 1);
        }
        var t = config.training().withMaxSteps(n);
        if (!full || baby) {
            // time training only: evaluate once at the end, no interval checkpoints
            t = t.toBuilder().lrDecaySteps(2000).evalInterval(n).checkpointInterval(0).build();
        }
        config = config.withTraining(t);
        var corpus = data != null ? CorpusSource.read(data) : dev.sheepop.data.ReferenceText.corpus();
        var td = TrainingData.prepare(corpus, config.tokenizer(), config.data().valFraction(), (p, f) -> { }, () -> false);
        int trainThreads = threads != null ? threads : dev.sheepop.train.Trainer.threadsFor(config);
        o.printf(Locale.ROOT, "Backend: %s, %d training thread%s%n", Backend.describe(), trainThreads, trainThreads == 1 ? "" : "s (data-parallel)");
        o.printf(Locale.ROOT, "Machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(), loadAverage());
        o.printf(Locale.ROOT, "Workload: %s, %d steps, batch %d x %d tokens, %s train tokens%n",
                baby ? "baby GPT (6 layers, 6 heads, 384 wide, T=256, " + String.format(Locale.ROOT, "%.1fM", config.model()
                        .withVocabSize(td.tokenizer().vocabSize()).parameterCount() / 1e6) + " parameters)"
                        : preset != null ? "preset " + preset : "shakespeare-char-cpu", n,
                config.training().batchSize(), config.data().maxLength(), String.format(Locale.ROOT, "%,d", td.train().length));
        o.flush();
        Path runDir = out != null ? out : Files.createTempDirectory("sheepop-bench-");
        TrainBenchmark.Result r;
        try (ProgressBar bar = ProgressBar.on(spec.commandLine().getErr())) {
            r = TrainBenchmark.run(config, td, runDir, e -> {
                if (e instanceof TrainingEvent.Step s) {
                    bar.update(s.step(), s.totalSteps(), String.format(Locale.ROOT, "loss %.4f  %,.0f tok/s", s.loss(), s.tokensPerSec()));
                }
            }, baby ? 3 : 20, full && !baby, trainThreads);
        } finally {
            if (out == null) {
                FileTrees.delete(runDir);
            }
        }
        var p = r.profile();
        o.printf(Locale.ROOT, "median step:        %.1f ms%n", r.medianStepMs());
        o.printf(Locale.ROOT, "tokens/s:           %,.0f%n", r.tokensPerSec());
        o.printf(Locale.ROOT, "model GFLOP/s:      %.1f   (6N + 12LCT = %.2f MFLOP/token)%n", r.modelGflops(),
                config.model().withVocabSize(td.tokenizer().vocabSize()).trainingFlopsPerToken(config.data().maxLength()) / 1e6);
        o.printf(Locale.ROOT, "matmul GFLOP/s:     %.1f   (1024^3 FP32, this process, now)%n", r.matmulGflops());
        o.printf(Locale.ROOT, "ratio:              %.2f%n", r.ratio());
        o.printf(Locale.ROOT, "peak memory:        heap %.0f MB, off-heap %.0f MB, process RSS %.0f MB (%.0f MB up to step %d)%n",
                r.peakHeapBytes() / 1e6, r.peakOffHeapBytes() / 1e6, r.peakRssBytes() / 1e6, r.peakRssAt200Bytes() / 1e6,
                Math.min(200, n));
        var resolved = config.withModel(config.model().withVocabSize(td.tokenizer().vocabSize()));
        o.printf(Locale.ROOT, "memory estimate:    %.0f MB (the Config pane's and the trainer's check; measured peak RSS %+.0f%%)%n",
                dev.sheepop.train.Memory.estimate(resolved, trainThreads) / 1e6,
                100.0 * (r.peakRssBytes() - dev.sheepop.train.Memory.estimate(resolved, trainThreads)) / dev.sheepop.train.Memory.estimate(resolved, trainThreads));
        var speed = dev.sheepop.train.StepTime.ofThisMachine();
        o.printf(Locale.ROOT, "time estimate:      %.1f ms/step (%.1f ms per layer + %.1f GFLOP/s, measured now)%n",
                speed.seconds(resolved, trainThreads) * 1000, speed.secondsPerLayer() * 1000, speed.flopsPerSecond() / 1e9);
        o.printf(Locale.ROOT, "step profile:       batch %.2f ms, forward %.1f ms, backward %.1f ms, clip+AdamW %.1f ms%n",
                p.batchMs(), p.forwardMs(), p.backwardMs(), p.optimizerMs());
        o.printf(Locale.ROOT, "losses:             train %.4f, val %s (%.3f bits/char); wall %.0f s%n", r.finalTrainLoss(),
                Double.isFinite(r.finalValLoss()) ? String.format(Locale.ROOT, "%.4f", r.finalValLoss()) : "n/a",
                td.bitsPerChar(Double.isFinite(r.finalValLoss()) ? r.finalValLoss() : r.finalTrainLoss()), r.wallSeconds());
        var whole = r.wholeValidation();
        if (whole != null) {
            o.printf(Locale.ROOT, "whole val split:    %.4f over %,d windows; the %d-batch estimate above scatters by +/- %.4f (1 s.e.)%n",
                    whole.mean(), whole.windows(), whole.evalIters(), whole.estimateError());
        }
        // only figures of this run: how fast relative to this machine's own matmul, memory, growth. Speed against
        // another program is measured side by side in one run (docs/performance.md), never against a remembered figure.
        o.println(verdict(r.ratio() >= 0.8, "model GFLOP/s >= 0.8 x one-thread matmul GFLOP/s (this process, now)"));
        long peak = Math.max(r.peakRssBytes(), r.peakHeapBytes() + r.peakOffHeapBytes());
        o.println(verdict(peak < MEMORY_LIMIT, String.format(Locale.ROOT, "peak memory %.0f MB < 1500 MB", peak / 1e6)));
        if (n > 200) {
            o.println(verdict(r.peakRssBytes() <= r.peakRssAt200Bytes() * 1.1, String.format(Locale.ROOT,
                    "no growth: peak RSS at step %d %.0f MB vs %.0f MB at step 200 (within 10%%)", n, r.peakRssBytes() / 1e6,
                    r.peakRssAt200Bytes() / 1e6)));
        }
        o.println("Compare with nanoGPT (PyTorch) side by side in one run: see docs/performance.md.");
        o.flush();
        return Cli.OK;
    }

    /** nanoGPT's "baby GPT" (10.7M parameters with its 65-character vocabulary), without dropout, batch {@code b}. */
    static RunConfig babyGpt(int b) {
        RunConfig ref = Presets.shakespeareCharCpu();
        var model = new dev.sheepop.config.GptConfig(0, 384, 6, 6, 1536, 256, 0.0, dev.sheepop.config.GptConfig.Activation.GELU,
                dev.sheepop.config.GptConfig.PositionalEncoding.LEARNED, true, false, dev.sheepop.config.GptConfig.NormPosition.PRE);
        var training = ref.training().toBuilder().batchSize(b).maxSteps(50).warmupSteps(10).lrDecaySteps(2000)
                .gradientAccumulationSteps(1).useAmp(false).evalInterval(50).evalIters(2).checkpointInterval(0).build();
        var d = ref.data();
        var data = new dev.sheepop.config.DataConfig(d.dataDir(), 256, 256, d.numWorkers(), d.valFraction(), d.sampling(),
                d.minLineLength(), d.ocr());
        return new RunConfig(model, ref.tokenizer(), training, data, ref.device(), ref.seed());
    }

    private static String verdict(boolean ok, String what) {
        return (ok ? "PASS  " : "MISS  ") + what;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

}
