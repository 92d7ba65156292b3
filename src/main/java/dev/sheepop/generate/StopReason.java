package dev.sheepop.generate;

/** Why a generation ended. */
public enum StopReason {
    /** The requested number of new tokens was produced. */
    MAX_TOKENS,
    /** The model produced the end-of-sequence token. */
    EOS,
    /** The text reached one of the stop strings (not included in the result). */
    STOP_STRING,
    /** Cancelled from another thread. */
    CANCELLED
}
