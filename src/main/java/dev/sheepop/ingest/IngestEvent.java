package dev.sheepop.ingest;

/**
 * Progress of one ingestion run: Started, then one Identified per file to read (any order; its size, mtime and,
 * when new or changed, its content hash: the long part on big folders), then FileStarted/FileDone per file
 * (any order), then Finished.
 */
public sealed interface IngestEvent {

    /** The inputs were walked: {@code totalFiles} records will follow (files and skipped folders). */
    record Started(int totalFiles) implements IngestEvent {
    }

    /**
     * A file was identified before extraction: size and mtime read, content hashed unless the previous manifest
     * already knew it unchanged. {@code done} of {@code total} files to identify are done now.
     */
    record Identified(String path, long bytes, int done, int total) implements IngestEvent {
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
