package dev.sheepop.tokenizer;

import java.util.List;

/**
 * Text ↔ token ids. Ids {@code 0..vocabSize()-1}; the special tokens have fixed ids below.
 * Implementations are immutable and thread-safe.
 */
public interface Tokenizer {
    int PAD = 0;
    int UNK = 1;
    int BOS = 2;
    int EOS = 3;
    List<String> SPECIAL_TOKENS = List.of("<pad>", "<unk>", "<bos>", "<eos>");

    /** "char" (and later "bpe"): the {@code type} field of the saved JSON. */
    String type();

    int vocabSize();

    /** Encodes text; characters outside the vocabulary become {@link #UNK}. */
    int[] encode(String text);

    /** Decodes ids; special tokens decode to nothing. */
    String decode(int[] ids);

    /** The text of one token (empty for special tokens). */
    String tokenText(int id);

    /** A stable SHA-256 of the type and vocabulary: checkpoints refuse a tokenizer whose hash differs. */
    String hash();
}
