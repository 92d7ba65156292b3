package dev.sheepop.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTypesTest {
    @Test
    void classifiesByExtensionAndName() {
        assertEquals(FileRecord.TEXT, FileTypes.byName("notes.MD"));
        assertEquals(FileRecord.CODE, FileTypes.byName("Main.java"));
        assertEquals(FileRecord.CODE, FileTypes.byName("Makefile"));
        assertEquals(FileRecord.TEXT, FileTypes.byName("README"));
        assertEquals(FileRecord.PDF, FileTypes.byName("paper.pdf"));
        assertEquals(FileRecord.IMAGE, FileTypes.byName("scan.JPEG"));
        assertEquals(FileRecord.UNKNOWN, FileTypes.byName("archive.tar.gz"));
        assertEquals(FileRecord.UNKNOWN, FileTypes.byName(".bashrc"));
        assertTrue(FileTypes.CODE.size() >= 40, "at least 40 code extensions");
    }

    @Test
    void sniffsUnknownFiles() {
        assertEquals(FileRecord.PDF, FileTypes.sniff("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(FileRecord.IMAGE, FileTypes.sniff(new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}));
        assertEquals(FileRecord.IMAGE, FileTypes.sniff(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}));
        assertEquals(FileRecord.TEXT, FileTypes.sniff("pläin tëxt, ünïcode\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(FileRecord.UNKNOWN, FileTypes.sniff(new byte[]{'a', 0, 'b'}));
        assertEquals(FileRecord.UNKNOWN, FileTypes.sniff(new byte[]{(byte) 0xC3, 'x', 'y', 'z'})); // invalid UTF-8
        // a multi-byte character cut at the end of the sniffed head is still text
        byte[] cut = "abc\u00e9".getBytes(StandardCharsets.UTF_8);
        assertEquals(FileRecord.TEXT, FileTypes.sniff(java.util.Arrays.copyOf(cut, cut.length - 1)));
    }

    @Test
    void binaryHeuristic() {
        assertTrue(FileTypes.looksBinary(new byte[]{'x', 0}, 2));
        byte[] controls = new byte[100];
        java.util.Arrays.fill(controls, (byte) 'a');
        for (int i = 0; i < 10; i++) {
            controls[i * 10] = 0x01;
        }
        assertTrue(FileTypes.looksBinary(controls, controls.length));
        byte[] text = "tabs\tand\r\nnewlines\f".getBytes(StandardCharsets.US_ASCII);
        assertFalse(FileTypes.looksBinary(text, text.length));
    }
}
