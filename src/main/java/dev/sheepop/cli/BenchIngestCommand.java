package dev.sheepop.cli;

import dev.sheepop.common.UserException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code sheepop bench ingest}: placeholder until its issue lands. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class BenchIngestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("'sheepop bench ingest' is not built yet");
    }
}
