package dev.sheepop.app.train;

import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.config.RunConfig;
import dev.sheepop.generate.Generator;
import dev.sheepop.generate.SamplingSettings;
import dev.sheepop.tokenizer.Tokenizer;
import dev.sheepop.train.Trainer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The short text sample shown at each evaluation: generated on a background job from a copy of the
 * current weights, at most one at a time (an evaluation that comes while one runs is skipped).
 */
final class EvalSampler {
    private static final int SAMPLE_TOKENS = 120;
    private final JobRunner jobs;
    private final ReadOnlyStringWrapper sample = new ReadOnlyStringWrapper("");
    private boolean sampling;

    EvalSampler(JobRunner jobs) {
        this.jobs = jobs;
    }

    /** Starts a sample from {@code trainer}'s current weights unless one is running; UI thread. */
    void sampleNow(Trainer trainer, RunConfig config, Tokenizer tokenizer) {
        if (trainer == null || config == null || tokenizer == null || sampling) {
            return;
        }
        sampling = true;
        jobs.submit("Sampling", handle -> {
            var generator = generator(trainer, config, tokenizer);
            return generator == null ? "" : generator.generate("\n",
                    SamplingSettings.defaults().withMaxNewTokens(SAMPLE_TOKENS), null, null).text();
        }, text -> {
            sampling = false;
            sample.set(text);
        }, e -> {
            sampling = false;
            sample.set("(sample failed: " + Notifier.oneLine(e) + ")");
        });
    }

    /** A decoder over a copy of the trainer's current weights, or null before the first step; off the UI thread. */
    static Generator generator(Trainer trainer, RunConfig config, Tokenizer tokenizer) {
        Map<String, INDArray> weights = trainer.currentWeights();
        if (weights.isEmpty()) {
            return null;
        }
        return Generator.fromWeights(config.model(), tokenizer, weights);
    }

    void clear() {
        sample.set("");
    }

    ReadOnlyStringProperty sampleProperty() {
        return sample.getReadOnlyProperty();
    }
}
