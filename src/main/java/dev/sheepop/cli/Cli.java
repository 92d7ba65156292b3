package dev.sheepop.cli;

import dev.sheepop.common.UserException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Runs the picocli command tree with SheepOp's conventions: usage errors exit 2 with one line, failures
 * exit 1 with one line naming the file or field, stack traces only with {@code --debug}.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Cli() {
    }

    public static int run(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    /** The configured command line, with the given writers (tests capture them). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        var root = new SheepopCommand();
        var cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            var cmd = ex.getCommandLine();
            cmd.getErr().println("sheepop: " + ex.getMessage().lines().findFirst().orElse("invalid usage")
                    + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"))
                    || root.debug;
            if (debug) {
                ex.printStackTrace(cmd.getErr());
            }
            cmd.getErr().println("sheepop: " + oneLine(ex));
            return FAILED;
        });
        return cl;
    }

    static String oneLine(Throwable ex) {
        if (ex instanceof UserException) {
            return ex.getMessage();
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName()
                : ex.getClass().getSimpleName() + ": " + ex.getMessage();
        return message.lines().findFirst().orElse(message) + " (run with --debug for details)";
    }
}
