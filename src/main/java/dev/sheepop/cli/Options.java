package dev.sheepop.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Checks of option values that picocli's types cannot express; each failure is a usage error (exit 2). */
final class Options {
    private Options() {
    }

    /** A usage error: the command exits 2 with {@code message} and a pointer to its --help. */
    static CommandLine.ParameterException usage(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static void range(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw usage(spec, String.format("%s: must be in [%,d, %,d], got %d", option, min, max, value));
        }
    }

    static void range(CommandSpec spec, String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw usage(spec, String.format(java.util.Locale.ROOT, "%s: must be in [%s, %s], got %s", option,
                    trim(min), trim(max), trim(value)));
        }
    }

    static void atLeast(CommandSpec spec, String option, long value, long min) {
        if (value < min) {
            throw usage(spec, String.format("%s: must be >= %d, got %d", option, min, value));
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
