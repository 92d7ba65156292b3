package dev.sheepop.cli;

import dev.sheepop.ingest.IngestBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sheepop bench ingest [PATH]}: text MB/s, PDF pages/s, OCR images/s (medians, warm) vs the tesseract CLI. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Measure ingestion speed: text MB/s, PDF pages/s and OCR per image (medians of warm runs), "
                + "with the same images through the tesseract command-line tool as a ratio.",
                "Without PATH it generates its inputs (32 MB of text, 2 × 30-page PDFs, 12 page images) in a temp folder."})
public final class BenchIngestCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "PATH", description = "Files to measure on (text, code, PDFs, images).")
    Path path;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "5",
            description = "Timed repetitions after one warm-up (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || repeats > 100) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repeats must be in [1, 100], got " + repeats);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IngestBench.Result r = IngestBench.run(path, repeats, m -> {
            err.println("bench: " + m);
            err.flush();
        });
        out.printf("Ingestion benchmark (%d cores, medians of %d warm runs)%n", Runtime.getRuntime().availableProcessors(), r.repeats());
        out.printf("  text/code   %8.1f MB/s      (%d files, %.1f MB; target >= 50 MB/s)%n", r.textMbPerSecond(),
                r.textFiles(), r.textBytes() / 1e6);
        out.printf("  PDF         %8.1f pages/s   (%d files, %d pages, text layer; target >= 30 pages/s)%n",
                r.pdfPagesPerSecond(), r.pdfFiles(), r.pdfPages());
        if (r.images() == 0) {
            out.println("  OCR         no images");
        } else if (!r.ocrProblem().isEmpty()) {
            out.println("  OCR         unavailable: " + r.ocrProblem());
        } else {
            out.printf("  OCR         %8.3f s/image   in-process, one engine (%.2f images/s)%n", r.ocrSecondsPerImage(),
                    1 / r.ocrSecondsPerImage());
            out.printf("  tesseract   %8.3f s/image   command-line tool, OMP_THREAD_LIMIT=1, same %d images%n",
                    r.cliSecondsPerImage(), r.images());
            out.printf("  ratio       %8.2f x         in-process vs command line (above 1 = faster)%n", r.ocrSpeedup());
            out.printf("  OCR ingest  %8.2f images/s  %d images, %d workers in parallel (warm engines), %.1f cores busy%n",
                    r.parallelImagesPerSecond(), r.images(), r.workers(), r.parallelBusyCores());
        }
        out.flush();
        return Cli.OK;
    }
}
