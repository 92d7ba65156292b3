package dev.sheepop.ingest;

import dev.sheepop.common.Medians;
import dev.sheepop.common.ThreadEnvironment;
import dev.sheepop.common.FileTrees;

import dev.sheepop.common.UserException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The ingestion benchmark behind {@code sheepop bench ingest}: text MB/s and PDF pages/s through the real
 * {@link Ingestor} (fresh dataset folder each time, so nothing comes from the cache), OCR seconds per image
 * in-process (one engine, warm) against the {@code tesseract} command-line tool on the same images in the
 * same run, and the parallel OCR throughput over all cores (warm engines). Medians of several warm repetitions.
 */
public final class IngestBench {
    private IngestBench() {
    }

    /**
     * The figures; NaN where there was nothing to measure.
     *
     * @param cliSecondsPerImage median wall time of {@code tesseract IMAGE stdout} (OMP_THREAD_LIMIT=1); NaN
     *                           when the command is missing
     * @param ocrSpeedup         cliSecondsPerImage / ocrSecondsPerImage (above 1: in-process is faster)
     * @param parallelBusyCores  process CPU time / wall time during the parallel OCR ingest (cores kept busy)
     */
    public record Result(long textBytes, int textFiles, double textMbPerSecond,
                         int pdfFiles, int pdfPages, double pdfPagesPerSecond,
                         int images, double ocrSecondsPerImage, double cliSecondsPerImage, double ocrSpeedup,
                         int workers, double parallelImagesPerSecond, double parallelBusyCores, String ocrProblem,
                         int repeats) {
    }

    /** Runs the benchmark on the files under {@code input} (null: generated inputs in a temp folder). */
    public static Result run(Path input, int repeats, Consumer<String> progress) throws IOException {
        return run(input, repeats, progress, System::nanoTime);
    }

    /** As {@link #run(Path, int, Consumer)}, timing with {@code clock} (nanoseconds). */
    static Result run(Path input, int repeats, Consumer<String> progress, LongSupplier clock) throws IOException {
        Path work = Files.createTempDirectory("sheepop-bench-ingest");
        try {
            List<Path> text;
            List<Path> pdfs;
            List<Path> images;
            if (input == null) {
                progress.accept("generating bench inputs in " + work);
                BenchInputs.text(work.resolve("text"), 8, 4 << 20);
                BenchInputs.pdfs(work.resolve("pdf"), 2, 30);
                BenchInputs.images(work.resolve("img"), 12);
                text = list(work.resolve("text"));
                pdfs = list(work.resolve("pdf"));
                images = list(work.resolve("img"));
            } else {
                if (!Files.exists(input)) {
                    throw new UserException("No such file or folder: " + input);
                }
                List<Path> all = list(input);
                text = all.stream().filter(p -> is(p, FileRecord.TEXT) || is(p, FileRecord.CODE)).toList();
                pdfs = all.stream().filter(p -> is(p, FileRecord.PDF)).toList();
                images = all.stream().filter(p -> is(p, FileRecord.IMAGE)).limit(12).toList();
            }
            IngestOptions noOcr = IngestOptions.defaults().withOcr(false);
            long textBytes = size(text);
            double textMbs = Double.NaN;
            if (!text.isEmpty()) {
                progress.accept("text: " + text.size() + " files, " + textBytes / 1_000_000 + " MB");
                double s = medianSeconds(repeats, work, clock, () -> ingest(noOcr, text, work));
                textMbs = textBytes / 1e6 / s;
            }
            int[] pages = {0};
            double pdfRate = Double.NaN;
            if (!pdfs.isEmpty()) {
                progress.accept("pdf: " + pdfs.size() + " files");
                double s = medianSeconds(repeats, work, clock, () -> pages[0] = ingest(noOcr, pdfs, work).files().stream()
                        .mapToInt(FileRecord::pages).sum());
                pdfRate = pages[0] / s;
            }
            double ocrEach = Double.NaN;
            double cliEach = Double.NaN;
            double parallel = Double.NaN;
            double busyCores = Double.NaN;
            int workers = IngestOptions.defaults().effectiveWorkers();
            String problem = "";
            if (!images.isEmpty()) {
                try (OcrEngine engine = OcrEngine.standard()) {
                    problem = engine.problem();
                    if (engine.available()) {
                        progress.accept("ocr: " + images.size() + " images, in-process (one warm engine) and through"
                                + " the tesseract command, interleaved");
                        double[] pair = ocrVersusCli(engine, images, Math.min(repeats, 2), clock);
                        ocrEach = pair[0];
                        cliEach = pair[1];
                        progress.accept("ocr: all images in parallel with " + workers + " workers");
                        ingest(IngestOptions.defaults(), images.subList(0, Math.min(workers, images.size())), work);
                        deleteOutputs(work); // warm-up: every worker's engine is started and back in the pool
                        long cpu0 = processCpuNanos();
                        long t0 = clock.getAsLong();
                        ingest(IngestOptions.defaults(), images, work);
                        long wall = clock.getAsLong() - t0;
                        parallel = images.size() / (wall / 1e9);
                        busyCores = cpu0 < 0 ? Double.NaN : (processCpuNanos() - cpu0) / (double) wall;
                        deleteOutputs(work);
                    }
                }
            }
            return new Result(textBytes, text.size(), textMbs, pdfs.size(), pages[0], pdfRate, images.size(), ocrEach,
                    cliEach, cliEach / ocrEach, workers, parallel, busyCores, problem, repeats);
        } finally {
            FileTrees.deleteQuietly(work);
        }
    }

