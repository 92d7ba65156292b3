package dev.sheepop.ingest;

import java.io.IOException;
import java.nio.file.Path;

/** Extracts the raw text of one kind of file. Implementations are stateless and thread-safe. */
interface Extractor {
    /** The record type it produces: text, code, pdf or image. */
    String type();

    /**
     * Extracts {@code file}; throws {@link ExtractionProblem} with a reason when the file is skipped or fails.
     * {@code bytes} is the file's content when the caller already read it (text files), else null.
     */
    Extraction extract(Path file, byte[] bytes, ExtractContext context) throws ExtractionProblem, IOException;
}
