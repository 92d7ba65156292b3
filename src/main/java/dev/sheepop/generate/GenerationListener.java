package dev.sheepop.generate;

/**
 * Receives the generated text as it is produced, on the generating thread. Text that might be the start of
 * a stop string is held back until it is known not to be one, so the pieces always add up to the final text.
 */
@FunctionalInterface
public interface GenerationListener {
    GenerationListener NONE = text -> { };

    void onText(String text);
}
