package dev.sheepop.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * Text ↔ token ids ({@code 0..vocabSize()-1}). Two kinds: {@link CharTokenizer} (one token per character) and
 * {@link BpeTokenizer} (byte-level BPE, a Hugging Face {@code tokenizer.json}). Everything downstream — datasets,
 * the model's embedding size, checkpoints, generation — sees only this interface. Implementations are immutable
 * and thread-safe.
 */
public interface Tokenizer {
    /** "char" or "bpe": the kind of tokenizer (the {@code type} of the tokenizer config). */
    String type();

    int vocabSize();

    /** Encodes text. Text never contains special tokens: their spelling in the text is encoded as ordinary text. */
    int[] encode(String text);

    /** The UTF-8 bytes a token stands for; empty for special tokens. */
    byte[] tokenBytes(int id);

    /** True for the special tokens (end of text, padding, ...), which stand for no text. */
    boolean isSpecial(int id);

    /** The special token's spelling ({@code <eos>}, {@code <|endoftext|>}), or null for an ordinary token. */
    String specialName(int id);

    /** The token that separates documents and ends a generation. */
    int eos();

    /** The token a generation from an empty prompt starts with. */
    int bos();

    /** The token for characters outside the vocabulary, or -1 when every text is representable (byte-level BPE). */
    int unk();

    /** A stable SHA-256 of the tokenizer's content: checkpoints refuse a tokenizer whose hash differs. */
    String hash();

    /** Decodes ids to text; special tokens decode to nothing, bytes that are not valid UTF-8 to U+FFFD. */
    default String decode(int[] ids) {
        var stream = new TextStream(this);
        var sb = new StringBuilder();
        for (int id : ids) {
            sb.append(stream.append(id));
        }
        return sb.append(stream.flush()).toString();
    }

    /**
     * A token shown on its own (token lists, boundaries, probabilities): its text when its bytes are valid UTF-8,
     * else each byte as {@code <0xE2>}; special tokens as their name.
     */
    default String tokenText(int id) {
        if (isSpecial(id)) {
            return specialName(id);
        }
        return TextStream.display(tokenBytes(id));
    }

    /** Characters (code points) of a text: the unit of bits per character. */
    static long codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    /** UTF-8 length of a text. */
    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