    /** Ingests into a fresh folder under {@code work}; the previous run's folder is deleted first (untimed). */
    private static IngestReport ingest(IngestOptions options, List<Path> files, Path work) {
        Path out = work.resolve("out-" + System.nanoTime());
        return new Ingestor(options).run(files, out, IngestListener.NONE, () -> false);
    }

    private static void deleteOutputs(Path work) {
        try (Stream<Path> s = Files.list(work)) {
            s.filter(p -> p.getFileName().toString().startsWith("out-")).forEach(FileTrees::deleteQuietly);
        } catch (IOException e) {
            // best effort
        }
    }

    /** One warm-up, then the median of {@code repeats} timed runs (outputs deleted between runs, untimed). */
    private static double medianSeconds(int repeats, Path work, LongSupplier clock, Runnable task) {
        task.run();
        double[] times = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            deleteOutputs(work);
            System.gc();
            long t0 = clock.getAsLong();
            task.run();
            times[i] = (clock.getAsLong() - t0) / 1e9;
        }
        deleteOutputs(work);
        return Medians.of(times);
    }

    /**
     * Median seconds per image in-process and through {@code tesseract IMAGE stdout} (OMP_THREAD_LIMIT=1),
     * timed alternately image by image so that a busy machine slows both alike; NaN for the command when
     * it is missing.
     */
    private static double[] ocrVersusCli(OcrEngine engine, List<Path> images, int rounds, LongSupplier clock) {
        var opts = IngestOptions.defaults();
        List<Double> inProcess = new ArrayList<>();
        List<Double> cli = new ArrayList<>();
        boolean cliWorks = true;
        try {
            engine.recognize(ImageOcrExtractor.read(images.get(0), opts.maxImagePixels()), opts.ocrTimeout(), OcrEngine.DPI);
            try {
                runTesseract(images.get(0));
            } catch (IOException e) {
                cliWorks = false;
            }
            for (int r = 0; r < rounds; r++) {
                for (Path image : images) {
                    long t0 = clock.getAsLong();
                    engine.recognize(ImageOcrExtractor.read(image, opts.maxImagePixels()), opts.ocrTimeout(), OcrEngine.DPI);
                    inProcess.add((clock.getAsLong() - t0) / 1e9);
                    if (cliWorks) {
                        long t1 = clock.getAsLong();
                        runTesseract(image);
                        cli.add((clock.getAsLong() - t1) / 1e9);
                    }
                }
            }
        } catch (ExtractionProblem e) {
            throw new UserException("OCR failed during the benchmark: " + e.detail(), e);
        } catch (IOException e) {
            cliWorks = false;
        }
        return new double[]{Medians.of(inProcess), cliWorks ? Medians.of(cli) : Double.NaN};
    }

    private static void runTesseract(Path image) throws IOException {
        var pb = new ProcessBuilder("tesseract", image.toString(), "stdout", "--dpi", String.valueOf(OcrEngine.DPI))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put(ThreadEnvironment.OMP_THREAD_LIMIT, "1");
        Process p = pb.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("tesseract took over 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("tesseract exited with " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted");
        }
    }

    /** CPU time of this process (all threads, native OCR included), or -1 when the JVM cannot tell. */
    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }


    private static boolean is(Path p, String type) {
        return FileTypes.byName(p.getFileName().toString()).equals(type);
    }

    private static List<Path> list(Path root) throws IOException {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static long size(List<Path> files) throws IOException {
        long total = 0;
        for (Path p : files) {
            total += Files.size(p);
        }
        return total;
    }

}
