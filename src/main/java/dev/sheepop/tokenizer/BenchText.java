package dev.sheepop.tokenizer;

import java.util.Random;

/**
 * Synthetic text for the tokenizer benchmark when no corpus is given: sentences of pseudo-words drawn from a Zipf
 * distribution over 100,000 distinct words (like a natural language's: a few very frequent words, a long tail),
 * with punctuation, numbers, some accented and CJK words, and paragraphs. Deterministic for a seed.
 */
final class BenchText {
    private static final String[] SYLLABLES = ("ka ri to mo na shi ve lo an er in th re on at en nd ti es or te of ed is "
            + "it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta "
            + "la ns ge ly ei os no pe do su pa ec ac ot di ol tr sh ut ho wa ow ee wh ai mi ad ig us ie fo ul id").split(" ");
    private static final String[] EXTRA = {"déjà", "naïve", "Straße", "größer", "mañana", "東京", "学习", "한국어", "🐑", "café"};
    private static final String PUNCT = ",,,,..;:!?";

    private BenchText() {
    }

    static String generate(int bytes, long seed) {
        var random = new Random(seed);
        int words = 100_000;
        var lexicon = new String[words];
        for (int i = 0; i < words; i++) {
            var w = new StringBuilder();
            int syllables = 1 + Math.min(4, (int) Math.round(Math.abs(random.nextGaussian()) * 1.5));
            for (int s = 0; s < syllables; s++) {
                w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            lexicon[i] = w.toString();
        }
        double[] cumulative = new double[words];   // Zipf, exponent 1.1
        double sum = 0;
        for (int i = 0; i < words; i++) {
            sum += 1.0 / Math.pow(i + 1, 1.1);
            cumulative[i] = sum;
        }
        var sb = new StringBuilder(bytes + 256);
        while (sb.length() < bytes) {
            int n = 5 + random.nextInt(15);
            for (int k = 0; k < n; k++) {
                String w;
                int r = random.nextInt(200);
                if (r == 0) {
                    w = EXTRA[random.nextInt(EXTRA.length)];
                } else if (r < 4) {
                    w = Integer.toString(random.nextInt(10_000));
                } else {
                    int idx = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * sum);
                    w = lexicon[Math.min(words - 1, idx < 0 ? -idx - 1 : idx)];
                }
                if (k == 0) {
                    w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
                }
                sb.append(w);
                if (k < n - 1) {
                    sb.append(random.nextInt(8) == 0 ? PUNCT.charAt(random.nextInt(4)) + " " : " ");
                }
            }
            sb.append(PUNCT.charAt(4 + random.nextInt(PUNCT.length() - 4)));
            sb.append(random.nextInt(6) == 0 ? "\n\n" : random.nextInt(3) == 0 ? "\n" : " ");
        }
        return sb.toString();
    }
}
