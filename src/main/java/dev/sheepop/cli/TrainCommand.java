package dev.sheepop.cli;

import dev.sheepop.common.UserException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code sheepop train}: placeholder until its issue lands. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'sheepop train' is not built yet");
    }
}
