package dev.sheepop.app.checkpoints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.playground.ModelSlot;
import dev.sheepop.app.train.CurvePoint;
import dev.sheepop.checkpoint.CheckpointInfo;
import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.common.UserException;
import dev.sheepop.config.ConfigIO;
import dev.sheepop.config.RunConfig;
import dev.sheepop.generate.Generator;
import dev.sheepop.train.MetricsLog;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The Checkpoints pane's state: the checkpoints under the runs folder (and the bundled sample one), the
 * selection (one to inspect, two to compare), the selected runs' configs and loss curves, and the
 * actions Resume, Open in Playground, Export and Delete.
 */
public final class CheckpointsViewModel {
    private final JobRunner jobs;
    private final Notifier notifier;
    private final List<Path> roots;
    private final ObservableList<CheckpointInfo> checkpoints = FXCollections.observableArrayList();
    private final ObservableList<CheckpointInfo> selection = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> curveA = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> curveB = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private Consumer<Path> onResume = p -> { };
    private Consumer<ModelSlot> onOpen = m -> { };

    /** {@code roots}: folders of runs (or run/checkpoint folders) to list; missing ones are ignored. */
    public CheckpointsViewModel(JobRunner jobs, Notifier notifier, List<Path> roots) {
        this.jobs = jobs;
        this.notifier = notifier;
        this.roots = List.copyOf(roots);
        selection.addListener((ListChangeListener<CheckpointInfo>) c -> describeSelection());
    }

    public void setActions(Consumer<Path> resume, Consumer<ModelSlot> openInPlayground) {
        this.onResume = resume;
        this.onOpen = openInPlayground;
    }

    /** Lists the checkpoints again (in the background). */
    public void refresh() {
        var problems = new java.util.concurrent.CopyOnWriteArrayList<String>();
        jobs.submit("Listing checkpoints", h -> list(problems), rows -> {
            if (!problems.isEmpty()) {
                notifier.error(problems.get(0));
            }
            var keep = selection.stream().map(CheckpointInfo::path).toList();
            checkpoints.setAll(rows);
            selection.setAll(rows.stream().filter(r -> keep.contains(r.path())).toList());
        }, notifier::error);
    }

