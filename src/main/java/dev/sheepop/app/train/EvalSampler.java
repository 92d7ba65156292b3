package dev.sheepop.app.train;

import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.insight.RetrievalSource;
import dev.sheepop.insight.Memorisation;
import dev.sheepop.config.RunConfig;
import dev.sheepop.generate.Generator;
import dev.sheepop.generate.SamplingSettings;
import dev.sheepop.tokenizer.Tokenizer;
import dev.sheepop.train.Trainer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Locale;
import java.util.Map;

/**
 * The short text sample shown at each evaluation: generated on a background job from a copy of the
 * current weights, at most one at a time (an evaluation that comes while one runs is skipped), with what it copies
 * from the corpus.
 */
final class EvalSampler {
    private static final int SAMPLE_TOKENS = 120;
    private final JobRunner jobs;
    private final ReadOnlyStringWrapper sample = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper copying = new ReadOnlyStringWrapper("");
    private boolean sampling;
    private RetrievalSource retrieval;

    EvalSampler(JobRunner jobs) {
        this.jobs = jobs;
    }

    /** Starts a sample from {@code trainer}'s current weights unless one is running; UI thread. */
    void sampleNow(Trainer trainer, RunConfig config, Tokenizer tokenizer) {
        if (trainer == null || config == null || tokenizer == null || sampling) {
            return;
        }
        sampling = true;
        RetrievalSource source = retrieval;
        jobs.submit("Sampling", handle -> {
            var generator = generator(trainer, config, tokenizer);
            String text = generator == null ? "" : generator.generate("\n",
                    SamplingSettings.defaults().withMaxNewTokens(SAMPLE_TOKENS), null, null).text();
            return new Sample(text, copyingOf(text, source));
        }, s -> {
            sampling = false;
            sample.set(s.text());
            copying.set(s.copying());
        }, e -> {
            sampling = false;
            sample.set("(sample failed: " + Notifier.oneLine(e) + ")");
        });
    }

    private record Sample(String text, String copying) {
    }

    /** The memorisation meter on a sample: "" without a dataset. */
    private static String copyingOf(String text, RetrievalSource source) {
        if (text.isEmpty() || source == null || !source.available()) {
            return "";
        }
        var c = source.get().copying(text, Memorisation.DEFAULT_MIN_LENGTH);
        return c.longest() == null ? "Nothing copied from your corpus."
                : String.format(Locale.ROOT, "Longest span copied from your corpus: %,d characters (%s)%s", c.longestLength(),
                c.longest().file(), c.spans().isEmpty() ? "" : String.format(Locale.ROOT, " · %d span%s of %d+", c.spans().size(),
                c.spans().size() == 1 ? "" : "s", c.minLength()));
    }

    /** Where the sample's copies are looked for (the open dataset). */
    void setRetrieval(RetrievalSource retrieval) {
        this.retrieval = retrieval;
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
        copying.set("");
    }

    /** What the last sample copies from the corpus ("" when unknown). */
    ReadOnlyStringProperty copyingProperty() {
        return copying.getReadOnlyProperty();
    }

    ReadOnlyStringProperty sampleProperty() {
        return sample.getReadOnlyProperty();
    }
}
