package dev.sheepop.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * One input file and what ingestion made of it.
 *
 * @param path          the file's path as shown to the user: relative to the parent of the input it was found
 *                      under (input {@code ~/notes} → {@code notes/a/b.txt}), with '/' separators
 * @param type          text, code, pdf, image, folder (a skipped folder) or unknown
 * @param outcome       extracted, skipped or failed (always {@code reason.outcome()})
 * @param reason        why
 * @param detail        a one-line human explanation ("", when there is nothing to add)
 * @param bytes         the file size
 * @param characters    characters of cleaned text in the corpus (0 unless extracted)
 * @param lines         lines of cleaned text in the corpus (0 unless extracted)
 * @param pages         PDF pages (0 for other types)
 * @param ocrConfidence mean Tesseract confidence 0–100 over the OCR'd images/pages, null where no OCR ran
 * @param cached        true when the text came from the cache of an earlier run (nothing was re-extracted)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FileRecord(
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
        @JsonProperty("cached") boolean cached) {

    public static final String TEXT = "text";
    public static final String CODE = "code";
    public static final String PDF = "pdf";
    public static final String IMAGE = "image";
    public static final String FOLDER = "folder";
    public static final String UNKNOWN = "unknown";

    public FileRecord {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        if (outcome == null) {
            outcome = reason.outcome();
        }
        if (outcome != reason.outcome()) {
            throw new IllegalArgumentException("reason " + reason + " belongs to " + reason.outcome() + ", not " + outcome);
        }
        detail = detail == null ? "" : detail.lines().findFirst().orElse("");
    }

    /** A skipped or failed file (the outcome follows from the reason). */
    public static FileRecord notExtracted(String path, String type, Reason reason, String detail, long bytes) {
        return new FileRecord(path, type, reason.outcome(), reason, detail, bytes, 0, 0, 0, null, false);
    }
}
