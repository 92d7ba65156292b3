package dev.sheepop.tokenizer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a stream of token ids into text as it grows. A byte-level token may end in the middle of a multi-byte
 * character (an emoji is four bytes, often two or three tokens): those bytes are held back until the character is
 * complete, so streamed text never shows half a character. Bytes that can never form a valid character decode to
 * U+FFFD, as in {@link Tokenizer#decode}. Not thread-safe: one per generation.
 */
public final class TextStream {
    private final Tokenizer tokenizer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(64);
    private CharBuffer out = CharBuffer.allocate(64);

    public TextStream(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds one token; returns the text it completes (possibly empty). */
    public String append(int id) {
        if (tokenizer.isSpecial(id)) {
            return "";
        }
        byte[] bytes = tokenizer.tokenBytes(id);
        if (pending.remaining() < bytes.length) {
            var bigger = ByteBuffer.allocate(Math.max(2 * pending.capacity(), pending.position() + bytes.length));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(bytes);
        return drain(false);
    }

    /** The held-back bytes at the end of the stream, as U+FFFD for an incomplete character. */
    public String flush() {
        String rest = drain(true);
        decoder.reset();
        return rest;
    }

    /** True when bytes of an incomplete character are held back. */
    public boolean holdsBytes() {
        return pending.position() > 0;
    }

    private String drain(boolean endOfInput) {
        pending.flip();
        out.clear();
        if (out.capacity() < pending.remaining() + 2) {
            out = CharBuffer.allocate(pending.remaining() + 2);
        }
        decoder.decode(pending, out, endOfInput);
        if (endOfInput) {
            decoder.flush(out);
        }
        pending.compact();   // incomplete trailing bytes stay for the next token
        out.flip();
        return out.toString();
    }

    /** Bytes shown as text: valid UTF-8 as itself, otherwise each byte as {@code <0xE2>}. */
    static String display(byte[] bytes) {
        var strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return strict.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            var sb = new StringBuilder();
            for (byte b : bytes) {
                sb.append(String.format("<0x%02X>", b & 0xFF));
            }
            return sb.toString();
        }
    }
}
