package dev.sheepop.cli;

import dev.sheepop.common.UserException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code sheepop generate}: placeholder until its issue lands. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class GenerateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'sheepop generate' is not built yet");
    }
}
