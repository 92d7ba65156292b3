package dev.sheepop.train;

/** Receives a trainer's events on the training thread; must return quickly (hand work to another thread). */
@FunctionalInterface
public interface TrainingListener {
    void onEvent(TrainingEvent event);

    TrainingListener NONE = event -> { };
}
