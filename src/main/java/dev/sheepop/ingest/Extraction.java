package dev.sheepop.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Raw extracted text of one file and how it was obtained (also the cache's sidecar JSON, without the text).
 *
 * @param type          text, code, pdf or image
 * @param text          the extracted text, normalised ({@link TextCleaner#normalize}) but not line-filtered
 * @param detail        a one-line note ("" when none), e.g. "3 pages, 1 OCR'd"
 * @param pages         PDF pages (0 otherwise)
 * @param ocrConfidence mean OCR confidence 0–100 (null when no OCR ran)
 * @param ocrSkipped    images/pages that needed OCR but did not get it (OCR off or unavailable)
 * @param limited       true when a limit cut the extraction short (an OCR time limit, an image over the pixel limit,
 *                      the PDF page or time cap): re-ingesting with more generous limits extracts it again
 * @param limits        the limits in force when it was extracted, e.g. "120000 ms ocr, 60000000 px, 5000 pages, 1800 s"
 */
record Extraction(
        @JsonProperty("type") String type,
        @JsonProperty("text") String text,
        @JsonProperty("detail") String detail,
        @JsonProperty("pages") int pages,
        @JsonProperty("ocr_confidence") Double ocrConfidence,
        @JsonProperty("ocr_skipped") int ocrSkipped,
        @JsonProperty("limited") boolean limited,
        @JsonProperty("limits") String limits) {

    Extraction {
        detail = detail == null ? "" : detail;
        text = text == null ? "" : text;
        limits = limits == null ? "" : limits;
    }

    /** An extraction no limit cut short. */
    Extraction(String type, String text, String detail, int pages, Double ocrConfidence, int ocrSkipped) {
        this(type, text, detail, pages, ocrConfidence, ocrSkipped, false, "");
    }

    Extraction withoutText() {
        return new Extraction(type, "", detail, pages, ocrConfidence, ocrSkipped, limited, limits);
    }

    Extraction withText(String newText) {
        return new Extraction(type, newText, detail, pages, ocrConfidence, ocrSkipped, limited, limits);
    }

    Extraction withDetail(String newDetail) {
        return new Extraction(type, text, newDetail, pages, ocrConfidence, ocrSkipped, limited, limits);
    }

    /** This extraction, marked as cut short by the {@code options}' limits. */
    Extraction limitedBy(IngestOptions options) {
        return new Extraction(type, text, detail, pages, ocrConfidence, ocrSkipped, true, options.limitsKey());
    }
}
