package dev.sheepop.app;

import dev.sheepop.app.checkpoints.CheckpointsPane;
import dev.sheepop.app.checkpoints.CheckpointsViewModel;
import dev.sheepop.app.config.ConfigPane;
import dev.sheepop.app.config.ConfigViewModel;
import dev.sheepop.app.dataset.DatasetPane;
import dev.sheepop.app.dataset.DatasetViewModel;
import dev.sheepop.app.insight.AttentionViewModel;
import dev.sheepop.app.insight.CorpusSearchViewModel;
import dev.sheepop.app.insight.RetrievalSource;
import dev.sheepop.app.playground.ModelSlot;
import dev.sheepop.app.playground.PlaygroundPane;
import dev.sheepop.app.playground.PlaygroundViewModel;
import dev.sheepop.app.train.QuitGuard;
import dev.sheepop.app.train.TrainPane;
import dev.sheepop.app.train.TrainViewModel;
import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.common.RunLayout;
import dev.sheepop.config.RunConfig;
import dev.sheepop.data.Corpus;
import dev.sheepop.data.CorpusSource;
import dev.sheepop.ingest.Dataset;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The workbench window's content: the five workflow steps as tabs (Dataset, Config, Train, Checkpoints,
 * Playground) over a status bar. Owns the view-models and wires them together, so work (training)
 * continues while the user looks at other panes. Keyboard: Ctrl+1..5 switch panes, F5 starts training,
 * Shift+F5 stops it, Ctrl+Enter generates in the Playground.
 */
public final class MainWindow extends BorderPane {
    public static final String TITLE = "SheepOp Workbench";
    /** The small model shipped in sample-data (left out when sample-data is ingested). */
    public static final String SAMPLE_CHECKPOINT = "checkpoint";
    private final Workbench workbench;
    private final TabPane tabs = new TabPane();
    private final ConfigViewModel config = new ConfigViewModel();
    private final DatasetViewModel dataset;
    private final dev.sheepop.app.dataset.TokenizerLabViewModel tokenizerLab;
    private final TrainViewModel train;
    private final CheckpointsViewModel checkpoints;
    private final PlaygroundViewModel playground;
    private final RetrievalSource retrieval = new RetrievalSource();
    private final AttentionViewModel attention;
    private final CorpusSearchViewModel datasetSearch;
    private final CorpusSearchViewModel playgroundSearch;
    private final StatusBar statusBar;
    private final Tab trainTab;
    private final Tab playgroundTab;

