package dev.sheepop.app.train;

import java.util.function.Supplier;

/**
 * What closing the window does while training runs, apart from the dialog that asks: Stop and save
 * (the window closes once the checkpoint is written), Quit without saving (closes now), or Cancel.
 * When no run is active the window closes without asking.
 */
public final class QuitGuard {
    /** The user's answer to "Training is running. Save a checkpoint before quitting?". */
    public enum Answer { STOP_AND_SAVE, QUIT_WITHOUT_SAVING, CANCEL }

    private final TrainViewModel train;
    private final Supplier<Answer> ask;

    /** @param ask shows the question (on the UI thread) and returns the answer; only called while training */
    public QuitGuard(TrainViewModel train, Supplier<Answer> ask) {
        this.train = train;
        this.ask = ask;
    }

    /** True to close now; false to keep the window (cancelled, or {@code close} runs after the checkpoint). */
    public boolean mayClose(Runnable close) {
        if (!train.isActive()) {
            return true;
        }
        return switch (ask.get()) {
            case STOP_AND_SAVE -> {
                train.stopThen(close);
                yield false;
            }
            case QUIT_WITHOUT_SAVING -> true;
            case CANCEL -> false;
        };
    }
}
