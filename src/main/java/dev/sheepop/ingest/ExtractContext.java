package dev.sheepop.ingest;

import java.util.function.BooleanSupplier;

/** What an extractor needs besides the file: the options, the OCR engine (or why there is none), cancellation. */
record ExtractContext(IngestOptions options, OcrEngine ocr, BooleanSupplier cancelled) {

    /** True when OCR is switched on and available. */
    boolean ocrUsable() {
        return options.ocr() && ocr.available();
    }
}
