package dev.sheepop.app.playground;

import dev.sheepop.generate.GenerationResult;
import dev.sheepop.generate.TokenChoice;
import dev.sheepop.insight.CorpusIndex;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One column of the Playground's output: which model writes it, the prompt and the text it wrote (streamed, then with
 * every token and its odds), how fast, and what the text copies from the corpus. Changed on the FX thread only.
 */
public final class Transcript {
    /** A token of the final text: where it is in the continuation, and the odds it was drawn with. */
    public record Piece(int start, int end, TokenChoice token) {
    }

    /**
     * What the column shows: {@code text} is the continuation (without the prompt); {@code pieces} are empty while it
     * streams; {@code copying} is null until the memorisation meter has looked (or when it is off).
     */
    public record Content(String prompt, String text, List<Piece> pieces, CorpusIndex.Copying copying, boolean done) {
        public static final Content EMPTY = new Content("", "", List.of(), null, false);

        public Content {
            pieces = List.copyOf(pieces);
        }

        /** The prompt and the continuation, as one text. */
        public String fullText() {
            return prompt + text;
        }

        /** The token whose text covers character {@code index} of the continuation, or null. */
        public Piece pieceAt(int index) {
            for (Piece p : pieces) {
                if (index >= p.start() && index < p.end()) {
                    return p;
                }
            }
            return null;
        }

        Content withCopying(CorpusIndex.Copying c) {
            return new Content(prompt, text, pieces, c, done);
        }
    }

    private final ObjectProperty<ModelSlot> model;
    private final ReadOnlyObjectWrapper<Content> content = new ReadOnlyObjectWrapper<>(Content.EMPTY);
    private final ReadOnlyStringWrapper stats = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper copyingSummary = new ReadOnlyStringWrapper("");

    Transcript() {
        this.model = new SimpleObjectProperty<>();
    }

    void begin(String prompt) {
        content.set(new Content(prompt, "", List.of(), null, false));
        stats.set("generating…");
        copyingSummary.set("");
    }

    void append(String text) {
        var c = content.get();
        content.set(new Content(c.prompt(), c.text() + text, List.of(), null, false));
    }

    /** The generation ended: its final text, split into the tokens that wrote it. */
    void finish(GenerationResult result, List<TokenChoice> tokens) {
        var c = content.get();
        content.set(new Content(c.prompt(), result.text(), pieces(result.text(), tokens), null, true));
        stats.set(String.format(Locale.ROOT, "%d tokens · %.0f tokens/s · %s · prompt %d tokens%s", result.tokens().length,
                result.tokensPerSecond(), result.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                result.promptTokens(), result.cachedPromptTokens() > 0
                        ? ", " + result.cachedPromptTokens() + " from the prompt cache" : ""));
    }

    void failed() {
        stats.set("failed");
    }

    void clear() {
        content.set(Content.EMPTY);
        stats.set("");
        copyingSummary.set("");
    }

    void copying(CorpusIndex.Copying copying, String summary) {
        content.set(content.get().withCopying(copying));
        copyingSummary.set(summary);
    }

    void copyingSummary(String summary) {
        copyingSummary.set(summary);
    }

    /** The tokens laid over the text they wrote; text cut by a stop string cuts the tokens with it. */
    static List<Piece> pieces(String text, List<TokenChoice> tokens) {
        var out = new ArrayList<Piece>(tokens.size());
        int pos = 0;
        for (TokenChoice t : tokens) {
            if (pos >= text.length()) {
                break;
            }
            int end = Math.min(text.length(), pos + t.text().length());
            if (end > pos) {
                out.add(new Piece(pos, end, t));
            }
            pos = end;
        }
        return out;
    }

    /** The model writing this column. */
    public ObjectProperty<ModelSlot> modelProperty() {
        return model;
    }

    public ReadOnlyObjectProperty<Content> contentProperty() {
        return content.getReadOnlyProperty();
    }

    public Content content() {
        return content.get();
    }

    /** "40 tokens · 812 tokens/s · max tokens · prompt 6 tokens". */
    public ReadOnlyStringProperty statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** What the memorisation meter found ("Longest copied span: 57 characters, from notes.txt"), or "". */
    public ReadOnlyStringProperty copyingSummaryProperty() {
        return copyingSummary.getReadOnlyProperty();
    }
}
