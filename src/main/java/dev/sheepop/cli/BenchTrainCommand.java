package dev.sheepop.cli;

import dev.sheepop.common.UserException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code sheepop bench train}: placeholder until its issue lands. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class BenchTrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'sheepop bench train' is not built yet");
    }
}
