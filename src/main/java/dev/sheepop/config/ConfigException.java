package dev.sheepop.config;

import dev.sheepop.common.UserException;

/** An invalid configuration value: names the field (e.g. {@code model.d_model}) and the reason. */
public final class ConfigException extends UserException {
    private final String field;

    public ConfigException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The offending field, in the JSON spelling ({@code d_model}, or {@code model.d_model} when known). */
    public String field() {
        return field;
    }

    static void check(boolean ok, String field, String reason) {
        if (!ok) {
            throw new ConfigException(field, reason);
        }
    }
}
