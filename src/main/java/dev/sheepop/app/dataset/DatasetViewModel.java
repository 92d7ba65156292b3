package dev.sheepop.app.dataset;

import dev.sheepop.app.fx.Coalescer;
import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.ingest.Dataset;
import dev.sheepop.ingest.DatasetLibrary;
import dev.sheepop.ingest.DatasetStats;
import dev.sheepop.ingest.FileRecord;
import dev.sheepop.ingest.IngestEvent;
import dev.sheepop.ingest.IngestOptions;
import dev.sheepop.ingest.IngestReport;
import dev.sheepop.ingest.Ingestor;
import dev.sheepop.ingest.Outcome;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Dataset pane's state and commands. Inputs (files and folders) are ingested into one dataset
 * folder by the core {@link Ingestor}, in the background; re-ingesting is incremental (the ingestor
 * reuses the text of unchanged files from its cache). Progress arrives coalesced.
 */
public final class DatasetViewModel {
    private final JobRunner jobs;
    private final Notifier notifier;
    private final Consumer<Runnable> ui;
    private final DatasetLibrary library;
    private final ObservableList<String> datasetNames = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper location = new ReadOnlyStringWrapper("");
    private final BooleanProperty includeHidden = new SimpleBooleanProperty(false);
    private final ObservableList<Path> inputs = FXCollections.observableArrayList();
    private final ObservableList<FileRecord> files = FXCollections.observableArrayList();
    private final FilteredList<FileRecord> visibleFiles = new FilteredList<>(files, r -> true);
    private final ObjectProperty<Outcome> outcomeFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<FileRecord> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<DatasetStats> stats = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty ocr = new SimpleBooleanProperty(true);
    private final IntegerProperty minLineLength = new SimpleIntegerProperty(IngestOptions.DEFAULT_MIN_LINE_LENGTH);
    private final DoubleProperty valFraction = new SimpleDoubleProperty(0.1);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Double> progress = new ReadOnlyObjectWrapper<>(0.0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No dataset yet: drop files or folders");
    private JobRunner.Running job;

    /** {@code datasetsRoot}: the folder of the named datasets ({@code datasets/}). */
    public DatasetViewModel(JobRunner jobs, Notifier notifier, Consumer<Runnable> ui, Path datasetsRoot) {
        this.jobs = jobs;
        this.notifier = notifier;
        this.ui = ui;
        this.library = new DatasetLibrary(datasetsRoot);
        outcomeFilter.addListener((o, a, b) -> visibleFiles.setPredicate(r -> b == null || r.outcome() == b));
        selected.addListener((o, a, b) -> preview.set(b == null || dataset.get() == null ? ""
                : dataset.get().extractedText(b.path())));
    }

    /** The folder of the dataset in use (null when there is none yet). */
    public Path datasetDir() {
        return current.get().isEmpty() ? null : library.folder(current.get());
    }

    /** Opens the dataset of an earlier session (true), or says there is none (false). */
    public boolean openExisting() {
        datasetNames.setAll(library.names());
        String name = library.current("workbench");
        if (name == null) {
            return false;
        }
        return open(name);
    }

    /** Switches to the dataset {@code name}: its files, figures and inputs (an empty new dataset shows none). */
    public boolean open(String name) {
        if (running.get()) {
            notifier.error("Ingestion is running: cancel it or wait before switching datasets");
            return false;
        }
        Path dir = library.folder(name);
        current.set(name);
        location.set(dir.toAbsolutePath().normalize().toString());
        library.setCurrent(name);
        if (!datasetNames.contains(name)) {
            datasetNames.setAll(library.names());
        }
        if (!Dataset.isDataset(dir)) {
            showEmpty();
            return true;
        }
        try {
            Dataset d = Dataset.open(dir);
            show(d, d.files());
            inputs.setAll(d.inputs().stream().map(Path::of).toList());
            return true;
        } catch (RuntimeException e) {
            notifier.error(e);
            showEmpty();
            return false;
        }
    }

    private void showEmpty() {
        files.clear();
        stats.set(null);
        dataset.set(null);
        inputs.clear();
        status.set("Dataset '" + current.get() + "' is empty: drop files or folders to add them");
    }

    /** Starts a new, empty dataset and switches to it; a bad name is reported and nothing changes. */
    public boolean newDataset(String name) {
        try {
            String created = library.create(name);
            datasetNames.setAll(library.names());
            return open(created);
        } catch (RuntimeException e) {
            notifier.error(e);
            return false;
        }
    }

    /** Why {@code name} cannot name a new dataset ("" when it can): for the New dataset dialog. */
    public String checkNewName(String name) {
        return library.checkNewName(name);
    }

    /** The drop handler (also used by "Add folder…"): adds the files/folders and ingests everything. */
    public void onFilesDropped(List<File> dropped) {
        if (dropped.isEmpty()) {
            return;
        }
        if (datasetDir() == null) {   // the first data: a dataset named after the first thing dropped
            String base = dropped.get(0).toPath().getFileName() == null ? "dataset"
                    : dropped.get(0).toPath().getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9 ._-]", "_");
            String name = base.isBlank() ? "dataset" : base;
            for (int i = 2; !library.checkNewName(name).isEmpty(); i++) {
                name = base + "-" + i;
            }
            if (!newDataset(name)) {
                return;
            }
        }
        boolean added = false;
        for (File f : dropped) {
            Path p = f.toPath().toAbsolutePath().normalize();
            if (!inputs.contains(p)) {
                inputs.add(p);
                added = true;
            }
        }
        if (added || !running.get()) {
            ingest();
        }
    }

