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
