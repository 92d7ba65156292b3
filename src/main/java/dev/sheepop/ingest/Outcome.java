package dev.sheepop.ingest;

import com.fasterxml.jackson.annotation.JsonValue;

/** What happened to one file. */
public enum Outcome {
    /** Its text is in the corpus. */
    EXTRACTED,
    /** Deliberately left out (unsupported, binary, empty, duplicate, hidden, too short). */
    SKIPPED,
    /** Should have been read but could not (corrupt, encrypted, too large, OCR problems). */
    FAILED;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
