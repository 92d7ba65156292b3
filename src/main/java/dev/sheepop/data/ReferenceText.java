package dev.sheepop.data;

import dev.sheepop.common.Hashing;
import dev.sheepop.common.UserException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The reference workload's text (tinyshakespeare, 1,115,394 characters), packed into the jar at build time from
 * sample-data/, so that the benchmarks run from any directory and any installation.
 */
public final class ReferenceText {
    private static final String RESOURCE = "tinyshakespeare.txt";

    private ReferenceText() {
    }

    /** The text as a one-document corpus, exactly as {@link CorpusSource} reads the file (LF line ends). */
    public static Corpus corpus() {
        try (InputStream in = ReferenceText.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new UserException("The reference text is missing from this build (" + RESOURCE + "): rebuild SheepOp,"
                        + " or give the text with --data");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            return new Corpus(List.of(text), Hashing.sha256(text), "the bundled " + RESOURCE);
        } catch (IOException e) {
            throw new UserException("Cannot read the bundled reference text: " + e.getMessage(), e);
        }
    }
}
