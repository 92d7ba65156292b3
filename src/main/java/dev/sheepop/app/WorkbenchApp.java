package dev.sheepop.app;

import dev.sheepop.app.fx.FxJobRunner;
import dev.sheepop.app.fx.Notifier;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.file.Path;

/**
 * The JavaFX application: builds the main window over the working directory (the repository root when
 * started with {@code mvn javafx:run}) and logs the time from JVM start to the first rendered frame.
 * With {@code -Dsheepop.exitAfterFirstFrame=true} it prints that figure and exits (for measuring).
 */
public final class WorkbenchApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchApp.class);

    static {   // before anything loads ND4J, OpenMP or Tesseract
        dev.sheepop.model.NativeLibraries.configure();
        dev.sheepop.app.train.TrainThreads.configureEnvironment();
        LOG.info("threads at JVM start: {}; {}", dev.sheepop.common.ThreadEnvironment.describe(),
                dev.sheepop.model.NativeLibraries.decisions());
    }
    public static final String CSS = "/assets/workbench.css";
    /** The window's plain background (Modena's): what shows before anything is drawn. */
    static final javafx.scene.paint.Color BACKGROUND = javafx.scene.paint.Color.web("#f4f4f4");
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long entered = System.currentTimeMillis();
        var jobs = new FxJobRunner();
        var notifier = new Notifier(() -> stage);
        var workbench = Workbench.in(Path.of("").toAbsolutePath(), jobs, notifier);
        window = new MainWindow(workbench);
        var scene = new Scene(window, 1200, 780, BACKGROUND);   // never a white frame, even before the first layout
        style(scene);
        stage.setTitle(MainWindow.TITLE);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        URL icon = WorkbenchApp.class.getResource("/assets/icon.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon.toExternalForm()));
        }
        stage.setScene(scene);
        window.installShortcuts();
        stage.setOnCloseRequest(e -> {
            if (!window.confirmClose(stage::close)) {
                e.consume();
            }
        });
        long built = System.currentTimeMillis();
        stage.show();
        LOG.info("start() entered {} ms after JVM start; window built in {} ms, shown in {} ms", entered - jvmStart,
                built - entered, System.currentTimeMillis() - built);
        reportFirstFrame(scene);
        window.afterShown();
    }

    /** Adds the workbench style sheet (from the class path, so it works from the jar too). */
    public static void style(Scene scene) {
        URL css = WorkbenchApp.class.getResource(CSS);
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        } else {
            LOG.warn("Style sheet {} not found on the class path", CSS);
        }
    }

    private static void reportFirstFrame(Scene scene) {
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames < 2) {
                    return; // the second pulse: the first frame has been rendered
                }
                stop();
                long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                LOG.info("First frame {} ms after JVM start", ms);
                if (Boolean.getBoolean("sheepop.exitAfterFirstFrame")) {
                    // what `sheepop bench startup` reads: the time, and how much of the frame is drawn content
                    System.err.printf(java.util.Locale.ROOT, "first-frame-ms %d content %.3f%n", ms, drawnShare(scene));
                    System.exit(0);
                }
            }
        }.start();
    }

    /** The share of the scene's pixels that are neither white nor the plain background: 0 for a blank frame. */
    static double drawnShare(Scene scene) {
        var image = scene.snapshot(null);
        var reader = image.getPixelReader();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int background = argb(BACKGROUND);
        long drawn = 0;
        for (int y = 0; y < h; y += 2) {
            for (int x = 0; x < w; x += 2) {
                int p = reader.getArgb(x, y);
                if (p != 0xFFFFFFFF && p != background) {
                    drawn++;
                }
            }
        }
        return drawn / (double) (((w + 1) / 2) * ((h + 1) / 2));
    }

    private static int argb(javafx.scene.paint.Color c) {
        return (int) Math.round(c.getOpacity() * 255) << 24 | (int) Math.round(c.getRed() * 255) << 16
                | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
        // ND4J and OpenMP keep non-daemon threads alive: the window is gone, so is the process.
        new Thread(() -> System.exit(0), "workbench-exit").start();
    }
}
