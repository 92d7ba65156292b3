package dev.sheepop.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * manifest.json.
 *
 * @param formatVersion {@link DatasetLayout#FORMAT_VERSION}
 * @param created       ISO-8601 instant of the run
 * @param inputs        the inputs as given
 * @param options       the options of the run
 * @param corpusSha256  SHA-256 of corpus.txt
 * @param files         every record, in corpus order
 */
record Manifest(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("created") String created,
        @JsonProperty("inputs") List<String> inputs,
        @JsonProperty("options") Options options,
        @JsonProperty("corpus_sha256") String corpusSha256,
        @JsonProperty("files") List<ManifestEntry> files) {

    record Options(
            @JsonProperty("min_line_length") int minLineLength,
            @JsonProperty("ocr") boolean ocr,
            @JsonProperty("include_hidden") boolean includeHidden,
            @JsonProperty("max_file_bytes") long maxFileBytes,
            @JsonProperty("max_image_pixels") long maxImagePixels,
            @JsonProperty("ocr_timeout_ms") long ocrTimeoutMillis) {

        static Options of(IngestOptions o) {
            return new Options(o.minLineLength(), o.ocr(), o.includeHidden(), o.maxFileBytes(), o.maxImagePixels(),
                    o.ocrTimeout().toMillis());
        }
    }
}
