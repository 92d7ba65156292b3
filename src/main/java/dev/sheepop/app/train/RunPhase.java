package dev.sheepop.app.train;

/** Where the Train pane's run is. */
public enum RunPhase {
    IDLE, STARTING, RUNNING, PAUSED, STOPPING;

    public boolean active() {
        return this != IDLE;
    }
}
