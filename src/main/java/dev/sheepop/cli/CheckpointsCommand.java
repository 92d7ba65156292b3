package dev.sheepop.cli;

import dev.sheepop.common.UserException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code sheepop checkpoints}: placeholder until its issue lands. */
@Command(name = "checkpoints", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class CheckpointsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'sheepop checkpoints' is not built yet");
    }
}
