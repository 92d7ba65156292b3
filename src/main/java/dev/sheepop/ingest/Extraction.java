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
 */
record Extraction(
        @JsonProperty("type") String type,
        @JsonProperty("text") String text,
        @JsonProperty("detail") String detail,
        @JsonProperty("pages") int pages,
        @JsonProperty("ocr_confidence") Double ocrConfidence,
        @JsonProperty("ocr_skipped") int ocrSkipped) {

    Extraction {
        detail = detail == null ? "" : detail;
        text = text == null ? "" : text;
    }

    Extraction withoutText() {
        return new Extraction(type, "", detail, pages, ocrConfidence, ocrSkipped);
    }

    Extraction withText(String newText) {
        return new Extraction(type, newText, detail, pages, ocrConfidence, ocrSkipped);
    }
}
