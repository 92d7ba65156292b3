package dev.sheepop.ingest;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Writes real test inputs: PDFs through PDFBox (text layer, scanned image pages, encrypted), PNGs of
 * printed text through Java2D, and a PNG whose header claims a huge size. Also used to make sample-data/.
 */
public final class TestFiles {
    private TestFiles() {
    }

    /** Black serif text on white, {@code fontSize} px, optionally rotated slightly and speckled like a scan. */
    public static BufferedImage textImage(List<String> lines, int fontSize, boolean scanned) {
        Font font = new Font(Font.SERIF, Font.PLAIN, fontSize);
        int lineHeight = (int) (fontSize * 1.5);
        int width = 0;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D pg = probe.createGraphics();
        var metrics = pg.getFontMetrics(font);
        for (String line : lines) {
            width = Math.max(width, metrics.stringWidth(line));
        }
        pg.dispose();
        int margin = fontSize * 2;
        BufferedImage image = new BufferedImage(width + 2 * margin, lines.size() * lineHeight + 2 * margin,
                BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(scanned ? new Color(244, 242, 236) : Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        if (scanned) {
            g.rotate(Math.toRadians(0.6), image.getWidth() / 2.0, image.getHeight() / 2.0);
        }
        g.setColor(scanned ? new Color(30, 30, 30) : Color.BLACK);
        g.setFont(font);
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), margin, margin + fontSize + i * lineHeight);
        }
        g.dispose();
        if (scanned) {
            Random random = new Random(42);
            for (int i = 0; i < image.getWidth() * image.getHeight() / 400; i++) {
                int x = random.nextInt(image.getWidth());
                int y = random.nextInt(image.getHeight());
                image.getRaster().setSample(x, y, 0, 120 + random.nextInt(100));
            }
        }
        return image;
    }

    public static void png(Path out, BufferedImage image) throws IOException {
        ImageIO.write(image, "png", out.toFile());
    }

    /** A PDF: one page per entry of {@code textPages} (real text layer), then one image-only page per scan. */
    public static void pdf(Path out, List<String> textPages, List<BufferedImage> scans) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String pageText : textPages) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (var cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 12);
                    cs.setLeading(16);
                    cs.newLineAtOffset(60, 770);
                    for (String line : pageText.split("\n")) {
                        cs.showText(line);
                        cs.newLine();
                    }
                    cs.endText();
                }
            }
            for (BufferedImage scan : scans) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                PDImageXObject image = LosslessFactory.createFromImage(doc, scan);
                float w = PDRectangle.A4.getWidth() - 80;
                float h = w * scan.getHeight() / scan.getWidth();
                try (var cs = new PDPageContentStream(doc, page)) {
                    cs.drawImage(image, 40, PDRectangle.A4.getHeight() - 60 - h, w, h);
                }
            }
            doc.save(out.toFile());
        }
    }

    /** A PDF with a text layer, encrypted with a user password. */
    public static void encryptedPdf(Path out, String text) throws IOException {
        Path plain = out.resolveSibling(out.getFileName() + ".plain");
        pdf(plain, List.of(text), List.of());
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(plain.toFile())) {
            var policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(out.toFile());
        }
        Files.delete(plain);
    }

    /** A tiny PNG whose header claims {@code width} × {@code height} pixels (a decompression-bomb stand-in). */
    public static void pngHeaderOnly(Path out, int width, int height) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var data = new DataOutputStream(bytes);
        data.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        var ihdr = new ByteArrayOutputStream();
        var ih = new DataOutputStream(ihdr);
        ih.writeInt(width);
        ih.writeInt(height);
        ih.write(new byte[]{8, 0, 0, 0, 0}); // 8-bit gray, deflate, no filter, no interlace
        chunk(data, "IHDR", ihdr.toByteArray());
        chunk(data, "IDAT", new byte[]{0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(data, "IEND", new byte[0]);
        Files.write(out, bytes.toByteArray());
    }

    private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
        out.writeInt(body.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(body);
        var crc = new CRC32();
        crc.update(t);
        crc.update(body);
        out.writeInt((int) crc.getValue());
    }
}