    /** Removes an input (file or folder) and ingests the rest: its files leave the dataset. */
    public void removeInput(Path input) {
        if (running.get() || !inputs.remove(input)) {
            return;
        }
        if (inputs.isEmpty()) {
            try {
                DatasetLibrary.clear(datasetDir());
            } catch (RuntimeException e) {
                notifier.error(e);
            }
            showEmpty();
            return;
        }
        ingest();
    }

    /** Ingests every input into the dataset folder (incremental). Ignored while a run is in progress. */
    public void ingest() {
        if (running.get() || inputs.isEmpty() || datasetDir() == null) {
            return;
        }
        var options = IngestOptions.defaults().withOcr(ocr.get()).withMinLineLength(minLineLength.get())
                .withIncludeHidden(includeHidden.get());
        List<Path> in = List.copyOf(inputs);
        Path datasetDir = datasetDir();
        running.set(true);
        progress.set(-1.0);
        status.set("Ingesting " + in.size() + " input(s)…");
        var events = new Coalescer<IngestEvent>(200, ui, this::onEvents);
        job = jobs.submit("Ingesting", handle -> {
            IngestReport report = new Ingestor(options).run(in, datasetDir, e -> {
                events.offer(e);
                if (e instanceof IngestEvent.Identified i && i.total() > 0) {
                    handle.progress((double) i.done() / i.total());
                } else if (e instanceof IngestEvent.FileDone d && d.total() > 0) {
                    handle.progress((double) d.done() / d.total());
                }
            }, handle::cancelled);
            events.flush();
            return report;
        }, this::finished, e -> {
            running.set(false);
            progress.set(0.0);
            status.set("Ingestion failed: " + Notifier.oneLine(e));
            notifier.error(e);
        });
    }

    private void onEvents(List<IngestEvent> batch) {
        for (IngestEvent e : batch) {
            if (e instanceof IngestEvent.Started s) {
                files.clear();
                status.set("Ingesting " + s.totalFiles() + " files…");
            } else if (e instanceof IngestEvent.Identified i) {
                // before extraction every file is checked (size, date, content hash when new or changed)
                progress.set(i.total() == 0 ? 1.0 : (double) i.done() / i.total());
                status.set("Checking " + fileName(i.path()) + " (" + i.done() + " of " + i.total() + ")");
            } else if (e instanceof IngestEvent.FileDone d) {
                files.add(d.record());
                progress.set(d.total() == 0 ? 1.0 : (double) d.done() / d.total());
                status.set("Ingested " + d.done() + " of " + d.total() + " files");
            }
        }
    }

    private static String fileName(String path) {
        String p = path.replace('\\', '/');
        int slash = p.lastIndexOf('/', p.length() - 2);
        return slash < 0 ? p : p.substring(slash + 1);
    }

    private void finished(IngestReport report) {
        running.set(false);
        progress.set(1.0);
        job = null;
        try {
            Dataset d = Dataset.open(report.datasetDir());
            show(d, report.files());
        } catch (RuntimeException e) {
            files.setAll(report.files());
            stats.set(report.stats());
        }
        if (report.nothingExtracted()) {
            notifier.error(report.noDataMessage(String.join(", ", inputs.stream().map(Path::toString).toList())));
        }
    }

    private void show(Dataset d, List<FileRecord> records) {
        files.setAll(records);
        stats.set(d.stats());
        dataset.set(d);   // last: whoever sees the new dataset also sees its files and figures
        DatasetStats s = d.stats();
        status.set(String.format("%,d of %,d files extracted, %,d characters", s.extracted(), s.files(), s.characters()));
    }

    public void cancel() {
        if (job != null) {
            job.cancel();
            status.set("Cancelling…");
        }
    }

    /** Train/validation split of the corpus characters for the configured validation fraction. */
    public long[] trainValidationCharacters() {
        DatasetStats s = stats.get();
        if (s == null) {
            return new long[] {0, 0};
        }
        long val = Math.round(s.characters() * valFraction.get());
        return new long[] {s.characters() - val, val};
    }

    public ObservableList<Path> inputs() {
        return inputs;
    }

    public ObservableList<FileRecord> files() {
        return files;
    }

    public FilteredList<FileRecord> visibleFiles() {
        return visibleFiles;
    }

    public ObjectProperty<Outcome> outcomeFilterProperty() {
        return outcomeFilter;
    }

    public ObjectProperty<FileRecord> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DatasetStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Dataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    public BooleanProperty ocrProperty() {
        return ocr;
    }

    public IntegerProperty minLineLengthProperty() {
        return minLineLength;
    }

    public DoubleProperty valFractionProperty() {
        return valFraction;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Double> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The names of the datasets under the root. */
    public ObservableList<String> datasetNames() {
        return datasetNames;
    }

    /** The name of the dataset in use ("" when none). */
    public ReadOnlyStringProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Where the dataset in use is stored (an absolute folder path). */
    public ReadOnlyStringProperty locationProperty() {
        return location.getReadOnlyProperty();
    }

    /** Also read hidden files and tool folders (.git, node_modules, ...), as {@code sheepop ingest --include-hidden}. */
    public BooleanProperty includeHiddenProperty() {
        return includeHidden;
    }
}