    /** Every root's checkpoints; a root that cannot be listed (a damaged meta.json) adds a problem instead. */
    List<CheckpointInfo> list(List<String> problems) {
        var rows = new ArrayList<CheckpointInfo>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try {
                    rows.addAll(Checkpoints.list(root));
                } catch (UserException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        rows.sort(Comparator.comparing((CheckpointInfo c) -> c.created() == null ? java.time.Instant.EPOCH : c.created())
                .reversed());
        return rows;
    }

    /** The run folder of a checkpoint ({@code run/checkpoints/step-N} → {@code run}). */
    public static Path runDir(CheckpointInfo c) {
        Path parent = c.path().getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals(Checkpoints.DIR)
                ? parent.getParent() : parent;
    }

    /** A short name: run/checkpoint. */
    public static String name(CheckpointInfo c) {
        Path run = runDir(c);
        return (run == null || run.getFileName() == null ? "" : run.getFileName() + "/") + c.path().getFileName();
    }

    private void describeSelection() {
        curveA.clear();
        curveB.clear();
        if (selection.isEmpty()) {
            details.set("");
            return;
        }
        CheckpointInfo a = selection.get(0);
        curveA.setAll(curve(a));
        if (selection.size() == 1) {
            details.set(name(a) + "\n\n" + configText(a));
            return;
        }
        CheckpointInfo b = selection.get(1);
        curveB.setAll(curve(b));
        details.set(compare(a, b));
    }

    static List<CurvePoint> curve(CheckpointInfo c) {
        Path run = runDir(c);
        var points = new ArrayList<CurvePoint>();
        if (run == null) {
            return points;
        }
        Path metrics = Files.isRegularFile(c.path().resolve(Checkpoints.METRICS))
                ? c.path().resolve(Checkpoints.METRICS) : run.resolve(Checkpoints.METRICS);
        try {
            for (JsonNode row : MetricsLog.read(metrics)) {
                if ("step".equals(row.path("type").asText()) && row.path("loss").isNumber()
                        && row.path("step").asLong() <= c.step()) {
                    points.add(new CurvePoint(row.path("step").asDouble(), row.path("loss").asDouble()));
                }
            }
        } catch (RuntimeException e) {
            // a missing or damaged metrics file only means no curve
        }
        return points;
    }

    static String configText(CheckpointInfo c) {
        try {
            return Files.readString(c.path().resolve(Checkpoints.CONFIG));
        } catch (IOException e) {
            return "(no config.json: " + e.getMessage() + ")";
        }
    }

    /** The settings that differ between two checkpoints' configs, one per line. */
    static String compare(CheckpointInfo a, CheckpointInfo b) {
        var lines = new ArrayList<String>();
        lines.add("A = " + name(a) + "  (step " + a.step() + ", val " + fmt(a.valLoss()) + ")");
        lines.add("B = " + name(b) + "  (step " + b.step() + ", val " + fmt(b.valLoss()) + ")");
        lines.add("");
        try {
            var ta = dev.sheepop.common.Json.mapper().readTree(configText(a));
            var tb = dev.sheepop.common.Json.mapper().readTree(configText(b));
            diff(ta, tb, "", lines);
            if (lines.size() == 3) {
                lines.add("The configs are identical.");
            }
        } catch (IOException | RuntimeException e) {
            lines.add("Cannot compare the configs: " + e.getMessage());
        }
        return String.join("\n", lines);
    }

    private static void diff(JsonNode a, JsonNode b, String prefix, List<String> out) {
        var names = new java.util.TreeSet<String>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            JsonNode va = a.get(n);
            JsonNode vb = b.get(n);
            if (va != null && vb != null && va.isObject() && vb.isObject()) {
                diff(va, vb, prefix + n + ".", out);
            } else if (va == null || !va.equals(vb)) {
                out.add(prefix + n + ":  A " + va + "   B " + vb);
            }
        }
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format("%.4f", v) : "—";
    }

    public void resumeSelected() {
        if (selection.size() == 1) {
            onResume.accept(selection.get(0).path());
        }
    }

    /** Loads the selected checkpoint(s) and hands them to the Playground. */
    public void openSelectedInPlayground() {
        for (CheckpointInfo c : List.copyOf(selection)) {
            jobs.submit("Loading " + name(c), h -> load(c.path(), name(c)), onOpen, notifier::error);
        }
    }

    /** A Playground model from a checkpoint folder. */
    public static ModelSlot load(Path checkpoint, String name) {
        // both decoding paths (the SameDiff model is built when the standard path is first used) and a prompt cache
        return new ModelSlot(name, Generator.open(Checkpoints.load(checkpoint)));
    }

    /** Copies the selected checkpoint folder into {@code targetDir} (as run-checkpoint). */
    public void exportSelected(Path targetDir) {
        if (selection.size() != 1) {
            return;
        }
        CheckpointInfo c = selection.get(0);
        Path target = targetDir.resolve(name(c).replace('/', '-'));
        jobs.submit("Exporting " + name(c), h -> {
            copyTree(c.path(), target);
            return target;
        }, t -> notifier.info("Exported to " + t), notifier::error);
    }

    /** Deletes the selected checkpoint folder(s); the view asks for confirmation first. */
    public void deleteSelected() {
        var doomed = List.copyOf(selection);
        jobs.submit("Deleting checkpoints", h -> {
            for (CheckpointInfo c : doomed) {
                deleteTree(c.path());
            }
            return doomed.size();
        }, n -> {
            notifier.info("Deleted " + n + " checkpoint(s)");
            selection.clear();
            refresh();
        }, notifier::error);
    }

    static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            throw new UserException("Export target exists already: " + to);
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
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

    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Reads config.json of a checkpoint as a RunConfig (for "use this config"). */
    public static RunConfig config(CheckpointInfo c) {
        return ConfigIO.read(c.path().resolve(Checkpoints.CONFIG), RunConfig.defaults());
    }
}
