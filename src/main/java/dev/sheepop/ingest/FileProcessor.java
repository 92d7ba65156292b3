package dev.sheepop.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns one identified file into its record and document: from the cache when its content was extracted
 * before, else through the extractor for its type (by extension, or sniffed), then {@link TextCleaner}.
 * Never throws: every problem becomes a skipped or failed record.
 */
final class FileProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(FileProcessor.class);
    private final IngestOptions options;
    private final ExtractionCache cache;
    private final ExtractContext context;

    FileProcessor(IngestOptions options, ExtractionCache cache, ExtractContext context) {
        this.options = options;
        this.cache = cache;
        this.context = context;
    }

    Ingestor.Processed process(FileScanner.Item item, Ingestor.FileIdentity id) {
        String path = item.displayPath();
        String type = FileTypes.byName(item.file().getFileName().toString());
        try {
            Optional<Extraction> cached = cache.get(id.sha256(), options);
            boolean fromCache = cached.isPresent();
            Extraction extraction;
            if (fromCache) {
                extraction = cached.get();
            } else {
                extraction = extract(item.file(), type);
                if (!context.cancelled().getAsBoolean()) {
                    cache.put(id.sha256(), extraction);
                }
            }
            return finish(path, extraction, id, fromCache);
        } catch (ExtractionProblem e) {
            return failed(path, type, e.reason(), e.detail(), id);
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} failed", path, e);
            return failed(path, type, Reason.UNREADABLE, "cannot read: " + ImageOcrExtractor.oneLine(e), id);
        } catch (OutOfMemoryError e) {
            return failed(path, type, Reason.TOO_LARGE, "not enough memory to read it", id);
        } catch (StackOverflowError e) {
            return failed(path, type, Reason.UNREADABLE, "too deeply nested to read", id);
        }
    }

    private Extraction extract(Path file, String type) throws ExtractionProblem, IOException {
        byte[] bytes = null;
        String sniffNote = null;
        if (type.equals(FileRecord.UNKNOWN)) {
            byte[] head = Ingestor.head(file, 8192);
            type = FileTypes.sniff(head);
            if (type.equals(FileRecord.UNKNOWN)) {
                String ext = FileTypes.extension(file.getFileName().toString());
                throw new ExtractionProblem(Reason.BINARY, "binary content" + (ext.isEmpty() ? "" : " (unknown extension ." + ext + ")"));
            }
            if (type.equals(FileRecord.TEXT)) {
                bytes = Files.readAllBytes(file);
                if (FileTypes.looksBinary(bytes, bytes.length) || !FileTypes.validUtf8Prefix(bytes)) {
                    throw new ExtractionProblem(Reason.BINARY, "not UTF-8 text and no known extension");
                }
            }
            sniffNote = "no known extension; recognised as " + type;
        }
        Extractor extractor = switch (type) {
            case FileRecord.TEXT -> TextExtractor.PLAIN;
            case FileRecord.CODE -> TextExtractor.CODE;
            case FileRecord.PDF -> PdfExtractor.INSTANCE;
            case FileRecord.IMAGE -> ImageOcrExtractor.INSTANCE;
            default -> throw new ExtractionProblem(Reason.UNSUPPORTED, "unsupported file type");
        };
        Extraction e = extractor.extract(file, bytes, context);
        if (sniffNote != null) {
            e = e.withDetail(e.detail().isEmpty() ? sniffNote : sniffNote + "; " + e.detail());
        }
        return e;
    }

    private Ingestor.Processed finish(String path, Extraction e, Ingestor.FileIdentity id, boolean fromCache) {
        String document = TextCleaner.clean(e.text(), options.minLineLength());
        if (document.isEmpty()) {
            Reason reason = e.text().isBlank() ? Reason.EMPTY : Reason.TOO_SHORT;
            String detail = reason == Reason.EMPTY ? "no text found" + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")")
                    : "every line is shorter than " + options.minLineLength() + " characters (--min-length)";
            var r = new FileRecord(path, e.type(), reason.outcome(), reason, detail, id.size(), 0, 0, e.pages(),
                    e.ocrConfidence(), fromCache);
            return new Ingestor.Processed(r, null, id);
        }
        var r = new FileRecord(path, e.type(), Outcome.EXTRACTED, Reason.OK, e.detail(), id.size(),
                document.codePointCount(0, document.length()), TextCleaner.lineCount(document), e.pages(),
                e.ocrConfidence(), fromCache);
        return new Ingestor.Processed(r, document, id);
    }

    private static Ingestor.Processed failed(String path, String type, Reason reason, String detail,
                                             Ingestor.FileIdentity id) {
        return new Ingestor.Processed(FileRecord.notExtracted(path, type, reason, detail, id.size()), null, id);
    }
}
