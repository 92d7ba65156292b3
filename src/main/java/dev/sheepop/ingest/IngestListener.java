package dev.sheepop.ingest;

/** Receives ingestion progress. Called from worker threads: implementations must be thread-safe. */
@FunctionalInterface
public interface IngestListener {
    IngestListener NONE = e -> { };

    void onEvent(IngestEvent event);
}
