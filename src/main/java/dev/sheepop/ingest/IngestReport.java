package dev.sheepop.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of one ingestion run.
 *
 * @param files      every record, in manifest order (inputs in the given order, folders walked sorted by name)
 * @param stats      the dataset's figures
 * @param datasetDir the dataset folder that was written
 * @param extractedNow files whose text was extracted in this run (not taken from the cache)
 */
public record IngestReport(List<FileRecord> files, DatasetStats stats, Path datasetDir, int extractedNow) {
    public IngestReport {
        files = List.copyOf(files);
    }

    /** True when no document made it into the corpus. */
    public boolean nothingExtracted() {
        return stats.extracted() == 0;
    }

    /** "No data extracted from PATH: N files found, S skipped, F failed — see manifest.json". */
    public String noDataMessage(String inputs) {
        return "No data extracted from " + inputs + ": " + stats.files() + " files found, " + stats.skipped()
                + " skipped, " + stats.failed() + " failed — see " + datasetDir.resolve(DatasetLayout.MANIFEST);
    }
}
