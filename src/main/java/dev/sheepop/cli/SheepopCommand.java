package dev.sheepop.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sheepop}: the root of the command tree. */
@Command(name = "sheepop",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "SheepOp Workbench: train a small GPT-style language model on your own files.%n"
                + "Run without arguments to open the workbench.",
        subcommands = {
                IngestCommand.class,
                TrainCommand.class,
                GenerateCommand.class,
                CheckpointsCommand.class,
                TokenizerCommand.class,
                SearchCommand.class,
                ExportCommand.class,
                ImportCommand.class,
                BenchCommand.class,
                picocli.CommandLine.HelpCommand.class
        })
public final class SheepopCommand implements Runnable {
    @Option(names = "--debug", description = "Print stack traces of failures.", scope = picocli.CommandLine.ScopeType.INHERIT)
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
