package dev.sheepop.app.checkpoints;

import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.playground.ModelSlot;
import dev.sheepop.app.train.CurvePoint;
import dev.sheepop.checkpoint.CheckpointInfo;
import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.checkpoint.Metrics;
import dev.sheepop.checkpoint.RunLibrary;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The Checkpoints pane's state: the checkpoints under the runs folder (and the bundled sample one), the selection
 * (one to inspect, two to compare), the selected runs' configs and loss curves, and the actions Resume (only where
 * the checkpoint holds an optimizer state, else the reason), Open in Playground (two: side by side), Export and
 * Delete. Reading runs, metrics and configs is the core's ({@link RunLibrary}, {@link Metrics}); this class only adapts
 * them to the view.
 */
public final class CheckpointsViewModel {
    private final JobRunner jobs;
    private final Notifier notifier;
    private final List<Path> roots;
    private final ObservableList<CheckpointInfo> checkpoints = FXCollections.observableArrayList();
    private final ObservableList<CheckpointInfo> selection = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> curveA = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> curveB = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> valA = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> valB = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper resumeBlocked = new ReadOnlyStringWrapper("");
    private Consumer<Path> onResume = p -> { };
    private Consumer<ModelSlot> onOpen = m -> { };
    private BiConsumer<ModelSlot, ModelSlot> onCompare = (a, b) -> { };

    /** {@code roots}: folders of runs (or run/checkpoint folders) to list; missing ones are ignored. */
    public CheckpointsViewModel(JobRunner jobs, Notifier notifier, List<Path> roots) {
        this.jobs = jobs;
        this.notifier = notifier;
        this.roots = List.copyOf(roots);
        selection.addListener((ListChangeListener<CheckpointInfo>) c -> describeSelection());
    }

    public void setActions(Consumer<Path> resume, Consumer<ModelSlot> openInPlayground, BiConsumer<ModelSlot, ModelSlot> compare) {
        this.onResume = resume;
        this.onOpen = openInPlayground;
        this.onCompare = compare;
    }

    /** Lists the checkpoints again (in the background). */
    public void refresh() {
        jobs.submit("Listing checkpoints", h -> RunLibrary.list(roots), listing -> {
            if (!listing.problems().isEmpty()) {
                notifier.error(listing.problems().get(0));
            }
            var rows = RunLibrary.newestFirst(listing.checkpoints());
            var keep = selection.stream().map(CheckpointInfo::path).toList();
            checkpoints.setAll(rows);
            selection.setAll(rows.stream().filter(r -> keep.contains(r.path())).toList());
        }, notifier::error);
    }


    private void describeSelection() {
        curveA.clear();
        curveB.clear();
        valA.clear();
        valB.clear();
        resumeBlocked.set(selection.size() == 1 && !selection.get(0).resumable()
                ? "Resume needs the optimizer state, which " + selection.get(0).displayName()
                + " does not hold (it is a model for generation only): start a new run instead" : "");
        if (selection.isEmpty()) {
            details.set("");
            return;
        }
        CheckpointInfo a = selection.get(0);
        show(Metrics.of(a), curveA, valA);
        if (selection.size() == 1) {
            String standing = RunLibrary.standing(a);
            details.set(a.displayName() + (standing.isEmpty() ? "" : "\n" + standing) + "\n\n" + RunLibrary.configText(a));
            return;
        }
        CheckpointInfo b = selection.get(1);
        show(Metrics.of(b), curveB, valB);
        details.set(String.join("\n", RunLibrary.comparison(a, b)));
    }

    private static void show(Metrics m, ObservableList<CurvePoint> train, ObservableList<CurvePoint> val) {
        train.setAll(m.steps().stream().filter(s -> Double.isFinite(s.loss())).map(s -> new CurvePoint(s.step(), s.loss())).toList());
        val.setAll(m.evals().stream().filter(e -> Double.isFinite(e.valLoss())).map(e -> new CurvePoint(e.step(), e.valLoss())).toList());
    }


    /**
     * Selects the checkpoint of curve {@code ab} (0 = A, 1 = B)'s run nearest to {@code step}: clicking the loss curve
     * picks a saved checkpoint to open or compare.
     */
    public void selectNearest(int ab, long step) {
        if (selection.size() <= ab) {
            return;
        }
        RunLibrary.nearest(checkpoints, selection.get(ab), step).ifPresent(c -> {
            var chosen = new ArrayList<>(selection);
            chosen.set(ab, c);
            selection.setAll(chosen);
        });
    }

    public void resumeSelected() {
        if (selection.size() == 1 && selection.get(0).resumable()) {
            onResume.accept(selection.get(0).path());
        }
    }

    /** Loads the selected checkpoint into the Playground; two selected: side by side, A on the left. */
    public void openSelectedInPlayground() {
        var chosen = List.copyOf(selection);
        if (chosen.size() == 1) {
            jobs.submit("Loading " + chosen.get(0).displayName(), h -> ModelSlot.load(chosen.get(0).path(), null), onOpen, notifier::error);
        } else if (chosen.size() == 2) {
            jobs.submit("Loading " + chosen.get(0).displayName() + " and " + chosen.get(1).displayName(),
                    h -> List.of(ModelSlot.load(chosen.get(0).path(), null), ModelSlot.load(chosen.get(1).path(), null)),
                    pair -> onCompare.accept(pair.get(0), pair.get(1)), notifier::error);
        }
    }


    /** Exports the selected checkpoint into {@code targetDir} as a Hugging Face GPT-2 folder (run-checkpoint-hf). */
    public void exportSelectedAsHf(Path targetDir) {
        if (selection.size() != 1) {
            return;
        }
        CheckpointInfo c = selection.get(0);
        Path target = targetDir.resolve(c.displayName().replace('/', '-') + "-hf");
        jobs.submit("Exporting " + c.displayName() + " for Hugging Face",
                h -> dev.sheepop.export.HfExport.export(Checkpoints.load(c.path()), target),
                t -> notifier.info("Exported to " + t + " (model.safetensors, config.json, tokenizer.json)"), notifier::error);
    }

    /** Copies the selected checkpoint folder into {@code targetDir} (as run-checkpoint). */
    public void exportSelected(Path targetDir) {
        if (selection.size() != 1) {
            return;
        }
        CheckpointInfo c = selection.get(0);
        jobs.submit("Exporting " + c.displayName(), h -> RunLibrary.copy(c, targetDir),
                t -> notifier.info("Exported to " + t), notifier::error);
    }

    /** Deletes the selected checkpoint folder(s); the view asks for confirmation first. */
    public void deleteSelected() {
        var doomed = List.copyOf(selection);
        jobs.submit("Deleting checkpoints", h -> {
            RunLibrary.delete(doomed);
            return doomed.size();
        }, n -> {
            notifier.info("Deleted " + n + " checkpoint(s)");
            selection.clear();
            refresh();
        }, notifier::error);
    }

    public ObservableList<CheckpointInfo> checkpoints() {
        return checkpoints;
    }

    public ObservableList<CheckpointInfo> selection() {
        return selection;
    }

    public ObservableList<CurvePoint> curveA() {
        return curveA;
    }

    public ObservableList<CurvePoint> curveB() {
        return curveB;
    }

    public ObservableList<CurvePoint> valA() {
        return valA;
    }

    public ObservableList<CurvePoint> valB() {
        return valB;
    }

    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Why Resume is not possible for the selection ("" when it is, or when not exactly one is selected). */
    public ReadOnlyStringProperty resumeBlockedProperty() {
        return resumeBlocked.getReadOnlyProperty();
    }

}
