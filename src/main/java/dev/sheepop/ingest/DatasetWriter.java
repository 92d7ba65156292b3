package dev.sheepop.ingest;

import dev.sheepop.common.AtomicWrite;
import dev.sheepop.common.Json;
import dev.sheepop.common.UserException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Writes corpus.txt, manifest.json and stats.json (each through a temp file and a rename), then prunes the cache. */
final class DatasetWriter {
    private DatasetWriter() {
    }

    static IngestReport write(Path outDir, List<Path> inputs, IngestOptions options, Ingestor.Processed[] results) {
        try {
            Files.createDirectories(outDir);
            List<FileRecord> records = new ArrayList<>();
            List<ManifestEntry> entries = new ArrayList<>();
            List<String> documents = new ArrayList<>();
            Set<String> keep = new HashSet<>();
            int extractedNow = 0;
            Path corpusTmp = outDir.resolve(DatasetLayout.CORPUS + ".tmp");
            var digest = dev.sheepop.common.Hashing.sha256();
            byte[] separator = DatasetLayout.SEPARATOR_LINE.getBytes(StandardCharsets.UTF_8);
            try (var out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(corpusTmp), 1 << 16),
                    digest)) {
                for (Ingestor.Processed p : results) {
                    FileRecord r = p.record();
                    var id = p.id();
                    int docIndex = -1;
                    if (p.document() != null) {
                        docIndex = documents.size();
                        documents.add(p.document());
                        out.write(p.document().getBytes(StandardCharsets.UTF_8));
                        out.write(separator);
                        if (!r.cached()) {
                            extractedNow++;
                        }
                    }
                    if (id != null && id.sha256() != null && r.reason() != Reason.DUPLICATE) {
                        keep.add(id.sha256());
                    }
                    records.add(r);
                    entries.add(ManifestEntry.of(r, id == null ? 0 : id.mtimeMillis(), id == null ? null : id.sha256(),
                            docIndex));
                }
            }
            long corpusBytes = Files.size(corpusTmp);
            String corpusHash = HexFormat.of().formatHex(digest.digest());
            DatasetStats stats = DatasetStats.compute(records, documents, corpusBytes);
            var manifest = new Manifest(DatasetLayout.FORMAT_VERSION, Instant.now().toString(),
                    inputs.stream().map(Path::toString).toList(), Manifest.Options.of(options), corpusHash, entries);
            AtomicWrite.replace(outDir.resolve(DatasetLayout.STATS), tmp -> Files.write(tmp, Json.mapper().writeValueAsBytes(stats)));
            Files.move(corpusTmp, outDir.resolve(DatasetLayout.CORPUS), StandardCopyOption.REPLACE_EXISTING);
            AtomicWrite.replace(outDir.resolve(DatasetLayout.MANIFEST), tmp -> Files.write(tmp, Json.mapper().writeValueAsBytes(manifest)));
            new ExtractionCache(outDir).retainOnly(keep);
            return new IngestReport(records, stats, outDir, extractedNow);
        } catch (IOException e) {
            throw new UserException("Cannot write the dataset folder " + outDir + ": " + e.getMessage(), e);
        }
    }
}
