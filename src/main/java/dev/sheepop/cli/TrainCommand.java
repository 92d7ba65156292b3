package dev.sheepop.cli;

import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.checkpoint.RunFolders;
import dev.sheepop.common.RunLayout;
import dev.sheepop.config.ConfigIO;
import dev.sheepop.config.Presets;
import dev.sheepop.config.RunConfig;
import dev.sheepop.config.TokenizerConfig;
import dev.sheepop.config.TrainConfig;
import dev.sheepop.data.Corpus;
import dev.sheepop.data.CorpusSource;
import dev.sheepop.data.TrainingData;
import dev.sheepop.ingest.IngestEvent;
import dev.sheepop.train.TrainResult;
import dev.sheepop.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code sheepop train}: trains (or resumes) a model on a file, a raw folder or an ingested dataset. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a GPT-style model on your text.",
                "Writes runs/<name>-<timestamp>/ (or --out): config.json, metrics.jsonl, checkpoints/, plots.",
                "Ctrl-C saves a checkpoint first; continue with --resume RUN_DIR."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "PATH",
            description = "A text file, a raw folder (ingested on the fly) or a dataset folder from 'sheepop ingest'.")
    Path data;

    @Option(names = "--config", paramLabel = "FILE", description = "config.json (model / training / data / device / seed).")
    Path configFile;

    @Option(names = "--preset", paramLabel = "NAME", description = "Start from a preset: ${COMPLETION-CANDIDATES}.",
            completionCandidates = PresetNames.class)
    String preset;

    @Option(names = "--resume", paramLabel = "CKPT", description = "Continue from a checkpoint folder or a run folder (its last checkpoint).")
    Path resume;

    @Option(names = "--device", paramLabel = "D", description = "cpu, cuda or auto (default: the config's).")
    String device;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<name>-<timestamp>; with --resume, the checkpoint's run folder).")
    Path out;

    @Option(names = "--max-steps", paramLabel = "N", description = "Train for N optimizer steps.")
    Integer maxSteps;

    @Option(names = "--max-epochs", paramLabel = "N", description = "Train for N epochs (max_steps 0).")
    Integer maxEpochs;

    @Option(names = "--tokenizer", paramLabel = "SPEC",
            description = {"char, bpe, bpe:N (a BPE vocabulary of N tokens learned from the training text), or a",
                    "tokenizer.json file to use as it is (default: the config's; see 'sheepop tokenizer lab')."})
    String tokenizer;

    @Option(names = "--threads", paramLabel = "N",
            description = "Data-parallel training threads, each on a slice of every batch (default: 2 on 2+ cores for models of 1+ GFLOP per batch, else 1).")
    Integer threads;

    @Option(names = "--print-config", description = "Print the configuration that would be used (defaults, preset, file, options) and exit.")
    boolean printConfig;

    @Spec
    CommandSpec spec;

    static final class PresetNames extends java.util.ArrayList<String> {
        PresetNames() {
            super(Presets.all().keySet());
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter outw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads != null) {
            Options.atLeast(spec, "--threads", threads, 1);
        }
        RunConfig config = buildConfig();
        if (printConfig) {
            outw.println(ConfigIO.toJson(config));
            return Cli.OK;
        }
        Trainer trainer;
        TrainResult result;
        try (ProgressBar bar = ProgressBar.on(err)) {
            var printer = new TrainProgress(bar);
            trainer = resume != null ? resumeTrainer(printer) : newTrainer(config, bar, printer);
            if (threads != null) {
                trainer.threads(threads);
            }
            result = runWithHook(trainer);
        }
        outw.println(TrainProgress.summary(result, trainer.runDir()));
        outw.flush();
        return result.status() == TrainResult.Status.FAILED ? Cli.FAILED : Cli.OK;
    }

    private Trainer resumeTrainer(TrainProgress printer) {
        var ckpt = Checkpoints.load(resume);
        Path dataPath = data != null ? data : Path.of(ckpt.config().data().dataDir());
        Path ownRun = RunLayout.runOf(ckpt.dir());
        Path runDir = out != null ? out : ownRun != null ? ownRun : defaultRunDir(dataPath);
        Corpus corpus = CorpusSource.read(dataPath, ckpt.config().data(), runDir.resolve("dataset"), e -> { });
        var td = TrainingData.of(corpus, ckpt.tokenizer(), ckpt.config().data().valFraction());
        var trainer = Trainer.resume(resume, td, printer, this::adjust, runDir);
        if (!Files.exists(ckpt.dir().resolve(RunLayout.OPTIMIZER))) {
            spec.commandLine().getErr().println("Weights only: " + ckpt.dir() + " has no optimizer state, so training starts "
                    + "from its weights with a fresh optimizer at step 0.");
        }
        return trainer;
    }

    private Trainer newTrainer(RunConfig config, ProgressBar bar, TrainProgress printer) {
        Path dataPath = data != null ? data : Path.of(config.data().dataDir());
        Path runDir = out != null ? out : defaultRunDir(dataPath);
        Corpus corpus = CorpusSource.read(dataPath, config.data(), runDir.resolve("dataset"), e -> {
            if (e instanceof IngestEvent.FileDone d) {
                synchronized (bar) {
                    bar.update(d.done(), d.total(), "ingesting " + dataPath);
                }
            }
        });
        var td = TrainingData.prepare(corpus, config.tokenizer(), config.data().valFraction(), (phase, fraction) -> {
            synchronized (bar) {
                bar.update(Math.round(fraction * 1000), 1000, phase.equals("encoding") ? "encoding the text"
                        : "learning the tokenizer (" + config.tokenizer().describe() + "): " + phase);
            }
        }, () -> Thread.currentThread().isInterrupted());
        return new Trainer(config.withData(config.data().withDataDir(dataPath.toString())), td, runDir, printer);
    }

    /** Runs the trainer; Ctrl-C (JVM shutdown) asks it to stop, and waits while it saves its checkpoint. */
    private static TrainResult runWithHook(Trainer trainer) {
        var done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            trainer.requestStop();
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sheepop-train-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return trainer.run();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the checkpoint
            }
        }
    }

    private RunConfig buildConfig() {
        if (preset != null && !Presets.all().containsKey(preset)) {
            throw Options.usage(spec, "--preset: unknown preset '" + preset + "' (known: " + String.join(", ", Presets.all().keySet()) + ")");
        }
        RunConfig base = preset != null ? Presets.get(preset) : RunConfig.defaults();
        RunConfig config = configFile != null ? ConfigIO.read(configFile, base) : base;
        if (device != null) {
            try {
                config = config.withDevice(RunConfig.Device.valueOf(device.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw Options.usage(spec, "--device: must be cpu, cuda or auto, got '" + device + "'");
            }
        }
        if (tokenizer != null) {
            config = config.withTokenizer(tokenizerSpec(tokenizer, config.tokenizer()));
        }
        config = config.withTraining(adjust(config.training()));
        if (data != null) {
            config = config.withData(config.data().withDataDir(data.toString()));
        }
        return config;
    }

    /** {@code --tokenizer}: char, bpe, bpe:N or a tokenizer.json path. */
    private TokenizerConfig tokenizerSpec(String value, TokenizerConfig current) {
        String v = value.trim();
        if (v.equalsIgnoreCase("char")) {
            return TokenizerConfig.chars();
        }
        if (v.equalsIgnoreCase("bpe")) {
            return current.type() == TokenizerConfig.Type.BPE && current.file() == null ? current : TokenizerConfig.bpe(2048);
        }
        if (v.toLowerCase(Locale.ROOT).startsWith("bpe:")) {
            int n;
            try {
                n = Integer.parseInt(v.substring(4).trim());
            } catch (NumberFormatException e) {
                throw Options.usage(spec, "--tokenizer: '" + value + "' is not bpe:N with a whole number N");
            }
            Options.range(spec, "--tokenizer bpe:N", n, TokenizerConfig.MIN_BPE_VOCAB, TokenizerConfig.MAX_BPE_VOCAB);
            return new TokenizerConfig(TokenizerConfig.Type.BPE, n, current.minFrequency(), null);
        }
        Path file = Path.of(v);
        if (!Files.isRegularFile(file)) {
            throw Options.usage(spec, "--tokenizer: '" + value + "' is not char, bpe, bpe:N or an existing tokenizer.json file");
        }
        return TokenizerConfig.fromFile(file.toString());
    }

    private TrainConfig adjust(TrainConfig t) {
        if (maxSteps != null && maxEpochs != null) {
            throw Options.usage(spec, "--max-steps and --max-epochs exclude each other");
        }
        if (maxSteps != null) {
            Options.atLeast(spec, "--max-steps", maxSteps, 1);
            return t.withMaxSteps(maxSteps);
        }
        if (maxEpochs != null) {
            Options.atLeast(spec, "--max-epochs", maxEpochs, 1);
            return t.withMaxEpochs(maxEpochs);
        }
        return t;
    }

    static Path defaultRunDir(Path dataPath) {
        return RunFolders.create(Path.of("runs"), RunFolders.nameFor(dataPath), java.time.Clock.systemDefaultZone());
    }
}
