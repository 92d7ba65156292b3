package dev.sheepop.train;

/**
 * Pause and stop requests for one training run, safe from any thread; the loop checks them between steps. Its lock
 * also guards the live weights, so that a copy taken from another thread never sees half an optimizer step.
 */
final class RunControl {
    private final Object lock = new Object();
    private volatile boolean stopRequested;
    private volatile boolean paused;

    Object lock() {
        return lock;
    }

    void requestStop() {
        stopRequested = true;
        wake();
    }

    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
        wake();
    }

    boolean paused() {
        return paused;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** Blocks while paused; true when the loop may take its next step, false when stopped or interrupted. */
    boolean awaitNextStep() {
        synchronized (lock) {
            while (paused && !stopRequested) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !stopRequested;
    }

    private void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }
}
