package dev.sheepop.cli;

import dev.sheepop.common.UserException;
import dev.sheepop.ingest.IngestEvent;
import dev.sheepop.ingest.IngestOptions;
import dev.sheepop.ingest.IngestReport;
import dev.sheepop.ingest.Ingestor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sheepop ingest PATH...}: files and folders into a dataset folder, with a progress bar and a summary. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Extract the text of files and folders (text, source code, PDF, images via OCR) into a dataset "
                + "folder: corpus.txt, manifest.json, stats.json. Re-running re-extracts only changed files.",
                "Folders SheepOp wrote (checkpoints, training runs, datasets) are skipped, never read as text."},
        footer = {"", "Exit status: 0 some data extracted, 1 nothing extracted or a failure, 2 usage error."})
public final class IngestCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files and folders to ingest (folders recursively).")
    List<Path> paths;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Dataset folder to write (default: datasets/<name of the first PATH>).")
    Path outOption;

    @Option(names = "--min-length", paramLabel = "N", defaultValue = "10",
            description = "Drop lines shorter than N characters (default: ${DEFAULT-VALUE}).")
    int minLength;

    @Option(names = "--no-ocr", description = "Do not OCR images or PDF pages without a text layer.")
    boolean noOcr;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
            description = "Parallel workers (default: 0 = one per core).")
    int workers;

    @Option(names = "--include-hidden", description = "Also read hidden files and tool folders (.git, node_modules, ...).")
    boolean includeHidden;

    @Option(names = "--max-file-mb", paramLabel = "MB", defaultValue = "256",
            description = "Files larger than this fail as too large (default: ${DEFAULT-VALUE}).")
    long maxFileMb;

    @Option(names = "--ocr-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "OCR time limit per image or PDF page (default: ${DEFAULT-VALUE}).")
    long ocrTimeoutSeconds;

    @Option(names = "--max-pdf-pages", paramLabel = "N", defaultValue = "5000",
            description = "Read at most N pages of one PDF (default: ${DEFAULT-VALUE}).")
    int maxPdfPages;

    @Option(names = "--max-pdf-seconds", paramLabel = "SECONDS", defaultValue = "1800",
            description = "Spend at most this long on one PDF, OCR included (default: ${DEFAULT-VALUE}).")
    long maxPdfSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        requireRange("--min-length", minLength, 0, 10_000);
        requireRange("--workers", workers, 0, 256);
        requireRange("--max-file-mb", maxFileMb, 1, 1L << 30);
        requireRange("--ocr-timeout", ocrTimeoutSeconds, 1, Integer.MAX_VALUE / 1000);
        requireRange("--max-pdf-pages", maxPdfPages, 1, 10_000_000);
        requireRange("--max-pdf-seconds", maxPdfSeconds, 1, 1_000_000);
        IngestOptions options;
        try {
            options = IngestOptions.defaults().withMinLineLength(minLength).withOcr(!noOcr).withWorkers(workers)
                    .withIncludeHidden(includeHidden).withMaxFileBytes(Math.multiplyExact(maxFileMb, 1L << 20))
                    .withOcrTimeout(java.time.Duration.ofSeconds(ocrTimeoutSeconds)).withMaxPdfPages(maxPdfPages)
                    .withMaxPdfTime(java.time.Duration.ofSeconds(maxPdfSeconds));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path outDir = outOption != null ? outOption : defaultOut(paths.get(0));
        IngestReport report;
        try (ProgressBar bar = ProgressBar.on(err)) {
            Object lock = new Object();
            report = new Ingestor(options).run(paths, outDir, e -> {
                synchronized (lock) {
                    if (e instanceof IngestEvent.Identified i) {
                        bar.update(i.done(), i.total(), "checking " + shorten(i.path()));
                    } else if (e instanceof IngestEvent.FileStarted s) {
                        bar.update(s.done(), s.total(), shorten(s.path()));
                    } else if (e instanceof IngestEvent.FileDone d) {
                        bar.update(d.done(), d.total(), shorten(d.record().path()));
                    }
                }
            }, () -> false);
        }
        SummaryTable.print(out, report);
        if (report.nothingExtracted()) {
            throw new UserException(report.noDataMessage(String.join(" ", paths.stream().map(Path::toString).toList())));
        }
        return Cli.OK;
    }

    /** A usage error (exit 2) naming the option, as the user typed it, and its allowed range. */
    private void requireRange(String option, long value, long min, long max) {
        Options.range(spec, option, value, min, max);
    }

    /** datasets/&lt;name of the first PATH&gt; (relative to the working directory). */
    static Path defaultOut(Path first) {
        Path abs = first.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? "root" : abs.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && !java.nio.file.Files.isDirectory(abs)) {
            name = name.substring(0, dot);
        }
        return Path.of("datasets", name);
    }

    private static String shorten(String path) {
        return path.length() <= 48 ? path : "…" + path.substring(path.length() - 47);
    }
}
