/**
 * Ingestion: turns a user's files and folders (text, source code, PDFs, images) into a dataset folder
 * of cleaned documents ({@link dev.sheepop.ingest.Ingestor} writes it, {@link dev.sheepop.ingest.Dataset}
 * reads it), with an outcome and a reason for every file and a content-hash cache for re-ingestion.
 */
package dev.sheepop.ingest;
