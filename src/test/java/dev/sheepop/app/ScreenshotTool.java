package dev.sheepop.app;

import dev.sheepop.app.fx.FxJobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.train.RunPhase;
import dev.sheepop.checkpoint.CheckpointInfo;
import dev.sheepop.config.Presets;
import dev.sheepop.config.TrainConfig;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Drives the real workbench over a copy of sample-data and writes a screenshot of every pane to
 * docs/images/; meanwhile measures the longest gap between FX pulses while training runs with its
 * charts updating. Run under {@code xvfb-run -a} from the repository root (see docs/user-guide.md).
 */
public final class ScreenshotTool {
    /** {@code -Dsheepop.shots.referenceModel=true}: the timed run trains the reference preset's model instead of tiny. */
    private static final boolean REFERENCE_MODEL = Boolean.getBoolean("sheepop.shots.referenceModel");
    private static Path out;
    private static Path work;
    private MainWindow window;
    private Stage stage;

    public static void main(String[] args) throws Exception {
        dev.sheepop.model.NativeLibraries.configure();   // as the workbench does, before anything loads ND4J
        dev.sheepop.app.train.TrainThreads.configureEnvironment();
        out = Path.of(args.length > 0 ? args[0] : "docs/images");
        Files.createDirectories(out);
        work = Files.createTempDirectory("workbench-shots");
        copy(Path.of("sample-data"), work.resolve("sample-data"));
        Application.launch(App.class, args);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path d = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(d);
                } else {
                    Files.copy(p, d);
                }
            }
        }
    }

    /** The JavaFX entry (the tool's main class itself must not extend Application on the class path). */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            new ScreenshotTool().run(stage);
        }
    }

    void run(Stage stage) {
        this.stage = stage;
        window = new MainWindow(Workbench.in(work, new FxJobRunner(), new Notifier(() -> stage)));
        var scene = new Scene(window, 1280, 820);
        WorkbenchApp.style(scene);
        stage.setScene(scene);
        stage.setTitle(MainWindow.TITLE);
        window.installShortcuts();
        stage.show();
        window.afterShown();
        var t = new Thread(this::script, "screenshot-script");
        t.setDaemon(true);
        t.start();
    }

    private void script() {
        try {
            var dataset = window.datasetViewModel();
            shot("first-run");                      // a fresh start: the Dataset pane says what to do
            fx(() -> {
                window.useSampleData();
                return null;
            });
            waitFor(300, () -> dataset.statsProperty().get() != null && !dataset.runningProperty().get());
            waitFor(30, () -> !window.playgroundViewModel().models().isEmpty());
            fx(() -> {
                window.select("Dataset");
                var table = (TableView<?>) stage.getScene().lookup("#files-table");
                for (int i = 0; i < table.getItems().size(); i++) {
                    if (table.getItems().get(i).toString().contains("typed-and-scanned.pdf")) {
                        table.getSelectionModel().select(i);
                    }
                }
                return null;
            });
            shot("dataset");

            fx(() -> {
                selectTab("#dataset-tabs", "dataset-tokenizers-tab");
                window.tokenizerLabViewModel().compare();
                return null;
            });
            waitFor(300, () -> !window.tokenizerLabViewModel().runningProperty().get()
                    && !window.tokenizerLabViewModel().rows().isEmpty());
            shot("dataset-tokenizers");
            fx(() -> {
                selectTab("#dataset-tabs", "dataset-search-tab");
                window.datasetSearchViewModel().search("winter of our discontent");
                return null;
            });
            waitFor(120, () -> !window.datasetSearchViewModel().results().isEmpty());
            shot("dataset-search");

            fx(() -> {
                window.select("Config");
                window.configViewModel().presetProperty().set("shakespeare-char-cpu");
                return null;
            });
            shot("config");
            fx(() -> {
                window.configViewModel().field("model.num_heads").textProperty().set("5");
                return null;
            });
            shot("config-invalid");

            // baseline: the same meter for 10 s on the idle Train pane (what the machine's load alone costs)
            var idle = new StallMeter();
            fx(() -> {
                window.select("Train");
                idle.start();
                return null;
            });
            Thread.sleep(10_000);
            fx(() -> {
                idle.stop();
                return null;
            });
            System.err.printf("fx-idle-max-ms %.1f, gaps > 50 ms: %d, p99 %.1f ms, over %d frames (%.1f s idle)%n",
                    idle.maxGapMs(), idle.over50(), idle.p99Ms(), idle.frames(), idle.seconds());

            // a short real run on the sample data: 300 steps of a small model, evaluation every 50
            var stall = new StallMeter();
            fx(() -> {
                var tiny = Presets.tiny();
                var run = tiny.withTraining(TrainConfig.defaults().toBuilder().batchSize(16).maxSteps(300)
                        .learningRate(3e-3).minLr(3e-4).warmupSteps(20).lrDecaySteps(300).evalInterval(50).evalIters(5)
                        .checkpointInterval(100).logInterval(5).build());
                if (REFERENCE_MODEL) {   // the reference's model and batch (two training threads where the trainer picks them)
                    var ref = Presets.shakespeareCharCpu();
                    var d = run.data();
                    run = run.withModel(ref.model())
                            .withData(new dev.sheepop.config.DataConfig(d.dataDir(), 64, 64, d.numWorkers(), d.valFraction(),
                                    d.sampling(), d.minLineLength(), d.ocr()))
                            .withTraining(TrainConfig.defaults().toBuilder().maxSteps(300).warmupSteps(20)
                                    .lrDecaySteps(300).evalInterval(50).evalIters(5).checkpointInterval(100).logInterval(5)
                                    .build());
                }
                window.configViewModel().apply(run);
                window.select("Train");
                window.trainViewModel().start(window.configViewModel().config(),
                        () -> new dev.sheepop.data.Corpus(dataset.datasetProperty().get().documents(),
                                dataset.datasetProperty().get().corpusHash(), "sample-data"));
                stall.start();
                return null;
            });
            var train = window.trainViewModel();
            waitFor(300, () -> train.trainLoss().size() >= 200 && !train.sampleProperty().get().isEmpty());
            active = stall; // the snapshot itself holds the FX thread: not a stall of the workbench
            shot("train");
            active = null;
            waitFor(300, () -> train.stateProperty().get() == RunPhase.IDLE);
            fx(() -> {
                stall.stop();
                return null;
            });
            System.err.printf("fx-stall-max-ms %.1f, gaps > 50 ms: %d, p99 %.1f ms, over %d frames (%.1f s of training"
                    + " with charts)%n", stall.maxGapMs(), stall.over50(), stall.p99Ms(), stall.frames(), stall.seconds());
            System.err.printf("fx-thread-cpu-ms %.0f during training; renderer-cpu-ms %.0f in all%n", stall.fxCpuMs(),
                    threadCpuMs("QuantumRenderer"));
            stall.stalls().forEach(System.err::println);

            fx(() -> {
                window.select("Checkpoints");
                window.checkpointsViewModel().refresh();
                return null;
            });
            waitFor(30, () -> window.checkpointsViewModel().checkpoints().size() >= 2);
            fx(() -> {
                var table = (TableView<?>) stage.getScene().lookup("#checkpoints-table");
                table.getSelectionModel().selectIndices(0, table.getItems().size() - 1);
                return null;
            });
            shot("checkpoints");

            // the Playground's insight (a generation, the memorisation meter's index, attention, a search): FX stalls
            var insight = new StallMeter();
            fx(() -> {
                window.select("Playground");     // built on first show: its first layout is not what is measured here
                return null;
            });
            waitFor(30, () -> stage.getScene().lookup("#playground-views") instanceof javafx.scene.layout.Region r
                    && r.getWidth() > 0);                // laid out once
            fx(() -> {
                insight.start();
                var pg = window.playgroundViewModel();
                pg.sideBySideProperty().set(true);
                pg.models().stream().filter(m -> m.name().equals("sample model")).findFirst().ifPresent(pg.leftProperty()::set);
                pg.models().stream().filter(m -> !m.name().equals("sample model")).findFirst().ifPresent(pg.rightProperty()::set);
                pg.promptProperty().set("ROMEO:\n");
                pg.settingsForm().maxNewTokens().textProperty().set("400");
                pg.copyMinLength().textProperty().set("8");       // short spans marked, so the picture shows the meter
                pg.generate();
                return null;
            });
            waitFor(60, () -> !window.playgroundViewModel().runningProperty().get());
            waitFor(300, () -> window.playgroundViewModel().left().content().copying() != null);
            active = insight;
            shot("playground");
            fx(() -> {
                selectTab("#playground-views", "tab-attention");
                var pg = window.playgroundViewModel();
                pg.promptProperty().set("ROMEO:\nBut soft, what light through yonder window breaks?");
                window.attentionViewModel().compute(pg.leftProperty().get().generator(), pg.leftProperty().get().name(),
                        pg.promptProperty().get());
                return null;
            });
            waitFor(60, () -> window.attentionViewModel().mapProperty().get() != null);
            shot("playground-attention");
            fx(() -> {
                selectTab("#playground-views", "tab-find");
                window.playgroundSearchViewModel().search("what light through yonder window");
                return null;
            });
            waitFor(120, () -> !window.playgroundSearchViewModel().results().isEmpty());
            shot("playground-search");
            active = null;
            fx(() -> {
                insight.stop();
                return null;
            });
            System.err.printf("fx-insight-max-ms %.1f, gaps > 50 ms: %d, p99 %.1f ms, over %d frames (%.1f s of generation,"
                    + " memorisation index, attention and search)%n", insight.maxGapMs(), insight.over50(), insight.p99Ms(),
                    insight.frames(), insight.seconds());
            insight.stalls().forEach(System.err::println);
            System.err.println("screenshots written to " + out);
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            Platform.exit();
            System.exit(0);
        }
    }

    private static double threadCpuMs(String prefix) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double total = 0;
        for (var info : mx.dumpAllThreads(false, false)) {
            if (info.getThreadName().startsWith(prefix)) {
                total += mx.getThreadCpuTime(info.getThreadId()) / 1e6;
            }
        }
        return total;
    }

    private StallMeter active;

    private void selectTab(String tabPane, String tabId) {
        var tabs = (javafx.scene.control.TabPane) stage.getScene().lookup(tabPane);
        tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst().ifPresent(tabs.getSelectionModel()::select);
    }

    private void shot(String name) throws Exception {
        Thread.sleep(600);
        fx(() -> {
            if (active != null) {
                active.skipNextGap();
            }
            var image = stage.getScene().snapshot(null);
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.resolve(name + ".png").toFile());
            return null;
        });
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        var f = new CompletableFuture<T>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static void waitFor(int seconds, BooleanSupplier condition) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (!fx(condition::getAsBoolean)) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(200);
        }
    }

    /**
     * The longest gap between two FX pulses while it runs (an AnimationTimer sees every pulse), and a
     * watchdog that records what the FX thread was doing when no pulse came for 100 ms.
     */
    static final class StallMeter extends AnimationTimer {
        private volatile long last;
        private long first;
        private long maxGap;
        private long frames;
        private long skipped;
        private final java.util.List<Long> gaps = new java.util.ArrayList<>();
        private final java.util.List<String> stalls = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean watching;

        private long cpuStart;
        private long cpuEnd;

        double fxCpuMs() {
            return (cpuEnd - cpuStart) / 1e6;
        }

        @Override
        public void start() {
            super.start();
            Thread fx = Thread.currentThread();
            cpuStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            watching = true;
            var dog = new Thread(() -> {
                long reported = 0;
                while (watching) {
                    long l = last;
                    if (l != 0 && !skipNext && System.nanoTime() - l > 100_000_000L && l != reported) {
                        reported = l;
                        var trace = fx.getStackTrace();
                        var sb = new StringBuilder("stall > 100 ms in:");
                        for (int i = 0; i < Math.min(14, trace.length); i++) {
                            sb.append("\n    ").append(trace[i]);
                        }
                        stalls.add(sb.toString());
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "stall-watchdog");
            dog.setDaemon(true);
            dog.start();
        }

        @Override
        public void stop() {
            cpuEnd = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            watching = false;
            super.stop();
        }

        private volatile boolean skipNext;

        /** The gap that ends at the next pulse is not counted (call on the FX thread before a snapshot). */
        void skipNextGap() {
            skipNext = true;
        }

        @Override
        public void handle(long now) {
            long t = System.nanoTime();
            if (skipNext) {
                skipNext = false;
                skipped++;
            } else if (last != 0) {
                maxGap = Math.max(maxGap, t - last);
                gaps.add(t - last);
            } else {
                first = t;
            }
            last = t;
            frames++;
        }

        double maxGapMs() {
            return maxGap / 1e6;
        }

        long over50() {
            return gaps.stream().filter(g -> g > 50_000_000L).count();
        }

        double p99Ms() {
            var sorted = gaps.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.99)) / 1e6;
        }

        java.util.List<String> stalls() {
            return stalls;
        }

        long frames() {
            return frames;
        }

        double seconds() {
            return (last - first) / 1e9;
        }
    }
}
