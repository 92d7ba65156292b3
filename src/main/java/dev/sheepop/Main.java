package dev.sheepop;

import dev.sheepop.common.ThreadEnvironment;

import dev.sheepop.cli.Cli;

/**
 * The one entry point. With no arguments (or {@code workbench}) it opens the JavaFX workbench; with a
 * subcommand it runs the headless CLI ({@code sheepop --help}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (relaunchedWithThreadEnvironment(args)) {
            return;
        }
        dev.sheepop.model.NativeLibraries.configure(); // before anything loads ND4J
        if (args.length == 0 || args[0].equals("workbench")) {
            dev.sheepop.app.WorkbenchLauncher.launch(args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(Cli.run(args));
    }

    /**
     * A jpackage app image cannot set environment variables, and ND4J reads OMP_NUM_THREADS from the environment the
     * JVM started with (Java's copy: setting it from inside does not reach ND4J). So the image's launcher is started
     * again, once, with {@link ThreadEnvironment#DEFAULTS} (a value the user exported wins), and this process exits
     * with its status.
     */
    private static boolean relaunchedWithThreadEnvironment(String[] args) throws Exception {
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher == null || ThreadEnvironment.startedWithThreadCount() || System.getenv("SHEEPOP_RELAUNCHED") != null) {
            return false;
        }
        var command = new java.util.ArrayList<String>();
        command.add(launcher);
        command.addAll(java.util.List.of(args));
        var builder = new ProcessBuilder(command).inheritIO();
        // the image's launcher marks its environment and, finding the mark, would act as a plain `java` command
        builder.environment().keySet().removeIf(k -> k.toUpperCase(java.util.Locale.ROOT).contains("JPACKAGE"));
        ThreadEnvironment.applyDefaults(builder.environment());
        builder.environment().put("SHEEPOP_RELAUNCHED", "1");
        System.exit(builder.start().waitFor());
        return true;
    }
}
