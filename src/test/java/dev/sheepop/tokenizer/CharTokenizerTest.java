package dev.sheepop.tokenizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CharTokenizerTest {
    @Test
    void roundTripsTextIncludingSupplementaryCharacters() {
        String text = "Hello, world!\nÜber 🐑 sheep.";
        var tok = CharTokenizer.fit(text);
        assertEquals(text, tok.decode(tok.encode(text)));
        assertEquals(CharTokenizer.SPECIAL_TOKENS.size() + (int) text.codePoints().distinct().count(), tok.vocabSize());
    }

    @Test
    void vocabularyIsSortedAndDeterministic() {
        var a = CharTokenizer.fit("cab");
        var b = CharTokenizer.fit("bca");
        assertEquals(a.hash(), b.hash());
        assertArrayEquals(new int[]{4, 5, 6}, a.encode("abc"));
        assertNotEquals(a.hash(), CharTokenizer.fit("abcd").hash());
    }

    @Test
    void unknownCharactersBecomeUnk() {
        var tok = CharTokenizer.fit("ab");
        assertArrayEquals(new int[]{4, CharTokenizer.UNK, 5}, tok.encode("azb"));
        assertEquals("ab", tok.decode(tok.encode("azb")));
    }

    @Test
    void savesAndLoads(@TempDir Path dir) throws Exception {
        var tok = CharTokenizer.fit("the quick brown fox\n\"jumps\" 🐑");
        Path file = dir.resolve("tokenizer.json");
        TokenizerIO.save(tok, file);
        var loaded = TokenizerIO.load(file);
        assertEquals(tok.hash(), loaded.hash());
        assertArrayEquals(tok.encode("brown 🐑"), loaded.encode("brown 🐑"));
    }

    @Test
    void damagedFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokenizer.json");
        TokenizerIO.save(CharTokenizer.fit("abc"), file);
        Files.writeString(file, Files.readString(file).replace("\"b\"", "\"x\""));
        var e = assertThrows(dev.sheepop.common.UserException.class, () -> TokenizerIO.load(file));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        var missing = assertThrows(dev.sheepop.common.UserException.class, () -> TokenizerIO.load(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    }
}
