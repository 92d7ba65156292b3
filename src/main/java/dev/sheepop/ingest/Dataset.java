package dev.sheepop.ingest;

import dev.sheepop.common.Json;
import dev.sheepop.common.UserException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A dataset folder written by {@link Ingestor}: read-only access to its documents, records and figures. */
public final class Dataset {
    private final Path dir;
    private final Manifest manifest;
    private final DatasetStats stats;
    private final List<String> documents;
    private final Map<String, ManifestEntry> byPath = new LinkedHashMap<>();

    private Dataset(Path dir, Manifest manifest, DatasetStats stats, List<String> documents) {
        this.dir = dir;
        this.manifest = manifest;
        this.stats = stats;
        this.documents = Collections.unmodifiableList(documents);
        manifest.files().forEach(e -> byPath.putIfAbsent(e.path(), e));
    }

    /** True when {@code dir} holds manifest.json and corpus.txt. */
    public static boolean isDataset(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve(DatasetLayout.MANIFEST))
                && Files.isRegularFile(dir.resolve(DatasetLayout.CORPUS));
    }

    /** Opens a dataset folder; a {@link UserException} naming the folder or file when it is not one. */
    public static Dataset open(Path dir) {
        if (!isDataset(dir)) {
            throw new UserException("Not a dataset folder: " + dir + " (it needs " + DatasetLayout.MANIFEST + " and "
                    + DatasetLayout.CORPUS + "; create one with 'sheepop ingest')");
        }
        Manifest manifest = readJson(dir.resolve(DatasetLayout.MANIFEST), Manifest.class);
        if (manifest.formatVersion() != DatasetLayout.FORMAT_VERSION) {
            throw new UserException(dir.resolve(DatasetLayout.MANIFEST) + ": format_version " + manifest.formatVersion()
                    + " is not supported (expected " + DatasetLayout.FORMAT_VERSION + "); ingest the files again");
        }
        Path statsFile = dir.resolve(DatasetLayout.STATS);
        DatasetStats stats = Files.isRegularFile(statsFile) ? readJson(statsFile, DatasetStats.class) : null;
        String corpus;
        try {
            corpus = Files.readString(dir.resolve(DatasetLayout.CORPUS), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException("Cannot read " + dir.resolve(DatasetLayout.CORPUS) + ": " + e.getMessage(), e);
        }
        List<String> docs = splitCorpus(corpus);
        if (stats == null) {
            stats = DatasetStats.compute(manifest.files().stream().map(ManifestEntry::record).toList(), docs, corpus.length());
        }
        return new Dataset(dir, manifest, stats, docs);
    }

    /** Splits corpus.txt text into documents (each one followed by a U+001E line). */
    static List<String> splitCorpus(String corpus) {
        List<String> docs = new ArrayList<>();
        int start = 0;
        while (start < corpus.length()) {
            int end = corpus.indexOf(DatasetLayout.SEPARATOR_LINE, start);
            if (end < 0) {
                String tail = corpus.substring(start);
                if (!tail.isBlank() && !tail.equals(DatasetLayout.SEPARATOR + "\n")) {
                    docs.add(tail.endsWith("\n") ? tail.substring(0, tail.length() - 1) : tail);
                }
                break;
            }
            docs.add(corpus.substring(start, end));
            start = end + DatasetLayout.SEPARATOR_LINE.length();
        }
        return docs;
    }

    public Path dir() {
        return dir;
    }

    public Path corpusFile() {
        return dir.resolve(DatasetLayout.CORPUS);
    }

    /** The cleaned documents, in manifest order. */
    public List<String> documents() {
        return documents;
    }

    /** All documents joined by "\n\n" (a convenience for character-level training). */
    public String joinedText() {
        return String.join("\n\n", documents);
    }

    /** One file's cleaned text as it is in the corpus ("" when the file has no document, or is unknown). */
    public String extractedText(String path) {
        ManifestEntry e = byPath.get(path);
        if (e == null || e.document() < 0 || e.document() >= documents.size()) {
            return "";
        }
        return documents.get(e.document());
    }

    /** The file each document was extracted from, by document index. */
    public List<String> documentPaths() {
        var paths = new ArrayList<String>(java.util.Collections.nCopies(documents.size(), ""));
        for (ManifestEntry e : manifest.files()) {
            if (e.document() >= 0 && e.document() < paths.size()) {
                paths.set(e.document(), e.path());
            }
        }
        return paths;
    }

    /** Every file's record, in manifest order. */
    public List<FileRecord> files() {
        return manifest.files().stream().map(ManifestEntry::record).toList();
    }

    public DatasetStats stats() {
        return stats;
    }

    /** SHA-256 of corpus.txt: the dataset's identity (checkpoints record it). */
    public String corpusHash() {
        return manifest.corpusSha256();
    }

    /** The inputs this dataset was ingested from, as given. */
    public List<String> inputs() {
        return manifest.inputs();
    }

    static Manifest readManifest(Path dir) {
        return readJson(dir.resolve(DatasetLayout.MANIFEST), Manifest.class);
    }

    private static <T> T readJson(Path file, Class<T> type) {
        try {
            return Json.mapper().readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UserException("Cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
