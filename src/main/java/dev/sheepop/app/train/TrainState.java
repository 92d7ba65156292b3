package dev.sheepop.app.train;

/** Where the Train pane's run is. */
public enum TrainState {
    IDLE, STARTING, RUNNING, PAUSED, STOPPING;

    public boolean active() {
        return this != IDLE;
    }
}
