package dev.sheepop.tokenizer;

/**
 * GPT-2's byte-level alphabet: each of the 256 byte values as one printable character, so that a byte-level
 * BPE vocabulary can be written as strings (the Hugging Face {@code ByteLevel} pre-tokenizer and decoder, and
 * GGUF's gpt2 tokenizer, use the same table). Printable Latin-1 bytes stand for themselves; the others (control
 * characters, space, 0x7F-0xA0, 0xAD) map to U+0100 and up, in byte order: space is {@code Ġ}, newline {@code Ċ}.
 */
public final class ByteLevel {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = (char) (printable ? b : next++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {
    }

    /** The character standing for byte {@code b} (0..255). */
    public static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** Bytes as their byte-level string. */
    public static String encode(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(chars);
    }

    /** A byte-level string back to its bytes; null when it holds a character outside the alphabet. */
    public static byte[] decode(String s) {
        byte[] bytes = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) {
                return null;
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }
}
