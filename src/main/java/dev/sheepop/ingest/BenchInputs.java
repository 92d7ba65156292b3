package dev.sheepop.ingest;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generates the inputs of {@code sheepop bench ingest} when no PATH is given: text files, text PDFs, page images. */
final class BenchInputs {
    private static final String[] WORDS = ("the of and to in a is that for it as was with be by on not he this are or his "
            + "from at which but have an they you were her she there been one all we their has would when if so no "
            + "model train language token corpus window sheep meadow river winter summer market letter garden").split(" ");

    private BenchInputs() {
    }

    static String sentence(Random random, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String w = WORDS[random.nextInt(WORDS.length)];
            sb.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w).append(i == words - 1 ? "." : " ");
        }
        return sb.toString();
    }

    /** {@code files} text files of about {@code bytesEach} bytes of English-like lines. */
    static void text(Path dir, int files, int bytesEach) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(1);
        for (int f = 0; f < files; f++) {
            try (Writer w = Files.newBufferedWriter(dir.resolve("text-" + f + ".txt"), StandardCharsets.UTF_8)) {
                long written = 0;
                while (written < bytesEach) {
                    String line = sentence(random, 6 + random.nextInt(10)) + "\n";
                    w.write(line);
                    written += line.length();
                }
            }
        }
    }

    /** {@code files} PDFs of {@code pages} pages with a text layer (40 lines per page). */
    static void pdfs(Path dir, int files, int pages) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(2);
        var font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        for (int f = 0; f < files; f++) {
            try (PDDocument doc = new PDDocument()) {
                for (int p = 0; p < pages; p++) {
                    PDPage page = new PDPage(PDRectangle.A4);
                    doc.addPage(page);
                    try (var cs = new PDPageContentStream(doc, page)) {
                        cs.beginText();
                        cs.setFont(font, 10);
                        cs.setLeading(18);
                        cs.newLineAtOffset(50, 790);
                        for (int l = 0; l < 40; l++) {
                            cs.showText(sentence(random, 8 + random.nextInt(6)));
                            cs.newLine();
                        }
                        cs.endText();
                    }
                }
                doc.save(dir.resolve("doc-" + f + ".pdf").toFile());
            }
        }
    }

    /** {@code count} PNGs of 9 printed lines, about 1700 px wide (a page-width scan at ~200 dpi). */
    static void images(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(3);
        for (int i = 0; i < count; i++) {
            List<String> lines = new ArrayList<>();
            for (int l = 0; l < 9; l++) {
                lines.add(sentence(random, 9).replace(".", ""));
            }
            ImageIO.write(render(lines, 1700, 36), "png", dir.resolve("page-" + i + ".png").toFile());
        }
    }

    private static BufferedImage render(List<String> lines, int width, int fontSize) {
        int lineHeight = fontSize * 3 / 2;
        BufferedImage image = new BufferedImage(width, lines.size() * lineHeight + 2 * fontSize, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, fontSize));
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), fontSize, fontSize * 2 + i * lineHeight);
        }
        g.dispose();
        return image;
    }
}
