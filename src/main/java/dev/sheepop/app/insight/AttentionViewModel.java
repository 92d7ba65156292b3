package dev.sheepop.app.insight;

import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.generate.Generator;
import dev.sheepop.generate.AttentionMap;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;

import java.util.Locale;

/**
 * Where each token of a prompt looks: the attention map of a prompt under a model (computed in the background by the
 * plain-Java decoder), and which layer and head to show ({@link #AVERAGE}: the mean of the layer's heads).
 */
public final class AttentionViewModel {
    /** The head value that shows the average of all heads of the layer. */
    public static final int AVERAGE = -1;
    private final JobRunner jobs;
    private final Notifier notifier;
    private final ReadOnlyObjectWrapper<AttentionMap> map = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty layer = new SimpleIntegerProperty(0);
    private final IntegerProperty head = new SimpleIntegerProperty(AVERAGE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(
            "Shows where each token of the prompt looks, for the model on the left. Press Show.");

    public AttentionViewModel(JobRunner jobs, Notifier notifier) {
        this.jobs = jobs;
        this.notifier = notifier;
    }

    /** Computes the map of {@code prompt} under {@code generator} ("model" names it in the status line). */
    public void compute(Generator generator, String model, String prompt) {
        if (generator == null) {
            status.set("No model yet: train one or open a checkpoint.");
            return;
        }
        status.set("Computing attention…");
        jobs.submit("Computing attention", h -> AttentionMap.of(generator, prompt == null ? "" : prompt), m -> {
            if (layer.get() >= m.layers()) {
                layer.set(m.layers() - 1);
            }
            if (head.get() >= m.heads()) {
                head.set(AVERAGE);
            }
            map.set(m);
            status.set(String.format(Locale.ROOT, "%s · %d tokens%s · %d layers × %d heads · row: a token, columns: the tokens it looks at",
                    model, m.tokens().size(), m.tokens().size() == generator.config().maxSeqLen() ? " (the last context's worth)" : "",
                    m.layers(), m.heads()));
        }, e -> {
            status.set("Cannot compute attention: " + e.getMessage());
            notifier.error(e);
        });
    }

    /** The weights shown: [query token][key token] of the chosen layer and head (or the heads' average); null before a map. */
    public float[][] matrix() {
        AttentionMap m = map.get();
        if (m == null) {
            return null;
        }
        return head.get() == AVERAGE ? m.averageOfHeads(layer.get()) : m.head(layer.get(), head.get());
    }

    public ReadOnlyObjectProperty<AttentionMap> mapProperty() {
        return map.getReadOnlyProperty();
    }

    /** 0-based layer. */
    public IntegerProperty layerProperty() {
        return layer;
    }

    /** 0-based head, or {@link #AVERAGE}. */
    public IntegerProperty headProperty() {
        return head;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