    public MainWindow(Workbench workbench) {
        this.workbench = workbench;
        setId("main-window");
        var jobs = workbench.jobs();
        var notifier = workbench.notifier();
        long t0 = System.nanoTime();
        dataset = new DatasetViewModel(jobs, notifier, Platform::runLater, workbench.datasetsRoot());
        train = new TrainViewModel(jobs, notifier, Platform::runLater, workbench.runsDir());
        checkpoints = new CheckpointsViewModel(jobs, notifier,
                List.of(workbench.runsDir(), workbench.sampleData().resolve(SAMPLE_CHECKPOINT)));
        playground = new PlaygroundViewModel(jobs, notifier, Platform::runLater);
        attention = new AttentionViewModel(jobs, notifier);
        datasetSearch = new CorpusSearchViewModel(jobs, notifier, retrieval);
        playgroundSearch = new CorpusSearchViewModel(jobs, notifier, retrieval);
        tokenizerLab = new dev.sheepop.app.dataset.TokenizerLabViewModel(jobs, notifier, this::datasetCorpus,
                () -> config.config() == null ? RunConfig.defaults().data().valFraction() : config.config().data().valFraction());
        long t1 = System.nanoTime();
        wire();

        var datasetTab = tab("Dataset", () -> new DatasetPane(dataset, tokenizerLab, datasetSearch, workbench.hasSampleData() ? this::useSampleData : null));
        var configTab = tab("Config", () -> {
            // the time estimates need this machine's speed: measured in the background the first time the pane shows
            jobs.submit("Measuring this machine's speed", h -> dev.sheepop.train.StepTime.ofThisMachine(),
                    config.stepTimeProperty()::set, e -> { });
            return new ConfigPane(config, notifier, this::startTraining);
        });
        trainTab = tab("Train", () -> new TrainPane(train, this::startWithCurrentConfig, this::chooseAndResume));
        var checkpointsTab = tab("Checkpoints", () -> new CheckpointsPane(checkpoints));
        playgroundTab = tab("Playground", () -> new PlaygroundPane(playground, attention, playgroundSearch, notifier));
        tabs.getTabs().addAll(datasetTab, configTab, trainTab, checkpointsTab, playgroundTab);
        datasetTab.setContent(new DatasetPane(dataset, tokenizerLab, datasetSearch, workbench.hasSampleData() ? this::useSampleData : null)); // the first pane shown
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("panes");
        setCenter(tabs);
        statusBar = new StatusBar(jobs, notifier, workbench.clock());
        setBottom(statusBar);
        org.slf4j.LoggerFactory.getLogger(MainWindow.class).debug("view-models {} ms, panes {} ms",
                (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    }

    private void wire() {
        dataset.statsProperty().addListener((o, a, b) -> {
            if (b != null && b.distinctCharacters() > 0) {
                config.assumedVocabProperty().set(b.distinctCharacters() + 4);
            }
        });
        dataset.valFractionProperty().bind(Bindings.createDoubleBinding(
                () -> config.config() == null ? 0.1 : config.config().data().valFraction(), config.configProperty()));
        train.setListeners(p -> checkpoints.refresh(), playground::addModel);
        train.setCheckpointActions(dir -> loadInto(dir, this::openInPlayground), dir -> loadInto(dir, slot -> {
            var current = playground.leftProperty().get();
            if (current == null || current.sameModelAs(slot)) {
                openInPlayground(slot);
            } else {
                playground.compare(current, slot);
                tabs.getSelectionModel().select(playgroundTab);
            }
        }));
        playground.setRetrieval(retrieval);
        train.setRetrieval(retrieval);
        retrieval.setDataset(dataset.datasetProperty().get());
        dataset.datasetProperty().addListener((o, a, b) -> retrieval.setDataset(b));
        tokenizerLab.setOnUse(config::useTokenizer);
        tokenizerLab.setContext(() -> config.config() == null ? RunConfig.defaults().data().maxLength()
                : config.config().data().maxLength());
        Runnable trainsOn = () -> config.datasetProperty().set(describe(dataset.currentProperty().get(), dataset.datasetProperty().get()));
        dataset.datasetProperty().addListener((o, a, b) -> trainsOn.run());
        dataset.currentProperty().addListener((o, a, b) -> trainsOn.run());
        checkpoints.setActions(this::resumeFrom, this::openInPlayground, (a, b) -> {
            playground.compare(a, b);
            tabs.getSelectionModel().select(playgroundTab);
        });
    }

    /** A tab whose pane is built when it is first selected (a faster first frame). */
    private static Tab tab(String name, Supplier<Node> content) {
        var tab = new Tab(name);
        tab.setId("tab-" + name.toLowerCase());
        Runnable build = () -> {
            if (tab.getContent() == null) {
                tab.setContent(content.get());
            }
        };
        tab.selectedProperty().addListener((o, a, b) -> {
            if (b) {
                build.run();
            }
        });
        if (tab.isSelected()) {
            build.run();
        }
        return tab;
    }

    /** Installs the keyboard shortcuts on the scene (call once the window has a scene). */
    public void installShortcuts() {
        var scene = getScene();
        List<Tab> all = tabs.getTabs();
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        for (int i = 0; i < all.size(); i++) {
            int index = i;
            scene.getAccelerators().put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN),
                    () -> tabs.getSelectionModel().select(index));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), this::startWithCurrentConfig);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN), train::stop);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), this::generate);
    }

    /** Called after the window is shown: slow work that must not delay the first frame. */
    public void afterShown() {
        statusBar.probeBackend();
        openInitialDataset();
        checkpoints.refresh();
        openSampleModel();
    }

    /**
     * The dataset of an earlier session, if there is one. On a first start there is none: the Dataset pane says what to
     * do (drop files, or use the sample data) and the Playground has the shipped sample model.
     */
    public void openInitialDataset() {
        dataset.openExisting();
    }

    /** Whether the bundled sample data can be used (the first-run offer). */
    public boolean hasSampleData() {
        return workbench.hasSampleData();
    }

    /**
     * Ingests the bundled sample-data into a dataset of that name: its files and folders, not the shipped checkpoint,
     * whose JSON files are no training text.
     */
    public void useSampleData() {
        if (!workbench.hasSampleData()) {
            workbench.notifier().error("No sample data next to the workbench (" + workbench.sampleData() + ")");
            return;
        }
        try (var entries = Files.list(workbench.sampleData())) {
            List<File> inputs = entries.filter(p -> !Files.isRegularFile(p.resolve(RunLayout.META)))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().map(Path::toFile).toList();
            if (dataset.datasetNames().contains("sample-data") || dataset.checkNewName("sample-data").isEmpty()
                    && dataset.newDataset("sample-data")) {
                if (!"sample-data".equals(dataset.currentProperty().get())) {
                    dataset.open("sample-data");
                }
                dataset.onFilesDropped(inputs);
            }
        } catch (java.io.IOException e) {
            workbench.notifier().error("Cannot read " + workbench.sampleData() + ": " + e.getMessage());
        }
    }

    /** Loads the small checkpoint shipped in sample-data into the Playground, if there is one. */
    public void openSampleModel() {
        Path sample = workbench.sampleData().resolve(SAMPLE_CHECKPOINT);
        if (Files.isDirectory(sample)) {
            workbench.jobs().submit("Loading the sample model", h -> dev.sheepop.app.playground.ModelSlot.load(sample, "sample model"),
                    playground::addModel, workbench.notifier()::error);
        }
    }

    private void startWithCurrentConfig() {
        if (config.validProperty().get()) {
            startTraining(config.config());
        } else {
            tabs.getSelectionModel().select(1);
            workbench.notifier().error("The config is invalid: fix the marked fields in the Config pane");
        }
    }

    void startTraining(RunConfig run) {
        if (dataset.datasetProperty().get() == null && !Files.isRegularFile(dataPath(run))
                && !Dataset.isDataset(dataPath(run))) {
            tabs.getSelectionModel().select(0);
            workbench.notifier().error("No dataset yet: add files or a folder in the Dataset pane first");
            return;
        }
        tabs.getSelectionModel().select(trainTab);
        train.start(run, corpus(run));
    }

    private void resumeFrom(Path checkpoint) {
        tabs.getSelectionModel().select(trainTab);
        RunConfig c = config.config() != null ? config.config() : RunConfig.defaults();
        train.resume(checkpoint, corpus(c));
    }

    private void chooseAndResume() {
        var chooser = new DirectoryChooser();
        chooser.setTitle("Choose a checkpoint or run folder");
        if (Files.isDirectory(workbench.runsDir())) {
            chooser.setInitialDirectory(workbench.runsDir().toFile());
        }
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) {
            resumeFrom(dir.toPath());
        }
    }

    private void openInPlayground(ModelSlot slot) {
        playground.addModel(slot);
        if (playground.sideBySideProperty().get() && playground.leftProperty().get() != slot) {
            playground.rightProperty().set(slot);
        } else {
            playground.leftProperty().set(slot);
        }
        tabs.getSelectionModel().select(playgroundTab);
    }

    private void loadInto(Path checkpoint, java.util.function.Consumer<ModelSlot> then) {
        workbench.jobs().submit("Loading " + Checkpoints.displayName(checkpoint), h -> ModelSlot.load(checkpoint, null), then,
                workbench.notifier()::error);
    }

    /** The Dataset pane's dataset as a corpus, or null when there is none. */
    private Corpus datasetCorpus() {
        return corpusOf(dataset.datasetProperty().get());
    }

    private static Corpus corpusOf(Dataset d) {
        return d == null ? null : Corpus.of(d);
    }

    /** "dataset 'notes' — 1,076,767 characters from 7 files (the Dataset pane)": what the Config pane says a run trains on. */
    private static String describe(String name, Dataset d) {
        if (d == null) {
            return name == null || name.isEmpty() ? "no dataset yet: add files in the Dataset pane"
                    : "dataset '" + name + "' is empty: add files in the Dataset pane";
        }
        var s = d.stats();
        return String.format("dataset '%s' — %,d characters from %d file%s (the Dataset pane)", d.dir().getFileName(),
                s.characters(), s.extracted(), s.extracted() == 1 ? "" : "s");
    }

    /** The training text: the Dataset pane's dataset when there is one, else the config's data_dir. */
    private Supplier<Corpus> corpus(RunConfig run) {
        Dataset d = dataset.datasetProperty().get();
        if (d != null) {
            return () -> corpusOf(d);
        }
        Path data = dataPath(run);
        return () -> CorpusSource.read(data);
    }

    /** The config's data_dir, relative to the working directory. */
    private Path dataPath(RunConfig run) {
        Path base = workbench.sampleData().toAbsolutePath().getParent();
        return base == null ? Path.of(run.data().dataDir()) : base.resolve(run.data().dataDir());
    }

    void generate() {
        tabs.getSelectionModel().select(playgroundTab);
        playground.generate();
    }

    public void select(String paneName) {
        for (Tab t : tabs.getTabs()) {
            if (t.getText().equalsIgnoreCase(paneName)) {
                tabs.getSelectionModel().select(t);
            }
        }
    }

    /**
     * Asks whether the window may close. While training runs: Stop and save (closes once the checkpoint is
     * written, through {@code close}), Quit without saving, or Cancel. True to close now.
     */
    public boolean confirmClose(Runnable close) {
        return new QuitGuard(train, this::askBeforeQuitting).mayClose(close);
    }

    private QuitGuard.Answer askBeforeQuitting() {
        var save = new ButtonType("Stop and save", ButtonBar.ButtonData.YES);
        var discard = new ButtonType("Quit without saving", ButtonBar.ButtonData.NO);
        var alert = new Alert(Alert.AlertType.CONFIRMATION, "Training is running. Save a checkpoint before quitting?",
                save, discard, ButtonType.CANCEL);
        alert.setHeaderText("Quit SheepOp Workbench");
        alert.initOwner(getScene().getWindow());
        var answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        return answer == save ? QuitGuard.Answer.STOP_AND_SAVE
                : answer == discard ? QuitGuard.Answer.QUIT_WITHOUT_SAVING : QuitGuard.Answer.CANCEL;
    }

    dev.sheepop.app.dataset.TokenizerLabViewModel tokenizerLabViewModel() {
        return tokenizerLab;
    }

    CorpusSearchViewModel datasetSearchViewModel() {
        return datasetSearch;
    }

    CorpusSearchViewModel playgroundSearchViewModel() {
        return playgroundSearch;
    }

    AttentionViewModel attentionViewModel() {
        return attention;
    }

    public ConfigViewModel configViewModel() {
        return config;
    }

    public DatasetViewModel datasetViewModel() {
        return dataset;
    }

    public TrainViewModel trainViewModel() {
        return train;
    }

    public CheckpointsViewModel checkpointsViewModel() {
        return checkpoints;
    }

    public PlaygroundViewModel playgroundViewModel() {
        return playground;
    }

    public Workbench workbench() {
        return workbench;
    }

    public void shutdown() {
        train.stop();
        workbench.jobs().shutdown();
    }
}
