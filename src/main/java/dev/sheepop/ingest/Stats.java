package dev.sheepop.ingest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes {@link DatasetStats} from the records and documents. */
final class Stats {
    private Stats() {
    }

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
        var distinct = new java.util.BitSet();
        for (String doc : documents) {
            characters += doc.codePointCount(0, doc.length());
            for (int i = 0, n = doc.length(); i < n; i++) {
                char c = doc.charAt(i);
                if (c == '\n') {
                    lines++;
                }
                if (Character.isHighSurrogate(c) && i + 1 < n) {
                    distinct.set(doc.codePointAt(i));
                    i++;
                } else {
                    distinct.set(c);
                }
            }
            lines += doc.isEmpty() ? 0 : 1;
        }
        return new DatasetStats(records.size(), extracted, skipped, failed, byType, byReason, characters, lines,
                distinct.cardinality(), corpusBytes);
    }
}
