package dev.sheepop.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A deterministic multilingual test corpus of at least 1 MB: English (Shakespeare), this project's own Java source
 * (some files with CRLF line ends), accented Latin (French, German, Polish, Vietnamese, with precomposed and
 * combining accents), CJK (Chinese, Japanese, Korean), Arabic, Devanagari, Thai, emoji (skin tones, ZWJ families,
 * flags, variation selectors) and odd whitespace (tabs, NBSP, ideographic space, line separators).
 */
final class MixedCorpus {
    private static final String[] LATIN = {
            "déjà", "vu", "garçon", "élève", "où", "forêt", "naïve", "cœur", "Über", "Straße", "Mädchen", "schön",
            "Grüße", "Fußgänger", "mañana", "niño", "año", "corazón", "¿Qué", "pasó?", "¡Olé!", "zażółć", "gęślą",
            "jaźń", "Łódź", "tiếng", "Việt", "người", "đẹp", "quá", "cafe\u0301", "nai\u0308ve", "Ångström", "smörgåsbord",
            "Ærø", "İstanbul", "ışık", "Þórr", "ðæt", "ﬁnance", "½", "№5", "Ω", "µs"};
    private static final String[] CJK = {
            "我们今天去公园散步。", "天气很好，阳光明媚！", "学习机器学习需要耐心。", "東京は日本の首都です。",
            "ひらがなとカタカナを勉強しています。", "ラーメンが大好き！", "안녕하세요, 만나서 반갑습니다.",
            "한국어 공부는 재미있어요.", "漢字、かな、ハングル", "「こんにちは」と彼は言った。", "１２３４５全角数字"};
    private static final String[] OTHER_SCRIPTS = {
            "مرحبا بالعالم", "اللغة العربية جميلة", "नमस्ते दुनिया", "हिन्दी भाषा", "สวัสดีครับ", "ภาษาไทย",
            "Привет, мир!", "Ελληνικά γράμματα", "שלום עולם", "∑ x² ≤ ∞ → ∀ε>0", "€100 £50 ¥1000 ₹20"};
    private static final String[] EMOJI = {
            "😀", "🐑", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "🇯🇵", "❤️", "✨", "🏳️‍🌈", "🤖", "🙏🏿", "🧑‍💻", "⚡", "🎉🎉🎉", "😂😂"};
    private static final String[] SPACES = {" ", " ", " ", "  ", "\t", "\u00A0", "\u3000", " \u2028", "\u2003"};

    private MixedCorpus() {
    }

    /** The corpus as documents (each a few KB to a few hundred KB), about {@code minBytes} of UTF-8 or more. */
    static List<String> documents(int minBytes) {
        var docs = new ArrayList<String>();
        long bytes = 0;
        try {
            String shakespeare = Files.readString(Path.of("sample-data/tinyshakespeare.txt"));
            docs.add(shakespeare.substring(0, 400_000));
            bytes += 400_000;
            try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
                int i = 0;
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String code = Files.readString(f);
                    docs.add(i++ % 3 == 0 ? code.replace("\n", "\r\n") : code);
                    bytes += code.length();
                    if (bytes > 800_000) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var random = new Random(42);
        while (bytes < minBytes) {
            var sb = new StringBuilder();
            for (int line = 0; line < 200; line++) {
                int words = 3 + random.nextInt(12);
                for (int w = 0; w < words; w++) {
                    int kind = random.nextInt(10);
                    String word = kind < 5 ? LATIN[random.nextInt(LATIN.length)]
                            : kind < 7 ? CJK[random.nextInt(CJK.length)]
                            : kind < 8 ? OTHER_SCRIPTS[random.nextInt(OTHER_SCRIPTS.length)]
                            : kind < 9 ? EMOJI[random.nextInt(EMOJI.length)]
                            : Integer.toString(random.nextInt(100_000)) + (random.nextBoolean() ? "'s" : "'ll");
                    sb.append(word).append(SPACES[random.nextInt(SPACES.length)]);
                }
                sb.append(random.nextInt(4) == 0 ? "\r\n" : random.nextInt(6) == 0 ? "\n\n   " : "\n");
            }
            String doc = sb.toString();
            docs.add(doc);
            bytes += doc.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return docs;
    }
}
