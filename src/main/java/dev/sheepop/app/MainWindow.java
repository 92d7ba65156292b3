package dev.sheepop.app;

import dev.sheepop.app.config.ConfigPane;
import dev.sheepop.app.config.ConfigViewModel;
import dev.sheepop.app.dataset.DatasetPane;
import dev.sheepop.app.dataset.DatasetViewModel;
import dev.sheepop.app.playground.PlaygroundPane;
import dev.sheepop.app.playground.PlaygroundViewModel;
import dev.sheepop.config.RunConfig;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;

import java.util.List;

/**
 * The workbench window's content: the five workflow steps as tabs (Dataset, Config, Train, Checkpoints,
 * Playground) over a status bar. Owns the view-models so that work (training) continues while the user
 * looks at other panes. Keyboard: Ctrl+1..5 switch panes, F5 starts training, Shift+F5 stops it,
 * Ctrl+Enter generates in the Playground.
 */
public final class MainWindow extends BorderPane {
    public static final String TITLE = "SheepOp Workbench";
    private final Workbench workbench;
    private final TabPane tabs = new TabPane();
    private final ConfigViewModel config = new ConfigViewModel();
    private final PlaygroundViewModel playground;
    private final DatasetViewModel dataset;
    private final StatusBar statusBar;
    private final Tab datasetTab;
    private final Tab configTab;
    private final Tab trainTab;
    private final Tab checkpointsTab;
    private final Tab playgroundTab;

    public MainWindow(Workbench workbench) {
        this.workbench = workbench;
        setId("main-window");
        dataset = new DatasetViewModel(workbench.jobs(), workbench.notifier(), Platform::runLater,
                workbench.datasetDir());
        dataset.statsProperty().addListener((o, a, b) -> {
            if (b != null && b.distinctCharacters() > 0) {
                config.assumedVocabProperty().set(b.distinctCharacters() + 4);
            }
        });
        dataset.valFractionProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> config.config() == null ? 0.1 : config.config().data().valFraction(), config.configProperty()));
        playground = new PlaygroundViewModel(workbench.jobs(), workbench.notifier(), Platform::runLater);
        datasetTab = tab("Dataset", new DatasetPane(dataset));
        configTab = tab("Config", new ConfigPane(config, workbench.notifier(), this::startTraining));
        trainTab = tab("Train", placeholder("Train"));
        checkpointsTab = tab("Checkpoints", placeholder("Checkpoints"));
        playgroundTab = tab("Playground", new PlaygroundPane(playground));
        tabs.getTabs().addAll(datasetTab, configTab, trainTab, checkpointsTab, playgroundTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("panes");
        setCenter(tabs);
        statusBar = new StatusBar(workbench.jobs(), workbench.notifier().lastMessageProperty());
        setBottom(statusBar);
    }

    private static Tab tab(String name, Node content) {
        var tab = new Tab(name, content);
        tab.setId("tab-" + name.toLowerCase());
        return tab;
    }

    private static Node placeholder(String name) {
        var label = new Label(name + " — not available in this build yet");
        label.getStyleClass().add("hint");
        return label;
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
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), () -> {
            if (config.validProperty().get()) {
                startTraining(config.config());
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN), this::stopTraining);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), this::generate);
    }

    /** Called after the window is shown: slow probes that must not delay the first frame. */
    public void afterShown() {
        statusBar.probeBackend();
        openInitialDataset();
    }

    /** The dataset of an earlier session, else the bundled sample-data (ingested now), else nothing. */
    void openInitialDataset() {
        if (!dataset.openExisting() && workbench.hasSampleData()) {
            dataset.onFilesDropped(List.of(workbench.sampleData().toFile()));
        }
    }

    void startTraining(RunConfig run) {
        tabs.getSelectionModel().select(trainTab);
        workbench.notifier().info("Training is not available in this build yet");
    }

    void stopTraining() {
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

    public ConfigViewModel configViewModel() {
        return config;
    }

    public DatasetViewModel datasetViewModel() {
        return dataset;
    }

    public PlaygroundViewModel playgroundViewModel() {
        return playground;
    }

    public Workbench workbench() {
        return workbench;
    }

    /** Asks whether the window may close (training running → ask, save if told to); true to close. */
    public boolean confirmClose() {
        return true;
    }

    public void shutdown() {
        workbench.jobs().shutdown();
    }
}
