package dev.sheepop.app;

import dev.sheepop.app.fx.JobRunner;
import dev.sheepop.app.train.TrainThreads;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bottom line: ND4J backend and threads (read once on a background thread, since loading ND4J
 * takes seconds), JVM memory in use (every second), the running job and its progress, the last message.
 */
public final class StatusBar extends HBox {
    private static final Logger LOG = LoggerFactory.getLogger(StatusBar.class);
    private final Label backend = new Label("ND4J: loading…");
    private final Label memory = new Label();
    private final Label job = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label message = new Label();

    public StatusBar(JobRunner jobs, javafx.beans.value.ObservableStringValue lastMessage) {
        setId("status-bar");
        getStyleClass().add("status-bar");
        setSpacing(12);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 8, 3, 8));
        backend.setId("status-backend");
        memory.setId("status-memory");
        job.setId("status-job");
        message.setId("status-message");
        job.textProperty().bind(Bindings.when(jobs.currentJobProperty().isEmpty()).then("idle")
                .otherwise(jobs.currentJobProperty()));
        progress.progressProperty().bind(jobs.progressProperty());
        progress.visibleProperty().bind(jobs.currentJobProperty().isNotEmpty());
        progress.setPrefWidth(140);
        message.textProperty().bind(lastMessage);
        message.setMinWidth(0);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(backend, memory, spacer, message, job, progress);
        updateMemory();
        var timer = new Timeline(new KeyFrame(Duration.seconds(1), e -> updateMemory()));
        timer.setCycleCount(Timeline.INDEFINITE);
        timer.play();
    }

    /** Loads ND4J off the FX thread and shows its backend and thread count. */
    public void probeBackend() {
        var t = new Thread(() -> {
            String text;
            try {
                String name = Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "");
                TrainThreads.limit(); // before any training, so the figure shown is the one training uses
                int threads = Nd4j.getEnvironment().maxMasterThreads();
                String omp = System.getenv("OMP_NUM_THREADS");
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

    private void updateMemory() {
        var rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        memory.setText(String.format("Heap %d / %d MB", used >> 20, rt.maxMemory() >> 20));
    }
}
