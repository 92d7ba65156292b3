package dev.sheepop.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

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
}
