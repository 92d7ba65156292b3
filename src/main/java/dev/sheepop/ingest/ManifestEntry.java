package dev.sheepop.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of manifest.json: a {@link FileRecord} (flattened) plus the cache keys (size = bytes, mtime,
 * content hash) and the index of its document in corpus.txt (-1 when it has none).
 */
record ManifestEntry(
        @JsonProperty("path") String path,
        @JsonProperty("type") String type,
        @JsonProperty("outcome") Outcome outcome,
        @JsonProperty("reason") Reason reason,
        @JsonProperty("detail") String detail,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("characters") long characters,
        @JsonProperty("lines") long lines,
        @JsonProperty("pages") int pages,
        @JsonProperty("ocr_confidence") Double ocrConfidence,
        @JsonProperty("cached") boolean cached,
        @JsonProperty("mtime_ms") long mtimeMillis,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("document") int document) {

    static ManifestEntry of(FileRecord r, long mtimeMillis, String sha256, int document) {
        return new ManifestEntry(r.path(), r.type(), r.outcome(), r.reason(), r.detail(), r.bytes(), r.characters(),
                r.lines(), r.pages(), r.ocrConfidence(), r.cached(), mtimeMillis, sha256, document);
    }

    FileRecord record() {
        return new FileRecord(path, type, outcome, reason, detail, bytes, characters, lines, pages, ocrConfidence, cached);
    }
}
