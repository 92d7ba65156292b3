package dev.sheepop.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A corpus's documents cut into a training and a validation part by position in the text: the first
 * {@code 1 - valFraction} of its characters train, the rest validate (nanoGPT's 90/10 cut of one text). The
 * document that holds the cut is split there. Tokenizers learn from {@link #train} only, so no merge is ever
 * learned from the validation text.
 */
public record TextSplit(List<String> train, List<String> val) {
    public TextSplit {
        train = List.copyOf(train);
        val = List.copyOf(val);
    }

    public static TextSplit of(List<String> documents, double valFraction) {
        if (valFraction < 0 || valFraction >= 1) {
            throw new IllegalArgumentException("valFraction must be in [0, 1), got " + valFraction);
        }
        long total = 0;
        for (String d : documents) {
            total += d.length();
        }
        long cut = Math.round(total * (1.0 - valFraction));
        var train = new ArrayList<String>();
        var val = new ArrayList<String>();
        long at = 0;
        for (String d : documents) {
            if (at + d.length() <= cut) {
                train.add(d);
            } else if (at >= cut) {
                val.add(d);
            } else {
                int i = (int) (cut - at);
                if (i > 0 && Character.isLowSurrogate(d.charAt(i)) && Character.isHighSurrogate(d.charAt(i - 1))) {
                    i++;                                       // never between the halves of a surrogate pair
                }
                if (i > 0) {
                    train.add(d.substring(0, i));
                }
                if (i < d.length()) {
                    val.add(d.substring(i));
                }
            }
            at += d.length();
        }
        return new TextSplit(train, val);
    }

    /** Code points of a part: the characters of bits per character. */
    public static long characters(List<String> documents) {
        long n = 0;
        for (String d : documents) {
            n += d.codePointCount(0, d.length());
        }
        return n;
    }
}
