package dev.sheepop.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PreTokenizerTest {
    /** GPT-2's pre-tokenizer regex, with Unicode character classes (\s = White_Space), as Hugging Face runs it. */
    private static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    static List<String> scanner(String text) {
        var pieces = new ArrayList<String>();
        PreTokenizer.split(text, (s, e) -> pieces.add(text.substring(s, e)));
        return pieces;
    }

    static List<String> regex(String text) {
        var pieces = new ArrayList<String>();
        Matcher m = GPT2.matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    @Test
    void splitsLikeGpt2() {
        assertEquals(List.of("Hello", ",", " world", "!"), scanner("Hello, world!"));
        assertEquals(List.of("I", "'m", " here", "'s", " don", "'t"), scanner("I'm here's don't"));
        assertEquals(List.of(" ", " x", "\n\n", " y", "  "), scanner("  x\n\n y  "));
        assertEquals(List.of("a", " ", "\t", "b"), scanner("a \tb"));
        assertEquals(List.of("x", " 123", " ++", "abc", "\r", "\n", "z"), scanner("x 123 ++abc\r\nz"));
        assertEquals(List.of("🐑", " 🐑🐑", " é"), scanner("🐑 🐑🐑 é"));
    }

    @Test
    void agreesWithTheRegexOnEdgeCases() {
        for (String text : List.of("", " ", "   ", "\n", "a", "'", "''s", "'S", "' s", " 's", "it's", "x'll y've z're",
                "a  b", "a \n b", "a\u00A0b", "a\u3000\u3000b", "1,000.5", "e\u0301t\u00e9", "٣٤٥ ⅫⅢ ½", "\u2028x",
                "tab\there", " \t\n", "end with space ", "end\n", "👨‍👩‍👧 🇫🇷!", "$x = y * 2; // comment",
                "\u0000\u0001 ctrl", "a\u001Fb", "x\u0085y")) {
            assertEquals(regex(text), scanner(text), "text: " + text.replace("\n", "\\n"));
        }
    }

    @Test
    void agreesWithTheRegexOnAMegabyteOfMixedText() {
        for (String doc : MixedCorpus.documents(1_000_000)) {
            assertEquals(regex(doc), scanner(doc));
        }
    }

    @Test
    void chunkBoundariesAreWherePiecesEndAnyway() {
        String text = "Some text.\nNext line  \nand more\n\nWord\n" + "x".repeat(10) + "\nTail";
        for (int want = 0; want < text.length(); want++) {
            int q = BpeTrainer.safeBoundary(text, want);
            var whole = scanner(text);
            var left = scanner(text.substring(0, q));
            var right = scanner(text.substring(q));
            var joined = new ArrayList<>(left);
            joined.addAll(right);
            assertEquals(whole, joined, "boundary " + q);
        }
    }
}
