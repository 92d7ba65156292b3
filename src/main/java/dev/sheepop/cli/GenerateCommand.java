package dev.sheepop.cli;

import dev.sheepop.common.UserException;
import dev.sheepop.generate.Generator;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sheepop generate}: placeholder until checkpoints land. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class GenerateCommand implements Callable<Integer> {
    static Generator open(Path checkpoint) {
        throw new UserException("checkpoints cannot be loaded yet: " + checkpoint);
    }

    @Override
    public Integer call() {
        throw new UserException("'sheepop generate' is not built yet");
    }
}
