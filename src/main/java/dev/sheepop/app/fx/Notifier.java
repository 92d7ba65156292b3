package dev.sheepop.app.fx;

import dev.sheepop.common.UserException;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Shows one-line messages to the user as ControlsFX notifications (never a stack trace). The last
 * message stays readable in {@link #lastMessageProperty()} (the status bar and tests use it).
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private final Supplier<Window> owner;
    private final ReadOnlyStringWrapper lastMessage = new ReadOnlyStringWrapper("");
    private volatile boolean lastIsError;

    public Notifier(Supplier<Window> owner) {
        this.owner = owner;
    }

    /** A notifier without popups (view-model tests). */
    public static Notifier silent() {
        return new Notifier(() -> null);
    }

    public void error(Throwable e) {
        error(oneLine(e));
    }

    public void error(String message) {
        lastIsError = true;
        set(message);
        show(message, true);
    }

    public void info(String message) {
        lastIsError = false;
        set(message);
        show(message, false);
    }

    private void show(String message, boolean error) {
        Window window = owner.get();
        if (window == null || !window.isShowing()) {
            return;
        }
        try {
            var n = Notifications.create().owner(window).text(message).position(Pos.BOTTOM_RIGHT)
                    .hideAfter(Duration.seconds(error ? 8 : 4));
            if (error) {
                n.title("Error").showError();
            } else {
                n.showInformation();
            }
        } catch (RuntimeException ex) {
            LOG.warn("Cannot show notification '{}': {}", message, ex.toString());
        }
    }

    /** The same message twice still counts as a new message (the status bar shows it again). */
    private void set(String message) {
        if (message.equals(lastMessage.get())) {
            lastMessage.set("");
        }
        lastMessage.set(message);
    }

    /** True when the last message was an error. */
    public boolean lastIsError() {
        return lastIsError;
    }

    public ReadOnlyStringProperty lastMessageProperty() {
        return lastMessage.getReadOnlyProperty();
    }

    /** The message a user should see for a failure: a UserException's own line, else type + message. */
    public static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof UserException)) {
            if (t.getCause() instanceof UserException) {
                t = t.getCause();
                break;
            }
            t = t.getCause();
        }
        String msg = t.getMessage();
        if (t instanceof UserException) {
            return firstLine(msg);
        }
        String type = t.getClass().getSimpleName();
        return msg == null ? type : type + ": " + firstLine(msg);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
