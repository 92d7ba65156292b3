package dev.sheepop.data;

import dev.sheepop.common.Hashing;
import dev.sheepop.common.UserException;
import dev.sheepop.config.DataConfig;
import dev.sheepop.ingest.Dataset;
import dev.sheepop.ingest.IngestListener;
import dev.sheepop.ingest.IngestOptions;
import dev.sheepop.ingest.Ingestor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The one place that turns a {@code --data} path into a {@link Corpus}:
 * <ul>
 *   <li>a dataset folder written by {@code sheepop ingest} → its documents and corpus hash;</li>
 *   <li>a plain text file (.txt, .md, …) → its exact text as one document (CRLF → LF, nothing else changed,
 *       so the reference workloads train on exactly the reference text);</li>
 *   <li>anything else (a raw folder, a PDF, an image) → ingested on the fly into {@code ingestDir}, then read.</li>
 * </ul>
 */
public final class CorpusSource {
    private static final Set<String> PLAIN = Set.of("txt", "md", "rst", "text");

    private CorpusSource() {
    }

    /** Reads a dataset folder or a plain text file (no ingestion). */
    public static Corpus read(Path path) {
        return read(path, null, null, IngestListener.NONE);
    }

    public static Corpus read(Path path, DataConfig data, Path ingestDir, IngestListener listener) {
        if (!Files.exists(path)) {
            throw new UserException("Data not found: " + path);
        }
        if (Dataset.isDataset(path)) {
            return fromDataset(Dataset.open(path), path);
        }
        if (Files.isRegularFile(path) && PLAIN.contains(extension(path))) {
            String text = readText(path);
            if (text.isBlank()) {
                throw new UserException("No text in " + path);
            }
            return new Corpus(List.of(text), Hashing.sha256(text), path.toString());
        }
        if (ingestDir == null) {
            throw new UserException(path + " is neither a dataset folder nor a text file: run 'sheepop ingest " + path + "' first");
        }
        var options = IngestOptions.defaults();
        if (data != null) {
            options = options.withMinLineLength(data.minLineLength()).withOcr(data.ocr()).withWorkers(data.numWorkers());
        }
        var report = new Ingestor(options).run(List.of(path), ingestDir, listener, () -> Thread.currentThread().isInterrupted());
        if (report.nothingExtracted()) {
            throw new UserException(report.noDataMessage(path.toString()));
        }
        return fromDataset(Dataset.open(report.datasetDir()), path);
    }

    private static Corpus fromDataset(Dataset dataset, Path path) {
        if (dataset.documents().isEmpty()) {
            throw new UserException("Dataset " + path + " holds no documents");
        }
        return Corpus.of(dataset);
    }

    private static String readText(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString().replace("\r\n", "\n");
        } catch (CharacterCodingException e) {
            throw new UserException("Not UTF-8 text: " + file);
        } catch (IOException e) {
            throw new UserException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase();
    }
}
