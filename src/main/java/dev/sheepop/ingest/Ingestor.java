package dev.sheepop.ingest;

import dev.sheepop.common.Hashing;
import dev.sheepop.common.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Ingests files and folders into a dataset folder, in parallel over files. Three phases: walk the inputs
 * (stable order), identify every file by size + mtime (from the previous manifest) or its content hash,
 * then extract the distinct contents (the cache answers contents seen before), clean them and write
 * corpus.txt, manifest.json and stats.json. One bad file never stops the run.
 */
public final class Ingestor {
    private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);
    private final IngestOptions options;
    private final Path tessdata;
    private final boolean tessdataOverridden;

    public Ingestor(IngestOptions options) {
        this(options, null, false);
    }

    /** For tests: OCR from {@code tessdata} (a folder without eng.traineddata makes OCR unavailable). */
    Ingestor(IngestOptions options, Path tessdata) {
        this(options, tessdata, true);
    }

    private Ingestor(IngestOptions options, Path tessdata, boolean overridden) {
        this.options = options;
        this.tessdata = tessdata;
        this.tessdataOverridden = overridden;
    }

    public IngestOptions options() {
        return options;
    }

    /**
     * Ingests {@code inputs} into the dataset folder {@code outDir} (created if needed; incremental: unchanged
     * files are not re-extracted). Events go to {@code listener} from worker threads.
     *
     * @throws UserException         when an input does not exist or outDir is a folder that is not a dataset
     * @throws CancellationException when {@code cancelled} turned true (the previous dataset stays as it was)
     */
    public IngestReport run(List<Path> inputs, Path outDir, IngestListener listener, BooleanSupplier cancelled) {
        if (inputs.isEmpty()) {
            throw new UserException("Nothing to ingest: give at least one file or folder");
        }
        checkOutDir(outDir);
        List<FileScanner.Item> items = FileScanner.scan(inputs, options.includeHidden());
        listener.onEvent(new IngestEvent.Started(items.size()));
        Map<String, ManifestEntry> previous = previousEntries(outDir);
        var cache = new ExtractionCache(outDir);
        int n = items.size();
        var ids = new FileIdentity[n];
        var results = new Processed[n];
        int workers = Math.min(options.effectiveWorkers(), Math.max(1, n));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ingest-worker");
            t.setDaemon(true);
            return t;
        });
        OcrEngine ocr = options.ocr() ? (tessdataOverridden ? new OcrEngine(tessdata) : OcrEngine.standard())
                : new OcrEngine(null);
        try {
            // Phase 1: identify every file (size, mtime, content hash).
            List<Future<?>> identify = new ArrayList<>();
            int toIdentify = (int) items.stream().filter(it -> it.decided() == null).count();
            var identified = new AtomicInteger();
            for (int i = 0; i < n; i++) {
                int index = i;
                if (items.get(i).decided() == null) {
                    identify.add(pool.submit(() -> {
                        if (!cancelled.getAsBoolean()) {
                            FileScanner.Item item = items.get(index);
                            ids[index] = FileIdentity.of(item, previous.get(item.displayPath()), options);
                            listener.onEvent(new IngestEvent.Identified(item.displayPath(), ids[index].size(),
                                    identified.incrementAndGet(), toIdentify));
                        }
                    }));
                }
            }
            awaitAll(identify);
            checkCancelled(cancelled);
            // Duplicates are decided on successful extractions: the first file (in manifest order) with a content is
            // extracted; a later file with the same content is a duplicate only if that one was extracted, and is
            // extracted itself otherwise (its first copy may have failed for a reason of its own, such as a time limit)
            Map<String, Integer> firstWithHash = new HashMap<>();
            var later = new ArrayList<Integer>();
            var done = new AtomicInteger();
            var context = new ExtractContext(options, ocr, cancelled);
            var fileProcessor = new FileProcessor(options, cache, context);
            List<Future<?>> extract = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                FileScanner.Item item = items.get(i);
                FileIdentity id = ids[i];
                FileRecord decided = item.decided() != null ? item.decided() : id.problem();
                if (decided != null) {
                    results[i] = new Processed(decided, null, id);
                    listener.onEvent(new IngestEvent.FileDone(decided, done.incrementAndGet(), n));
                } else if (firstWithHash.putIfAbsent(id.sha256(), i) != null) {
                    later.add(i);
                } else {
                    extract.add(submit(pool, i, items, ids, results, fileProcessor, listener, done, n, cancelled));
                }
            }
            awaitAll(extract);
            checkCancelled(cancelled);
            extract.clear();
            var groups = new java.util.LinkedHashMap<String, List<Integer>>();   // later copies, per content
            later.forEach(i -> groups.computeIfAbsent(ids[i].sha256(), h -> new ArrayList<>()).add(i));
            for (List<Integer> group : groups.values()) {
                int first = firstWithHash.get(ids[group.get(0)].sha256());
                extract.add(pool.submit(() -> {
                    int extracted = results[first].record().outcome() == Outcome.EXTRACTED ? first : -1;
                    for (int i : group) {     // in order: the first copy that extracts is kept, the rest are duplicates
                        if (cancelled.getAsBoolean()) {
                            return;
                        }
                        FileScanner.Item item = items.get(i);
                        if (extracted >= 0) {
                            results[i] = new Processed(FileRecord.notExtracted(item.displayPath(), FileTypes.byName(
                                    item.file().getFileName().toString()), Reason.DUPLICATE, "same content as "
                                    + items.get(extracted).displayPath(), ids[i].size()), null, ids[i]);
                        } else {
                            listener.onEvent(new IngestEvent.FileStarted(item.displayPath(), done.get(), n));
                            results[i] = fileProcessor.process(item, ids[i]);
                            extracted = results[i].record().outcome() == Outcome.EXTRACTED ? i : -1;
                        }
                        listener.onEvent(new IngestEvent.FileDone(results[i].record(), done.incrementAndGet(), n));
                    }
                }));
            }
            awaitAll(extract);
            checkCancelled(cancelled);
        } finally {
            shutDown(pool, ocr);
        }
        IngestReport report = DatasetWriter.write(outDir, inputs, options, results);
        LOG.debug("Ingested {} files into {}: {} extracted ({} now), {} skipped, {} failed", n, outDir,
                report.stats().extracted(), report.extractedNow(), report.stats().skipped(), report.stats().failed());
        listener.onEvent(new IngestEvent.Finished(report));
        return report;
    }

    private static Future<?> submit(ExecutorService pool, int index, List<FileScanner.Item> items, FileIdentity[] ids,
                                    Processed[] results, FileProcessor processor, IngestListener listener, AtomicInteger done,
                                    int n, BooleanSupplier cancelled) {
        return pool.submit(() -> {
            if (cancelled.getAsBoolean()) {
                return;
            }
            FileScanner.Item item = items.get(index);
            listener.onEvent(new IngestEvent.FileStarted(item.displayPath(), done.get(), n));
            results[index] = processor.process(item, ids[index]);
            listener.onEvent(new IngestEvent.FileDone(results[index].record(), done.incrementAndGet(), n));
        });
    }

    /** One file's outcome, its document (null unless extracted) and its identity (null for decided items). */
    record Processed(FileRecord record, String document, FileIdentity id) {
    }

    /** How a file is recognised on the next run; {@code problem} is set when it cannot even be read. */
    record FileIdentity(long size, long mtimeMillis, String sha256, FileRecord problem) {

        static FileIdentity of(FileScanner.Item item, ManifestEntry previous, IngestOptions options) {
            Path file = item.file();
            String type = FileTypes.byName(file.getFileName().toString());
            try {
                long size = Files.size(file);
                long mtime = Files.getLastModifiedTime(file).toMillis();
                if (size > options.maxFileBytes()) {
                    return new FileIdentity(size, mtime, null, FileRecord.notExtracted(item.displayPath(), type,
                            Reason.TOO_LARGE, String.format("%,d bytes, over the limit of %,d bytes", size,
                                    options.maxFileBytes()), size));
                }
                if (size == 0) {
                    return new FileIdentity(0, mtime, null, FileRecord.notExtracted(item.displayPath(), type,
                            Reason.EMPTY, "zero-byte file", 0));
                }
                if (previous != null && previous.sha256() != null && previous.bytes() == size
                        && previous.mtimeMillis() == mtime) {
                    return new FileIdentity(size, mtime, previous.sha256(), null);
                }
                return new FileIdentity(size, mtime, Hashing.sha256(file), null);
            } catch (IOException | RuntimeException e) {
                return new FileIdentity(0, 0, null, FileRecord.notExtracted(item.displayPath(), type, Reason.UNREADABLE,
                        "cannot read: " + ImageOcrExtractor.oneLine(e), 0));
            }
        }
    }

    /** Stops the workers; frees the OCR engines only once no worker can be using them any more. */
    private static void shutDown(ExecutorService pool, OcrEngine ocr) {
        pool.shutdownNow();
        boolean interrupted = Thread.interrupted(); // wait even when the caller was interrupted (cancellation)
        boolean stopped = false;
        try {
            stopped = pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (stopped) {
            ocr.close();
        } else {
            LOG.warn("Ingest workers still busy after cancellation; their OCR engines are left to the JVM");
        }
    }

    private static void checkOutDir(Path outDir) {
        if (Files.isRegularFile(outDir)) {
            throw new UserException("Output folder " + outDir + " is a file; choose another --out");
        }
        if (Files.isDirectory(outDir) && !Dataset.isDataset(outDir)) {
            try (var list = Files.list(outDir)) {
                if (list.anyMatch(p -> !p.getFileName().toString().equals(DatasetLayout.CACHE))) {
                    throw new UserException("Output folder " + outDir
                            + " exists and is not a dataset folder; choose another --out");
                }
            } catch (IOException e) {
                throw new UserException("Cannot read output folder " + outDir + ": " + e.getMessage(), e);
            }
        }
    }

    private static Map<String, ManifestEntry> previousEntries(Path outDir) {
        Map<String, ManifestEntry> map = new HashMap<>();
        if (Dataset.isDataset(outDir)) {
            try {
                Dataset.readManifest(outDir).files().forEach(e -> map.put(e.path(), e));
            } catch (RuntimeException e) {
                LOG.warn("Ignoring the unreadable previous manifest in {}: {}", outDir, e.getMessage());
            }
        }
        return map;
    }

    private static void awaitAll(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("Ingestion interrupted");
            } catch (ExecutionException e) {
                throw new IllegalStateException("ingest worker failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("Ingestion cancelled");
        }
    }

    /** Reads the first bytes of a file (for sniffing). */
    static byte[] head(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }
}
