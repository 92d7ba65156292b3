package dev.sheepop;

import dev.sheepop.cli.Cli;

/**
 * The one entry point. With no arguments (or {@code workbench}) it opens the JavaFX workbench; with a
 * subcommand it runs the headless CLI ({@code sheepop --help}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        dev.sheepop.model.BlasKernels.configure(); // before anything loads ND4J's OpenBLAS
        if (args.length == 0 || args[0].equals("workbench")) {
            dev.sheepop.app.WorkbenchLauncher.launch(args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(Cli.run(args));
    }
}
