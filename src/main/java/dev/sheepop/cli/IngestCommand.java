package dev.sheepop.cli;

import dev.sheepop.common.UserException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code sheepop ingest}: placeholder until its issue lands. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class IngestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'sheepop ingest' is not built yet");
    }
}
