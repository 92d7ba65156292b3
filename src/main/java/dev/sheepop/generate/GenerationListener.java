package dev.sheepop.generate;

/**
 * Receives a generation as it is produced, on the generating thread. {@link #onText}: the text, where text that might
 * be the start of a stop string is held back until it is known not to be one, so the pieces always add up to the final
 * text. {@link #onToken}: every token with its probabilities, for listeners that ask for them ({@link #wantsTokens}),
 * since computing them costs a softmax and a sort per token.
 */
@FunctionalInterface
public interface GenerationListener {
    GenerationListener NONE = text -> { };

    void onText(String text);

    /** Called for every generated token when {@link #wantsTokens()} is true, before its text is streamed. */
    default void onToken(TokenChoice token) {
    }

    default boolean wantsTokens() {
        return false;
    }

    /** A listener that receives the text and every token with its odds. */
    static GenerationListener withTokens(java.util.function.Consumer<String> onText,
                                         java.util.function.Consumer<TokenChoice> onToken) {
        return new GenerationListener() {
            @Override
            public void onText(String text) {
                onText.accept(text);
            }

            @Override
            public void onToken(TokenChoice token) {
                onToken.accept(token);
            }

            @Override
            public boolean wantsTokens() {
                return true;
            }
        };
    }
}
