package dev.sheepop.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;

/**
 * Plain text and source code: UTF-8 (BOM stripped; UTF-16 with a BOM understood). Binary content
 * (NUL bytes, many control characters) is skipped; text that is not valid UTF-8 is read as Windows-1252
 * and says so in the detail.
 */
final class TextExtractor implements Extractor {
    static final TextExtractor PLAIN = new TextExtractor(FileRecord.TEXT);
    static final TextExtractor CODE = new TextExtractor(FileRecord.CODE);
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final String type;

    private TextExtractor(String type) {
        this.type = type;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Extraction extract(Path file, byte[] bytes, ExtractContext context) throws ExtractionProblem, IOException {
        byte[] data = bytes != null ? bytes : Files.readAllBytes(file);
        Decoded d = decode(data);
        return new Extraction(type, TextCleaner.normalize(d.text()), d.note(), 0, null, 0);
    }

    /** Decoded text and a note on the encoding ("" for UTF-8). */
    record Decoded(String text, String note) {
    }

    static Decoded decode(byte[] data) throws ExtractionProblem {
        if (data.length >= 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xFE) {
            return new Decoded(new String(data, 2, data.length - 2, StandardCharsets.UTF_16LE), "UTF-16LE");
        }
        if (data.length >= 2 && (data[0] & 0xFF) == 0xFE && (data[1] & 0xFF) == 0xFF) {
            return new Decoded(new String(data, 2, data.length - 2, StandardCharsets.UTF_16BE), "UTF-16BE");
        }
        if (FileTypes.looksBinary(data, data.length)) {
            throw new ExtractionProblem(Reason.BINARY, "binary content (NUL or control bytes), not text");
        }
        int offset = data.length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB && (data[2] & 0xFF) == 0xBF ? 3 : 0;
        String fast = new String(data, offset, data.length - offset, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return new Decoded(fast, ""); // no replacement character: the bytes were valid UTF-8
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return new Decoded(utf8.decode(ByteBuffer.wrap(data, offset, data.length - offset)).toString(), "");
        } catch (CharacterCodingException e) {
            return new Decoded(new String(data, offset, data.length - offset, WINDOWS_1252),
                    "not valid UTF-8; read as Windows-1252");
        }
    }
}
