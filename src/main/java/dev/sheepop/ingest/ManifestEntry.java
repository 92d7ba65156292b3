package dev.sheepop.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheepop.common.Json;

import java.util.List;

/**
 * One line of manifest.json: a {@link FileRecord} (its fields written flat, beside the others) plus the cache keys
 * (the file's mtime and content hash; its size is the record's {@code bytes}) and the index of its document in
 * corpus.txt (-1 when it has none).
 *
 * <p>A class, not a record: Jackson 2.18 refuses {@code @JsonUnwrapped} on a record component (it is also a
 * constructor parameter), so the flat object is split by {@link #fromJson}.
 */
final class ManifestEntry {
    private static final String MTIME = "mtime_ms";
    private static final String SHA256 = "sha256";
    private static final String DOCUMENT = "document";

    private final FileRecord record;
    private final long mtimeMillis;
    private final String sha256;
    private final int document;

    private ManifestEntry(FileRecord record, long mtimeMillis, String sha256, int document) {
        this.record = record;
        this.mtimeMillis = mtimeMillis;
        this.sha256 = sha256;
        this.document = document;
    }

    static ManifestEntry of(FileRecord r, long mtimeMillis, String sha256, int document) {
        return new ManifestEntry(r, mtimeMillis, sha256, document);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ManifestEntry fromJson(ObjectNode node) throws JsonProcessingException {
        ObjectNode file = node.deepCopy();
        file.remove(List.of(MTIME, SHA256, DOCUMENT));
        JsonNode sha = node.get(SHA256);
        return new ManifestEntry(Json.mapper().treeToValue(file, FileRecord.class), node.path(MTIME).asLong(),
                sha == null || sha.isNull() ? null : sha.asText(), node.path(DOCUMENT).asInt(-1));
    }

    @JsonUnwrapped
    FileRecord record() {
        return record;
    }

    @JsonGetter(MTIME)
    long mtimeMillis() {
        return mtimeMillis;
    }

    @JsonGetter(SHA256)
    String sha256() {
        return sha256;
    }

    @JsonGetter(DOCUMENT)
    int document() {
        return document;
    }

    String path() {
        return record.path();
    }

    long bytes() {
        return record.bytes();
    }
}
