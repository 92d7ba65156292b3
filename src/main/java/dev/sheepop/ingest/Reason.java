package dev.sheepop.ingest;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why a file has its {@link Outcome}; each reason belongs to exactly one outcome. */
public enum Reason {
    OK(Outcome.EXTRACTED),

    UNSUPPORTED(Outcome.SKIPPED),
    BINARY(Outcome.SKIPPED),
    EMPTY(Outcome.SKIPPED),
    DUPLICATE(Outcome.SKIPPED),
    HIDDEN(Outcome.SKIPPED),
    TOO_SHORT(Outcome.SKIPPED),
    OCR_DISABLED(Outcome.SKIPPED),
    SYMLINK_LOOP(Outcome.SKIPPED),
    /** A folder SheepOp wrote: a dataset, a checkpoint or a training run. */
    SHEEPOP_FOLDER(Outcome.SKIPPED),

    UNREADABLE(Outcome.FAILED),
    CORRUPT_PDF(Outcome.FAILED),
    ENCRYPTED_PDF(Outcome.FAILED),
    IMAGE_DECODE_ERROR(Outcome.FAILED),
    TOO_LARGE(Outcome.FAILED),
    OCR_UNAVAILABLE(Outcome.FAILED),
    OCR_TIMEOUT(Outcome.FAILED),
    OCR_ERROR(Outcome.FAILED);

    private final Outcome outcome;

    Reason(Outcome outcome) {
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
