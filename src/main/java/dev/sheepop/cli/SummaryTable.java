package dev.sheepop.cli;

import dev.sheepop.ingest.DatasetStats;
import dev.sheepop.ingest.FileRecord;
import dev.sheepop.ingest.IngestReport;
import dev.sheepop.ingest.Outcome;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The table {@code sheepop ingest} prints at the end: one row per file, then the totals. */
final class SummaryTable {
    private static final int MAX_ROWS = 200;

    private SummaryTable() {
    }

    static void print(PrintWriter out, IngestReport report) {
        List<FileRecord> files = report.files();
        int width = Math.min(60, Math.max(4, files.stream().mapToInt(r -> r.path().length()).max().orElse(4)));
        String format = "%-" + width + "s  %-7s  %-9s  %10s  %8s  %s";
        out.println(String.format(format, "FILE", "TYPE", "OUTCOME", "CHARS", "LINES", "DETAIL").stripTrailing());
        int shown = 0;
        for (FileRecord r : files) {
            if (shown++ == MAX_ROWS) {
                out.printf("... %d more (see manifest.json)%n", files.size() - MAX_ROWS);
                break;
            }
            String outcome = r.outcome() == Outcome.EXTRACTED ? "extracted" : r.outcome().json();
            String detail = r.outcome() == Outcome.EXTRACTED ? r.detail() : r.reason().json() + ": " + r.detail();
            if (r.ocrConfidence() != null) {
                detail = (detail.isEmpty() ? "" : detail + "; ") + String.format("OCR confidence %.0f", r.ocrConfidence());
            }
            if (r.cached()) {
                detail = (detail.isEmpty() ? "" : detail + "; ") + "cached";
            }
            out.println(String.format(format, fit(r.path(), width), r.type(), outcome,
                    r.outcome() == Outcome.EXTRACTED ? String.format("%,d", r.characters()) : "-",
                    r.outcome() == Outcome.EXTRACTED ? String.format("%,d", r.lines()) : "-", detail).stripTrailing());
        }
        DatasetStats s = report.stats();
        out.println();
        out.printf("%d files: %d extracted (%d now, %d from cache), %d skipped, %d failed%n", s.files(), s.extracted(),
                report.extractedNow(), s.extracted() - report.extractedNow(), s.skipped(), s.failed());
        out.printf("%,d characters, %,d lines, %d distinct characters -> %s%n", s.characters(), s.lines(),
                s.distinctCharacters(), report.datasetDir());
        StringBuilder types = new StringBuilder();
        for (Map.Entry<String, Map<String, Integer>> e : s.byType().entrySet()) {
            types.append(types.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
        }
        out.println("by type: " + types);
        out.flush();
    }

    private static String fit(String s, int width) {
        return s.length() <= width ? s : "…" + s.substring(s.length() - width + 1);
    }
}
