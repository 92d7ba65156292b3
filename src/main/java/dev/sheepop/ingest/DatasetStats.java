package dev.sheepop.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a dataset (stats.json).
 *
 * @param files              records in the manifest (files plus skipped folders)
 * @param extracted          files whose text is in the corpus (= documents)
 * @param skipped            skipped files
 * @param failed             failed files
 * @param byType             type → outcome → count
 * @param byReason           reason → count
 * @param characters         characters in all documents
 * @param lines              lines in all documents
 * @param distinctCharacters distinct characters (code points) in all documents
 * @param corpusBytes        size of corpus.txt
 */
public record DatasetStats(
        @JsonProperty("files") int files,
        @JsonProperty("extracted") int extracted,
        @JsonProperty("skipped") int skipped,
        @JsonProperty("failed") int failed,
        @JsonProperty("by_type") Map<String, Map<String, Integer>> byType,
        @JsonProperty("by_reason") Map<String, Integer> byReason,
        @JsonProperty("characters") long characters,
        @JsonProperty("lines") long lines,
        @JsonProperty("distinct_characters") int distinctCharacters,
        @JsonProperty("corpus_bytes") long corpusBytes) {

    public DatasetStats {
        byType = byType == null ? Map.of() : byType;
        byReason = byReason == null ? Map.of() : byReason;
    }


    /** Counts the records by type, outcome and reason and measures the documents. */
    static DatasetStats compute(List<FileRecord> records, List<String> documents, long corpusBytes) {
        Map<String, Map<String, Integer>> byType = new TreeMap<>();
        Map<String, Integer> byReason = new TreeMap<>();
        int extracted = 0;
        int skipped = 0;
        int failed = 0;
        for (FileRecord r : records) {
            byType.computeIfAbsent(r.type(), t -> new TreeMap<>()).merge(r.outcome().json(), 1, Integer::sum);
            byReason.merge(r.reason().json(), 1, Integer::sum);
            switch (r.outcome()) {
                case EXTRACTED -> extracted++;
                case SKIPPED -> skipped++;
                case FAILED -> failed++;
            }
        }
        long characters = 0;
        long lines = 0;
        boolean[] seen = new boolean[Character.MAX_VALUE + 1];
        java.util.Set<Integer> supplementary = new java.util.HashSet<>();
        for (String doc : documents) {
            int n = doc.length();
            long surrogates = 0;
            long newlines = 0;
            for (int i = 0; i < n; i++) {
                char c = doc.charAt(i);
                seen[c] = true;
                if (c == '\n') {
                    newlines++;
                } else if (Character.isSurrogate(c)) {
                    surrogates++;
                }
            }
            if (surrogates > 0) {
                for (int i = 0; i < n; i++) {
                    if (Character.isHighSurrogate(doc.charAt(i))) {
                        supplementary.add(doc.codePointAt(i));
                    }
                }
                characters += doc.codePointCount(0, n);
            } else {
                characters += n;
            }
            lines += n == 0 ? 0 : newlines + 1;
        }
        int distinct = supplementary.size();
        for (int c = 0; c < seen.length; c++) {
            if (seen[c] && !Character.isSurrogate((char) c)) {
                distinct++;
            }
        }
        return new DatasetStats(records.size(), extracted, skipped, failed, byType, byReason, characters, lines,
                distinct, corpusBytes);
    }
}
