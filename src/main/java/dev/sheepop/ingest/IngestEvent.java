package dev.sheepop.ingest;

/** Progress of one ingestion run: Started, then one FileDone per file (any order), then Finished. */
public sealed interface IngestEvent {

    /** The inputs were walked: {@code totalFiles} records will follow (files and skipped folders). */
    record Started(int totalFiles) implements IngestEvent {
    }

    /** A worker began on a file (for "current file" displays). */
    record FileStarted(String path, int done, int total) implements IngestEvent {
    }

    /** One file is finished; {@code done} of {@code total} are finished now. */
    record FileDone(FileRecord record, int done, int total) implements IngestEvent {
    }

    /** The dataset folder is written. */
    record Finished(IngestReport report) implements IngestEvent {
    }
}
