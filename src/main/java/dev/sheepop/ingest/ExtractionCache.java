package dev.sheepop.ingest;

import dev.sheepop.common.AtomicWrite;
import dev.sheepop.common.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code cache/<sha256>.txt} (the normalised extracted text) and {@code cache/<sha256>.json} (its
 * {@link Extraction} figures) inside the dataset folder, keyed by the file's content hash.
 */
final class ExtractionCache {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractionCache.class);
    private final Path dir;

    ExtractionCache(Path datasetDir) {
        this.dir = datasetDir.resolve(DatasetLayout.CACHE);
    }

    /**
     * The cached extraction of this content, unless it skipped OCR that is wanted now, holds OCR'd text while OCR is
     * off now, or was cut short by limits that are more generous now (a longer OCR time limit, more pages, ...).
     */
    Optional<Extraction> get(String sha256, IngestOptions options) {
        boolean ocrWanted = options.ocr();
        Path meta = dir.resolve(sha256 + ".json");
        Path text = dir.resolve(sha256 + ".txt");
        if (!Files.isRegularFile(meta) || !Files.isRegularFile(text)) {
            return Optional.empty();
        }
        try {
            Extraction e = Json.mapper().readValue(meta.toFile(), Extraction.class);
            if (ocrWanted && e.ocrSkipped() > 0) {
                return Optional.empty(); // extracted without OCR, and OCR is wanted now
            }
            if (!ocrWanted && e.ocrConfidence() != null) {
                return Optional.empty(); // OCR'd text, and OCR is off now: honour --no-ocr
            }
            if (e.limited() && !options.noMoreGenerousThan(e.limits())) {
                return Optional.empty(); // cut short by a limit that is more generous now: try again
            }
            return Optional.of(e.withText(Files.readString(text, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable cache entry {}: {}", meta, e.toString());
            return Optional.empty();
        }
    }

    /** Stores an extraction, unless it would replace OCR'd text with a version made without OCR. */
    void put(String sha256, Extraction extraction) {
        try {
            if (extraction.ocrSkipped() > 0 && Files.isRegularFile(dir.resolve(sha256 + ".json"))
                    && Json.mapper().readValue(dir.resolve(sha256 + ".json").toFile(), Extraction.class).ocrConfidence() != null) {
                return;
            }
            Files.createDirectories(dir);
            AtomicWrite.replace(dir.resolve(sha256 + ".txt"), tmp -> Files.write(tmp, extraction.text().getBytes(StandardCharsets.UTF_8)));
            AtomicWrite.replace(dir.resolve(sha256 + ".json"), tmp -> Files.write(tmp, Json.mapper().writeValueAsBytes(extraction.withoutText())));
        } catch (IOException e) {
            LOG.warn("Could not cache the extraction of {}: {}", sha256, e.toString());
        }
    }

    /** Deletes entries whose hash is not in {@code keep}. */
    void retainOnly(Set<String> keep) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> {
                String name = f.getFileName().toString();
                int dot = name.indexOf('.');
                return dot > 0 && !keep.contains(name.substring(0, dot));
            }).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}", f);
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not prune the cache {}: {}", dir, e.toString());
        }
    }

}
