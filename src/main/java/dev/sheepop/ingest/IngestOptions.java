package dev.sheepop.ingest;

import java.time.Duration;

/**
 * How to ingest.
 *
 * @param minLineLength   lines shorter than this (after trimming) are dropped; 0 keeps every line
 * @param ocr             OCR images and PDF pages without a text layer (Tesseract)
 * @param workers         parallel worker threads; 0 = one per available core
 * @param includeHidden   also walk hidden files/folders and tool folders (.git, node_modules, target, ...)
 * @param maxFileBytes    files larger than this fail with {@link Reason#TOO_LARGE}
 * @param maxImagePixels  images (width × height from the header, before decoding) larger than this fail
 * @param ocrTimeout      time limit for the OCR of one image or one PDF page
 * @param maxPdfPages     pages read from one PDF at most (the rest are left out, and the file says so)
 * @param maxPdfTime      time spent on one PDF at most (text and OCR of its pages; the rest are left out)
 */
public record IngestOptions(int minLineLength, boolean ocr, int workers, boolean includeHidden,
                            long maxFileBytes, long maxImagePixels, Duration ocrTimeout, int maxPdfPages, Duration maxPdfTime) {

    public static final int DEFAULT_MIN_LINE_LENGTH = 10;
    public static final long DEFAULT_MAX_FILE_BYTES = 256L << 20;     // 256 MiB
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 60_000_000L;   // ~ A3 at 600 dpi
    public static final Duration DEFAULT_OCR_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_PDF_PAGES = 5_000;
    public static final Duration DEFAULT_MAX_PDF_TIME = Duration.ofMinutes(30);

    public IngestOptions {
        if (minLineLength < 0 || minLineLength > 10_000) {
            throw new IllegalArgumentException("minLineLength must be in [0, 10000], got " + minLineLength);
        }
        if (workers < 0 || workers > 256) {
            throw new IllegalArgumentException("workers must be in [0, 256] (0 = one per core), got " + workers);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be >= 1, got " + maxFileBytes);
        }
        if (maxImagePixels < 1) {
            throw new IllegalArgumentException("maxImagePixels must be >= 1, got " + maxImagePixels);
        }
        if (ocrTimeout == null || ocrTimeout.isNegative() || ocrTimeout.isZero()
                || ocrTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ocrTimeout must be positive (and under 24 days), got " + ocrTimeout);
        }
        if (maxPdfPages < 1) {
            throw new IllegalArgumentException("maxPdfPages must be >= 1, got " + maxPdfPages);
        }
        if (maxPdfTime == null || maxPdfTime.isNegative() || maxPdfTime.isZero()) {
            throw new IllegalArgumentException("maxPdfTime must be positive, got " + maxPdfTime);
        }
    }

    /** The limits an extraction was cut short by, as stored with it: "ocr 120000 ms, 60000000 px, 5000 pages, 1800 s". */
    String limitsKey() {
        return ocrTimeout.toMillis() + " ms ocr, " + maxImagePixels + " px, " + maxPdfPages + " pages, " + maxPdfTime.toSeconds() + " s";
    }

    /** True when every limit of this ingestion is at least as generous as the stored {@link #limitsKey()}. */
    boolean noMoreGenerousThan(String storedLimits) {
        String[] p = storedLimits.split("[^0-9]+");
        var numbers = java.util.Arrays.stream(p).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        if (numbers.length != 4) {
            return false;
        }
        return ocrTimeout.toMillis() <= numbers[0] && maxImagePixels <= numbers[1] && maxPdfPages <= numbers[2]
                && maxPdfTime.toSeconds() <= numbers[3];
    }

    /** min line length 10, OCR on, one worker per core, hidden skipped, 256 MiB, 60 Mpixel, 120 s OCR, 5,000 pages, 30 min. */
    public static IngestOptions defaults() {
        return new IngestOptions(DEFAULT_MIN_LINE_LENGTH, true, 0, false, DEFAULT_MAX_FILE_BYTES,
                DEFAULT_MAX_IMAGE_PIXELS, DEFAULT_OCR_TIMEOUT, DEFAULT_MAX_PDF_PAGES, DEFAULT_MAX_PDF_TIME);
    }

    /** The worker count to use: {@link #workers()} or, when 0, the number of available cores. */
    public int effectiveWorkers() {
        return workers > 0 ? workers : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public IngestOptions withMinLineLength(int value) {
        return new IngestOptions(value, ocr, workers, includeHidden, maxFileBytes, maxImagePixels, ocrTimeout, maxPdfPages, maxPdfTime);
    }

    public IngestOptions withOcr(boolean value) {
        return new IngestOptions(minLineLength, value, workers, includeHidden, maxFileBytes, maxImagePixels, ocrTimeout, maxPdfPages, maxPdfTime);
    }

    public IngestOptions withWorkers(int value) {
        return new IngestOptions(minLineLength, ocr, value, includeHidden, maxFileBytes, maxImagePixels, ocrTimeout, maxPdfPages, maxPdfTime);
    }

    public IngestOptions withIncludeHidden(boolean value) {
        return new IngestOptions(minLineLength, ocr, workers, value, maxFileBytes, maxImagePixels, ocrTimeout, maxPdfPages, maxPdfTime);
    }

    public IngestOptions withMaxFileBytes(long value) {
        return new IngestOptions(minLineLength, ocr, workers, includeHidden, value, maxImagePixels, ocrTimeout, maxPdfPages, maxPdfTime);
    }

    public IngestOptions withMaxImagePixels(long value) {
        return new IngestOptions(minLineLength, ocr, workers, includeHidden, maxFileBytes, value, ocrTimeout, maxPdfPages, maxPdfTime);
    }

    public IngestOptions withOcrTimeout(Duration value) {
        return new IngestOptions(minLineLength, ocr, workers, includeHidden, maxFileBytes, maxImagePixels, value, maxPdfPages, maxPdfTime);
    }

    public IngestOptions withMaxPdfPages(int value) {
        return new IngestOptions(minLineLength, ocr, workers, includeHidden, maxFileBytes, maxImagePixels, ocrTimeout, value, maxPdfTime);
    }

    public IngestOptions withMaxPdfTime(Duration value) {
        return new IngestOptions(minLineLength, ocr, workers, includeHidden, maxFileBytes, maxImagePixels, ocrTimeout, maxPdfPages, value);
    }
}
