package dev.sheepop.tokenizer;

import dev.sheepop.common.Hashing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * SheepOp's original SimpleTokenizer: one token per Unicode code point seen in the corpus, sorted, after four
 * special tokens (pad, unk, bos, eos). Characters outside the vocabulary encode as unk. The reference workload
 * (nanoGPT's character-level Shakespeare) uses it, so that its losses compare with nanoGPT's.
 */
public final class CharTokenizer implements Tokenizer {
    public static final int PAD = 0;
    public static final int UNK = 1;
    public static final int BOS = 2;
    public static final int EOS = 3;
    public static final List<String> SPECIAL_TOKENS = List.of("<pad>", "<unk>", "<bos>", "<eos>");

    private final int[] codePoints;          // id - SPECIAL_TOKENS.size() → code point
    private final Map<Integer, Integer> ids;  // code point → id
    private final String[] texts;
    private final byte[][] bytes;
    private final String hash;

    private CharTokenizer(int[] sortedCodePoints) {
        this.codePoints = sortedCodePoints;
        this.ids = new HashMap<>(sortedCodePoints.length * 2);
        int specials = SPECIAL_TOKENS.size();
        this.texts = new String[specials + sortedCodePoints.length];
        this.bytes = new byte[texts.length][];
        for (int i = 0; i < specials; i++) {
            texts[i] = "";
            bytes[i] = new byte[0];
        }
        for (int i = 0; i < sortedCodePoints.length; i++) {
            ids.put(sortedCodePoints[i], specials + i);
            texts[specials + i] = new String(Character.toChars(sortedCodePoints[i]));
            bytes[specials + i] = texts[specials + i].getBytes(StandardCharsets.UTF_8);
        }
        this.hash = Hashing.sha256(type() + "\n" + String.join("\u0000", SPECIAL_TOKENS) + "\n"
                + new String(sortedCodePoints, 0, sortedCodePoints.length));
    }

    /** Builds the vocabulary from the characters of {@code corpus}. */
    public static CharTokenizer fit(CharSequence corpus) {
        var seen = new TreeSet<Integer>();
        corpus.codePoints().forEach(seen::add);
        return new CharTokenizer(seen.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Builds the vocabulary from the characters of several texts. */
    public static CharTokenizer fit(List<String> texts) {
        var seen = new TreeSet<Integer>();
        for (String t : texts) {
            t.codePoints().forEach(seen::add);
        }
        return new CharTokenizer(seen.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Rebuilds a tokenizer from its characters (any order, duplicates ignored). */
    public static CharTokenizer ofCharacters(List<String> characters) {
        var seen = new TreeSet<Integer>();
        for (String c : characters) {
            if (c.codePointCount(0, c.length()) != 1) {
                throw new IllegalArgumentException("not a single character: '" + c + "'");
            }
            seen.add(c.codePointAt(0));
        }
        return new CharTokenizer(seen.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public String type() {
        return "char";
    }

    @Override
    public int vocabSize() {
        return texts.length;
    }

    @Override
    public int[] encode(String text) {
        return text.codePoints().map(cp -> ids.getOrDefault(cp, UNK)).toArray();
    }

    @Override
    public String decode(int[] tokenIds) {
        var sb = new StringBuilder(tokenIds.length);
        for (int id : tokenIds) {
            check(id);
            sb.append(texts[id]);
        }
        return sb.toString();
    }

    @Override
    public byte[] tokenBytes(int id) {
        check(id);
        return bytes[id].clone();
    }

    @Override
    public boolean isSpecial(int id) {
        check(id);
        return id < SPECIAL_TOKENS.size();
    }

    @Override
    public String specialName(int id) {
        return isSpecial(id) ? SPECIAL_TOKENS.get(id) : null;
    }

    @Override
    public String tokenText(int id) {
        check(id);
        return isSpecial(id) ? SPECIAL_TOKENS.get(id) : texts[id];
    }

    @Override
    public int eos() {
        return EOS;
    }

    @Override
    public int bos() {
        return BOS;
    }

    @Override
    public int unk() {
        return UNK;
    }

    private void check(int id) {
        if (id < 0 || id >= texts.length) {
            throw new IllegalArgumentException("token id " + id + " outside the vocabulary [0, " + texts.length + ")");
        }
    }

    /** The ordinary characters of the vocabulary, in id order. */
    public List<String> characters() {
        return Arrays.asList(texts).subList(SPECIAL_TOKENS.size(), texts.length);
    }

    /** True when every character of {@code text} is in the vocabulary. */
    public boolean covers(String text) {
        return text.codePoints().allMatch(ids::containsKey);
    }

    @Override
    public String hash() {
        return hash;
    }
}
