package dev.sheepop.ingest;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Images (PNG, JPEG, TIFF, BMP, GIF, ...) through Tesseract. The pixel count is read from the header
 * before anything is decoded, so a decompression bomb is refused without allocating its pixels.
 */
final class ImageOcrExtractor implements Extractor {
    static final ImageOcrExtractor INSTANCE = new ImageOcrExtractor();

    @Override
    public String type() {
        return FileRecord.IMAGE;
    }

    @Override
    public Extraction extract(Path file, byte[] bytes, ExtractContext context) throws ExtractionProblem, IOException {
        if (!context.options().ocr()) {
            throw new ExtractionProblem(Reason.OCR_DISABLED, "image not read: OCR is off (--no-ocr)");
        }
        if (!context.ocr().available()) {
            throw new ExtractionProblem(Reason.OCR_UNAVAILABLE, OcrEngine.UNAVAILABLE);
        }
        BufferedImage image = read(file, context.options().maxImagePixels());
        OcrEngine.Result result = context.ocr().recognize(image, context.options().ocrTimeout(), OcrEngine.DPI);
        return new Extraction(type(), TextCleaner.normalize(result.text()),
                image.getWidth() + "×" + image.getHeight() + " px", 0, (double) result.confidence(), 0);
    }

    /** Decodes the first image of {@code file} after checking its size from the header. */
    static BufferedImage read(Path file, long maxPixels) throws ExtractionProblem {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ExtractionProblem(Reason.IMAGE_DECODE_ERROR, "cannot open the image");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ExtractionProblem(Reason.IMAGE_DECODE_ERROR, "not an image format Java can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                checkPixels(w, h, maxPixels);
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new ExtractionProblem(Reason.IMAGE_DECODE_ERROR, "the image decoded to nothing");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ExtractionProblem e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ExtractionProblem(Reason.IMAGE_DECODE_ERROR, "cannot decode the image: " + oneLine(e), e);
        } catch (OutOfMemoryError e) {
            throw new ExtractionProblem(Reason.TOO_LARGE, "not enough memory to decode the image", e);
        }
    }

    static void checkPixels(long w, long h, long maxPixels) throws ExtractionProblem {
        if (w <= 0 || h <= 0) {
            throw new ExtractionProblem(Reason.IMAGE_DECODE_ERROR, "the image header says " + w + " × " + h + " pixels");
        }
        if (w * h > maxPixels) {
            throw new ExtractionProblem(Reason.TOO_LARGE, String.format("image is %d × %d pixels (%.1f Mpixel), over the"
                    + " limit of %.1f Mpixel", w, h, w * h / 1e6, maxPixels / 1e6));
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
