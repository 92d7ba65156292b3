package dev.sheepop.config;

import dev.sheepop.common.UserException;

/** An invalid configuration value: names the field (e.g. {@code model.d_model}) and the reason. */
public final class ConfigException extends UserException {
    private final String field;
    private final String reason;

    public ConfigException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The offending field, in the JSON spelling ({@code d_model}, or {@code model.d_model} when known). */
    public String field() {
        return field;
    }

    /** What is wrong, without the field name (e.g. {@code must be in [0, 1), got 1.5}). */
    public String reason() {
        return reason;
    }

    static void check(boolean ok, String field, String reason) {
        if (!ok) {
            throw new ConfigException(field, reason);
        }
    }
}
