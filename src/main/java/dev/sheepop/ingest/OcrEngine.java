package dev.sheepop.ingest;

import com.sun.jna.Pointer;
import net.sourceforge.tess4j.ITessAPI.ETEXT_DESC;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.TessAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Tesseract OCR through Tess4J's JNA binding ({@link TessAPI}, the API Tess4J's {@code Tesseract} class wraps),
 * one native engine per worker thread (an engine is not thread-safe). Going one level below
 * {@code Tesseract} gives a per-image deadline (Tesseract's monitor) and the mean confidence of the same
 * recognition. Availability (native library + eng.traineddata) is probed once per tessdata folder.
 */
final class OcrEngine implements AutoCloseable {
    static final String UNAVAILABLE = "OCR unavailable: install tesseract-ocr (see README)";
    static final int DPI = 300;
    private static final Logger LOG = LoggerFactory.getLogger(OcrEngine.class);
    private static final Map<String, String> PROBES = new ConcurrentHashMap<>();
    private static final String OK = "";
    /** Initialised engines not in use, per tessdata folder: later runs skip the 0.2–1 s start-up. */
    private static final Map<String, ConcurrentLinkedQueue<TessBaseAPI>> IDLE = new ConcurrentHashMap<>();
    private static final int MAX_IDLE = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final Path tessdata;
    private final String problem;
    private final ThreadLocal<TessBaseAPI> perThread = new ThreadLocal<>();
    private final ConcurrentLinkedQueue<TessBaseAPI> created = new ConcurrentLinkedQueue<>();

    /** Recognised text and Tesseract's mean confidence (0–100). */
    record Result(String text, int confidence) {
    }

    OcrEngine(Path tessdata) {
        this.tessdata = tessdata;
        this.problem = tessdata == null ? "no tessdata folder with eng.traineddata found" : probe(tessdata);
        if (!problem.isEmpty()) {
            LOG.debug("{} ({})", UNAVAILABLE, problem);
        }
    }

    /** An engine on the default tessdata folder ({@link #defaultTessdata()}). */
    static OcrEngine standard() {
        return new OcrEngine(defaultTessdata());
    }

    boolean available() {
        return problem.isEmpty();
    }

    /** Why OCR is unavailable ("" when it is available). */
    String problem() {
        return problem;
    }

    /** TESSDATA_PREFIX (or its tessdata/ sub-folder), then the usual install locations; null when none has eng. */
    static Path defaultTessdata() {
        List<Path> candidates = new ArrayList<>();
        String prefix = System.getenv("TESSDATA_PREFIX");
        if (prefix != null && !prefix.isBlank()) {
            candidates.add(Path.of(prefix));
            candidates.add(Path.of(prefix, "tessdata"));
        }
        for (String p : new String[]{"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata"}) {
            candidates.add(Path.of(p));
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve("eng.traineddata"))).findFirst().orElse(null);
    }

    private static String probe(Path tessdata) {
        return PROBES.computeIfAbsent(tessdata.toAbsolutePath().toString(), key -> {
            if (!Files.isRegularFile(tessdata.resolve("eng.traineddata"))) {
                return "no eng.traineddata in " + tessdata;
            }
            try {
                TessAPI api = TessAPI.INSTANCE;
                TessBaseAPI handle = api.TessBaseAPICreate();
                int rc = api.TessBaseAPIInit3(handle, key, "eng");
                api.TessBaseAPIEnd(handle);
                api.TessBaseAPIDelete(handle);
                return rc == 0 ? OK : "Tesseract could not load eng from " + key;
            } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError: no native library
                return "native Tesseract library not loadable: " + t;
            }
        });
    }

    /** This thread's engine: its own, else an idle one from an earlier run, else a new one. */
    private TessBaseAPI handle() {
        TessBaseAPI handle = perThread.get();
        if (handle != null) {
            return handle;
        }
        handle = idle().poll();
        if (handle == null) {
            handle = TessAPI.INSTANCE.TessBaseAPICreate();
            if (TessAPI.INSTANCE.TessBaseAPIInit3(handle, tessdata.toAbsolutePath().toString(), "eng") != 0) {
                TessAPI.INSTANCE.TessBaseAPIDelete(handle);
                throw new IllegalStateException("Tesseract could not load eng from " + tessdata);
            }
        }
        perThread.set(handle);
        created.add(handle);
        return handle;
    }

    /** OCRs one image within {@code timeout}; OCR_TIMEOUT / OCR_ERROR problems otherwise. */
    Result recognize(BufferedImage image, Duration timeout, int dpi) throws ExtractionProblem {
        if (!available()) {
            throw new ExtractionProblem(Reason.OCR_UNAVAILABLE, UNAVAILABLE);
        }
        TessAPI api = TessAPI.INSTANCE;
        TessBaseAPI handle;
        try {
            handle = handle();
        } catch (RuntimeException e) {
            throw new ExtractionProblem(Reason.OCR_ERROR, e.getMessage(), e);
        }
        BufferedImage gray = toGray(image);
        int w = gray.getWidth();
        int h = gray.getHeight();
        byte[] pixels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        ByteBuffer buffer = ByteBuffer.allocateDirect(pixels.length);
        buffer.put(pixels).flip();
        ETEXT_DESC monitor = api.TessMonitorCreate();
        long start = System.nanoTime();
        try {
            api.TessBaseAPISetImage(handle, buffer, w, h, 1, w);
            api.TessBaseAPISetSourceResolution(handle, dpi);
            api.TessMonitorSetDeadlineMSecs(monitor, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            int rc = api.TessBaseAPIRecognize(handle, monitor);
            if (rc != 0) {
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (ms >= timeout.toMillis()) {
                    throw new ExtractionProblem(Reason.OCR_TIMEOUT, "OCR stopped after " + ms + " ms (limit "
                            + timeout.toMillis() + " ms)");
                }
                throw new ExtractionProblem(Reason.OCR_ERROR, "Tesseract could not recognise the image (code " + rc + ")");
            }
            Pointer p = api.TessBaseAPIGetUTF8Text(handle);
            String text = p == null ? "" : p.getString(0, StandardCharsets.UTF_8.name());
            if (p != null) {
                api.TessDeleteText(p);
            }
            int confidence = api.TessBaseAPIMeanTextConf(handle);
            return new Result(text, Math.max(0, confidence));
        } finally {
            api.TessBaseAPIClear(handle);
            api.TessMonitorDelete(monitor);
        }
    }

    /** An 8-bit gray copy on a white background (transparent pixels become white). */
    static BufferedImage toGray(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY && image.getRaster().getDataBuffer() instanceof DataBufferByte
                && ((DataBufferByte) image.getRaster().getDataBuffer()).getData().length == image.getWidth() * image.getHeight()
                && image.getRaster().getParent() == null) {
            return image;
        }
        BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return gray;
    }

    private ConcurrentLinkedQueue<TessBaseAPI> idle() {
        return IDLE.computeIfAbsent(tessdata.toAbsolutePath().toString(), k -> new ConcurrentLinkedQueue<>());
    }

    /**
     * Hands every thread's engine back to the idle pool (freeing those beyond one per core); call only
     * after the workers have finished.
     */
    @Override
    public void close() {
        for (TessBaseAPI handle; (handle = created.poll()) != null; ) {
            var idle = idle();
            if (idle.size() < MAX_IDLE) {
                idle.add(handle);
            } else {
                TessAPI.INSTANCE.TessBaseAPIEnd(handle);
                TessAPI.INSTANCE.TessBaseAPIDelete(handle);
            }
        }
    }
}
