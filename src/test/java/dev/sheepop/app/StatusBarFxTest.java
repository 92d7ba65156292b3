package dev.sheepop.app;

import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.fx.SyncJobRunner;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Status messages go away after their time (a clock the test moves), errors later than information. */
@ExtendWith(ApplicationExtension.class)
class StatusBarFxTest {
    /** A clock that stands still until the test moves it. */
    static final class StepClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final StepClock clock = new StepClock();
    private final Notifier notifier = Notifier.silent();
    private StatusBar bar;

    @Start
    void start(Stage stage) {
        bar = new StatusBar(new SyncJobRunner(), notifier, clock);
        stage.setScene(new Scene(bar, 900, 30));
        stage.show();
    }

    @Test
    void messagesClearAfterTheirTimeAndAnErrorStaysLonger(FxRobot robot) {
        Label message = robot.lookup("#status-message").queryAs(Label.class);
        robot.interact(() -> notifier.error("The config is invalid: fix the marked fields in the Config pane"));
        assertEquals("The config is invalid: fix the marked fields in the Config pane", message.getText());
        assertTrue(message.getStyleClass().contains("status-error"));
        robot.interact(() -> {
            clock.advance(Duration.ofSeconds(StatusBar.INFO_SECONDS + 1));
            bar.tick();
        });
        assertTrue(!message.getText().isEmpty(), "an error outlives an information message");
        robot.interact(() -> {
            clock.advance(Duration.ofSeconds(StatusBar.ERROR_SECONDS));
            bar.tick();
        });
        assertEquals("", message.getText());

        robot.interact(() -> notifier.info("Loaded config.json"));
        robot.interact(() -> notifier.error("Something failed"));
        robot.interact(() -> notifier.info("Training finished"));
        assertEquals("Training finished", message.getText(), "a later success replaces the error");
        assertTrue(!message.getStyleClass().contains("status-error"));
        robot.interact(() -> {
            clock.advance(Duration.ofSeconds(StatusBar.INFO_SECONDS));
            bar.tick();
        });
        assertEquals("", message.getText());
    }
}
