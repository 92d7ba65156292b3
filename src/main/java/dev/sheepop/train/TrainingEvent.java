package dev.sheepop.train;

import dev.sheepop.config.RunConfig;

import java.nio.file.Path;
import java.time.Duration;

/** What a {@link Trainer} reports while it runs, in order: Started, then Step/Eval/Checkpointed/Notice, then Finished or Failed. */
public sealed interface TrainingEvent {
    /**
     * The run begins (or resumes at {@code startStep}); {@code data} describes the token streams (tokenizer, sizes);
     * {@code floors} are the baseline floors of its data (what token statistics alone reach).
     */
    record Started(Path runDir, long startStep, long totalSteps, int stepsPerEpoch, long parameterCount,
                   String backend, RunConfig config, String data, dev.sheepop.insight.BaselineFloors floors) implements TrainingEvent {
    }

    /** Something the user should read once (e.g. mixed precision unavailable on the CPU). */
    record Notice(String message) implements TrainingEvent {
    }

    /** One optimizer step done; {@code step} counts from 1, {@code epoch} from 0. Memory: heap used + ND4J off-heap, bytes. */
    record Step(long step, long totalSteps, int epoch, double loss, double lr, double gradNorm, double tokensPerSec,
                Duration elapsed, Duration eta, long memoryBytes) implements TrainingEvent {
    }

    /** An evaluation: mean training loss since the last one, validation loss (NaN without validation data). */
    record Eval(long step, double trainLoss, double valLoss, double perplexity, double bitsPerChar) implements TrainingEvent {
    }

    /** A checkpoint was written; kind is interval, epoch, best, final or stop. */
    record Checkpointed(Path path, String kind, long step) implements TrainingEvent {
    }

    record Finished(TrainResult result) implements TrainingEvent {
    }

    record Failed(String message, long step) implements TrainingEvent {
    }
}
