package dev.sheepop.ingest;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * PDFs through PDFBox with temp-file-backed buffers, text page by page. A page without a text layer that
 * holds images (a scan) is rendered at 300 dpi and OCR'd when OCR is on.
 */
final class PdfExtractor implements Extractor {
    static final PdfExtractor INSTANCE = new PdfExtractor();
    private static final java.util.regex.Pattern INLINE_IMAGE = java.util.regex.Pattern.compile("(^|\\s)BI\\s");

    @Override
    public String type() {
        return FileRecord.PDF;
    }

    @Override
    public Extraction extract(Path file, byte[] bytes, ExtractContext context) throws ExtractionProblem, IOException {
        PDDocument doc;
        try {
            doc = Loader.loadPDF(file.toFile(), "", IOUtils.createTempFileOnlyStreamCache());
        } catch (InvalidPasswordException e) {
            throw new ExtractionProblem(Reason.ENCRYPTED_PDF, "encrypted PDF: it needs a password to open", e);
        } catch (IOException | RuntimeException e) {
            throw new ExtractionProblem(Reason.CORRUPT_PDF, "corrupt PDF: " + ImageOcrExtractor.oneLine(e), e);
        }
        try (doc) {
            return extract(doc, context);
        } catch (ExtractionProblem e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ExtractionProblem(Reason.CORRUPT_PDF, "corrupt PDF: " + ImageOcrExtractor.oneLine(e), e);
        }
    }

    private Extraction extract(PDDocument doc, ExtractContext context) throws IOException, ExtractionProblem {
        int pages = doc.getNumberOfPages();
        var options = context.options();
        int readable = Math.min(pages, options.maxPdfPages());
        long deadline = System.nanoTime() + options.maxPdfTime().toNanos();
        String cutShort = readable < pages ? String.format("only the first %,d of %,d pages read (the page limit, --max-pdf-pages)",
                readable, pages) : null;
        boolean limited = readable < pages;
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setLineSeparator("\n");
        stripper.setPageEnd("\n");
        PDFRenderer renderer = null;
        StringBuilder text = new StringBuilder();
        int ocrPages = 0;
        int ocrSkipped = 0;
        double confidenceSum = 0;
        String lastOcrProblem = null;
        Reason lastOcrReason = null;
        for (int i = 1; i <= readable; i++) {
            if (context.cancelled().getAsBoolean()) {
                throw new ExtractionProblem(Reason.UNREADABLE, "cancelled");
            }
            if (System.nanoTime() > deadline) {
                cutShort = String.format("stopped after %d s at page %,d of %,d (the time limit per PDF, --max-pdf-seconds)",
                        options.maxPdfTime().toSeconds(), i, pages);
                limited = true;
                break;
            }
            stripper.setStartPage(i);
            stripper.setEndPage(i);
            String pageText = stripper.getText(doc);
            if (pageText.isBlank() && hasImages(doc.getPage(i - 1))) {
                if (!context.ocrUsable()) {
                    ocrSkipped++;
                    continue;
                }
                if (renderer == null) {
                    renderer = new PDFRenderer(doc);
                }
                PDPage page = doc.getPage(i - 1);
                double scale = OcrEngine.DPI / 72.0;
                try {
                    ImageOcrExtractor.checkPixels(Math.round(page.getCropBox().getWidth() * scale),
                            Math.round(page.getCropBox().getHeight() * scale), context.options().maxImagePixels());
                    checkEmbeddedImages(page, context.options().maxImagePixels());
                    BufferedImage image = renderer.renderImageWithDPI(i - 1, OcrEngine.DPI, ImageType.GRAY);
                    OcrEngine.Result r = context.ocr().recognize(image, context.options().ocrTimeout(), OcrEngine.DPI);
                    pageText = r.text();
                    confidenceSum += r.confidence();
                    ocrPages++;
                } catch (ExtractionProblem e) {
                    lastOcrProblem = "page " + i + ": " + e.detail();
                    lastOcrReason = e.reason();
                    limited |= e.reason() == Reason.OCR_TIMEOUT || e.reason() == Reason.TOO_LARGE;
                    continue;
                }
            }
            if (text.length() > 0 && !pageText.isBlank()) {
                text.append('\n');
            }
            text.append(pageText.strip().isEmpty() ? "" : pageText.stripTrailing());
        }
        String body = TextCleaner.normalize(text.toString());
        if (body.isBlank() && lastOcrReason != null) {
            throw new ExtractionProblem(lastOcrReason, "no text layer, and OCR failed on " + lastOcrProblem);
        }
        if (body.isBlank() && ocrSkipped > 0) {
            if (!context.options().ocr()) {
                throw new ExtractionProblem(Reason.OCR_DISABLED, "no text layer on " + ocrSkipped + " of " + pages
                        + " pages and OCR is off (--no-ocr)");
            }
            throw new ExtractionProblem(Reason.OCR_UNAVAILABLE, OcrEngine.UNAVAILABLE);
        }
        StringBuilder detail = new StringBuilder(pages + (pages == 1 ? " page" : " pages"));
        if (ocrPages > 0) {
            detail.append(", ").append(ocrPages).append(" OCR'd");
        }
        if (ocrSkipped > 0) {
            detail.append(", ").append(ocrSkipped).append(context.options().ocr() ? " not OCR'd (OCR unavailable)"
                    : " without text layer not OCR'd (--no-ocr)");
        }
        if (lastOcrProblem != null) {
            detail.append("; OCR failed on ").append(lastOcrProblem);
        }
        if (cutShort != null) {
            detail.append("; ").append(cutShort);
        }
        var extraction = new Extraction(type(), body, detail.toString(), pages, ocrPages > 0 ? confidenceSum / ocrPages : null,
                ocrSkipped);
        return limited ? extraction.limitedBy(options) : extraction;
    }

    /**
     * Refuses to render a page whose embedded images are too large: PDFBox decodes every image of a page at its full
     * size before scaling it to the page, so one huge image would exhaust memory. Width and height come from the
     * image dictionaries, without decoding anything.
     */
    static void checkEmbeddedImages(PDPage page, long maxPixels) throws ExtractionProblem, IOException {
        PDResources resources = page.getResources();
        if (resources == null) {
            return;
        }
        for (var name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject image) {
                long w = image.getWidth();
                long h = image.getHeight();
                if (w * h > maxPixels) {
                    throw new ExtractionProblem(Reason.TOO_LARGE, String.format(
                            "an embedded image of %,d × %,d pixels is over the limit of %.1f Mpixel", w, h, maxPixels / 1e6));
                }
            }
        }
    }

    /** True when the page has an XObject (image or form) or an inline image ("BI" operator) in its content. */
    private static boolean hasImages(PDPage page) {
        PDResources resources = page.getResources();
        if (resources != null && resources.getXObjectNames().iterator().hasNext()) {
            return true;
        }
        try (var in = page.getContents()) {
            String content = new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.ISO_8859_1);
            return INLINE_IMAGE.matcher(content).find();
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
