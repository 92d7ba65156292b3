package dev.sheepop.app;

import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.config.DataConfig;
import dev.sheepop.config.GptConfig;
import dev.sheepop.config.RunConfig;
import dev.sheepop.config.TrainConfig;
import dev.sheepop.data.Corpus;
import dev.sheepop.data.TrainingData;
import dev.sheepop.ingest.Dataset;
import dev.sheepop.ingest.IngestListener;
import dev.sheepop.ingest.IngestOptions;
import dev.sheepop.ingest.Ingestor;
import dev.sheepop.train.TrainResult;
import dev.sheepop.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Builds the small model shipped in sample-data/.checkpoint (weights only, under 1 MB): ingests sample-data
 * like the workbench does on first launch and trains a 2-layer, 64-wide character model on it.
 * Run from the repository root: {@code java -cp target/test-classes:target/classes:<deps> dev.sheepop.app.SampleModelTool [steps]}.
 */
public final class SampleModelTool {
    private SampleModelTool() {
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        Path sampleData = Path.of("sample-data");
        Path work = Files.createTempDirectory("sample-model");
        var report = new Ingestor(IngestOptions.defaults()).run(List.of(sampleData), work.resolve("dataset"),
                IngestListener.NONE, () -> false);
        Dataset d = Dataset.open(report.datasetDir());
        var model = new GptConfig(0, 64, 2, 4, 256, 64, 0.0, GptConfig.Activation.GELU,
                GptConfig.PositionalEncoding.LEARNED, true, false);
        var training = new TrainConfig(16, 1, steps, 3e-3, 3e-4, 0.1, 0.9, 0.99, 50, steps, 1.0, 1, false,
                250, 10, 0, 1, 50);
        var data = new DataConfig("sample-data", 64, 64, 0, 0.1, DataConfig.Sampling.RANDOM, 10, true);
        var config = new RunConfig(model, training, data, RunConfig.Device.CPU, 1337);
        var corpus = new Corpus(d.documents(), d.corpusHash(), "sample-data");
        var trainer = new Trainer(config, TrainingData.of(corpus, 0.1), work.resolve("run"), e -> {
            if (e instanceof dev.sheepop.train.TrainingEvent.Eval ev) {
                System.err.printf("step %d train %.3f val %.3f%n", ev.step(), ev.trainLoss(), ev.valLoss());
            }
        });
        TrainResult result = trainer.run();
        Path from = result.lastCheckpoint();
        Path to = sampleData.resolve(MainWindow.SAMPLE_CHECKPOINT);
        Files.createDirectories(to);
        for (String name : List.of(Checkpoints.META, Checkpoints.CONFIG, Checkpoints.TOKENIZER, Checkpoints.WEIGHTS)) {
            Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        System.err.println("wrote " + to + " from " + from + " (" + result.status() + ", " + result.elapsed() + ")");
    }
}
