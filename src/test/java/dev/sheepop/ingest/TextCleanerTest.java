package dev.sheepop.ingest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextCleanerTest {
    @Test
    void normalisesLineEndingsControlCharactersAndUnicode() {
        String raw = "first line here\r\nsecond\u0000 line here\rthird\u001E line here\u0007\n";
        assertEquals("first line here\nsecond line here\nthird line here\n", TextCleaner.normalize(raw));
        // "e" + combining acute accent becomes the single NFC code point U+00E9
        assertEquals("caf\u00e9 au lait", TextCleaner.normalize("cafe\u0301 au lait"));
        assertEquals("keeps\ttabs", TextCleaner.normalize("keeps\ttabs"));
    }

    @Test
    void dropsShortAndBlankLinesAndTrailingBlanks() {
        String raw = "a long enough line   \nshort\n\n  indented long line\nexactly10!";
        assertEquals("a long enough line\n  indented long line\nexactly10!", TextCleaner.clean(raw, 10));
        assertEquals("", TextCleaner.clean("tiny\nbits\n", 10));
        assertEquals("tiny\nbits", TextCleaner.clean("tiny\nbits\n", 0));
    }

    @Test
    void separatorNeverSurvivesCleaning() {
        assertFalse(TextCleaner.clean("one \u001E two three four", 0).contains("\u001E"));
        assertTrue(TextCleaner.clean("one \u001E two three four", 0).contains("two three"));
    }

    @Test
    void countsLines() {
        assertEquals(0, TextCleaner.lineCount(""));
        assertEquals(1, TextCleaner.lineCount("one"));
        assertEquals(3, TextCleaner.lineCount("a\nb\nc"));
    }
}
