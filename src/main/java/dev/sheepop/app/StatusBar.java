package dev.sheepop.app;

import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.train.TrainThreads;
import dev.sheepop.common.ThreadEnvironment;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * The bottom line: ND4J backend and threads (read once on a background thread, since loading ND4J takes seconds), JVM
 * memory in use (every second), the last message, the running job and its progress. A message stays for
 * {@value #INFO_SECONDS} s (an error {@value #ERROR_SECONDS} s) unless a newer one replaces it; the message takes the
 * room that is left, never the job's, and shows its full text as a tooltip.
 */
public final class StatusBar extends HBox {
    static final int INFO_SECONDS = 8;
    static final int ERROR_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(StatusBar.class);
    private final Label backend = new Label("ND4J: loading…");
    private final Label memory = new Label();
    private final Label job = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label message = new Label();
    private final Clock clock;
    private long shownAt;
    private boolean shownIsError;

    public StatusBar(JobRunner jobs, Notifier notifier, Clock clock) {
        this.clock = clock;
        setId("status-bar");
        getStyleClass().add("status-bar");
        setSpacing(12);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 8, 3, 8));
        backend.setId("status-backend");
        memory.setId("status-memory");
        job.setId("status-job");
        message.setId("status-message");
        backend.setMinWidth(Label.USE_PREF_SIZE);
        memory.setMinWidth(Label.USE_PREF_SIZE);
        job.textProperty().bind(Bindings.when(jobs.currentJobProperty().isEmpty()).then("idle")
                .otherwise(jobs.currentJobProperty()));
        job.setMaxWidth(320);
        job.setMinWidth(60);
        job.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        var jobTip = new Tooltip();
        jobTip.textProperty().bind(job.textProperty());
        job.setTooltip(jobTip);
        progress.progressProperty().bind(jobs.progressProperty());
        progress.visibleProperty().bind(jobs.currentJobProperty().isNotEmpty());
        progress.managedProperty().bind(progress.visibleProperty());
        progress.setPrefWidth(140);
        progress.setMinWidth(140);
        message.setMinWidth(0);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        var tip = new Tooltip();
        tip.textProperty().bind(message.textProperty());
        message.setTooltip(tip);
        notifier.lastMessageProperty().addListener((o, a, b) -> show(b, notifier.lastIsError()));
        getChildren().addAll(backend, memory, message, job, progress);
        tick();
        var timer = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));
        timer.setCycleCount(Timeline.INDEFINITE);
        timer.play();
    }

    private void show(String text, boolean error) {
        message.setText(text == null ? "" : text);
        message.getStyleClass().remove("status-error");
        if (error) {
            message.getStyleClass().add("status-error");
        }
        shownAt = clock.millis();
        shownIsError = error;
    }

    /** Once a second: the memory figure, and an old message cleared. */
    void tick() {
        var rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        memory.setText(String.format("Heap %d / %d MB", used >> 20, rt.maxMemory() >> 20));
        long age = clock.millis() - shownAt;
        if (!message.getText().isEmpty() && age >= 1000L * (shownIsError ? ERROR_SECONDS : INFO_SECONDS)) {
            message.setText("");
            message.getStyleClass().remove("status-error");
        }
    }

    /** Loads ND4J off the FX thread and shows its backend and thread count. */
    public void probeBackend() {
        var t = new Thread(() -> {
            String text;
            try {
                String name = Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "");
                TrainThreads.limit(); // before any training, so the figure shown is the one training uses
                int threads = Nd4j.getEnvironment().maxMasterThreads();
                String omp = System.getenv(ThreadEnvironment.OMP_NUM_THREADS);
                text = "ND4J " + name + " · " + threads + (threads == 1 ? " thread" : " threads") + (omp == null ? "" : " (OMP " + omp + ")");
            } catch (Throwable e) {
                LOG.warn("ND4J backend not available: {}", e.toString());
                text = "ND4J unavailable";
            }
            String shown = text;
            Platform.runLater(() -> backend.setText(shown));
        }, "nd4j-probe");
        t.setDaemon(true);
        t.start();
    }
}
