package dev.sheepop.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheepop.common.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ManifestEntryTest {
    private static final FileRecord NOTES = new FileRecord("notes/a.txt", FileRecord.TEXT, Outcome.EXTRACTED,
            Reason.OK, "", 120, 118, 4, 0, null, false);

    @Test
    void writesTheFileRecordFlatBesideTheCacheKeys() throws Exception {
        JsonNode line = Json.mapper().valueToTree(ManifestEntry.of(NOTES, 1_700_000_000_123L, "ab12", 3));
        assertEquals(List.of("path", "type", "outcome", "reason", "detail", "bytes", "characters", "lines", "pages",
                "ocr_confidence", "cached", "mtime_ms", "sha256", "document"), fieldNames(line));
        assertEquals("notes/a.txt", line.get("path").asText());
        assertEquals(1_700_000_000_123L, line.get("mtime_ms").asLong());
        assertEquals(3, line.get("document").asInt());
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        String json = Json.mapper().writeValueAsString(ManifestEntry.of(NOTES, 42, "ab12", 3));
        ManifestEntry back = Json.mapper().readValue(json, ManifestEntry.class);
        assertEquals(NOTES, back.record());
        assertEquals(42, back.mtimeMillis());
        assertEquals("ab12", back.sha256());
        assertEquals(3, back.document());
    }

    @Test
    void aFileWithoutHashOrDocumentReadsAsNoneAndMinusOne() throws Exception {
        String json = "{\"path\":\"x.bin\",\"type\":\"unknown\",\"outcome\":\"skipped\",\"reason\":\"unsupported\","
                + "\"detail\":\"\",\"bytes\":5,\"characters\":0,\"lines\":0,\"pages\":0,\"ocr_confidence\":null,"
                + "\"cached\":false,\"mtime_ms\":7,\"sha256\":null}";
        ManifestEntry e = Json.mapper().readValue(json, ManifestEntry.class);
        assertNull(e.sha256());
        assertEquals(-1, e.document());
        assertEquals(Reason.UNSUPPORTED, e.record().reason());
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new java.util.ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
