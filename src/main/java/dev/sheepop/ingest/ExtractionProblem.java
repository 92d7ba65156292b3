package dev.sheepop.ingest;

/** A file that is skipped or failed, with its reason and a one-line detail. */
final class ExtractionProblem extends Exception {
    private final Reason reason;

    ExtractionProblem(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    ExtractionProblem(Reason reason, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    String detail() {
        return getMessage();
    }
}
