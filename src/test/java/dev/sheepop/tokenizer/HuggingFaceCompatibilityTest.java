package dev.sheepop.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SheepOp's trained tokenizer.json loads in the Hugging Face tokenizers library (the Rust library, through DJL), and
 * both encoders give the same ids on more than a megabyte of mixed text; both decoders restore the bytes exactly.
 */
class HuggingFaceCompatibilityTest {
    private static List<String> corpus;
    private static BpeTokenizer ours;
    private static HuggingFaceTokenizer theirs;

    @BeforeAll
    static void trainAndLoad(@TempDir Path dir) throws Exception {
        corpus = MixedCorpus.documents(1_100_000);
        // learn from every other document: the rest holds pieces the merges never saw
        var training = java.util.stream.IntStream.range(0, corpus.size()).filter(i -> i % 2 == 0).mapToObj(corpus::get).toList();
        ours = new BpeTrainer(2048, 2).train(training, BpeTrainer.Progress.NONE, () -> false);
        Path file = dir.resolve("tokenizer.json");
        TokenizerIO.save(ours, file);
        theirs = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
    }

    @Test
    void bothLibrariesGiveTheSameIdsOnAMegabyteOfMixedText() {
        long bytes = 0;
        long tokens = 0;
        for (String doc : corpus) {
            bytes += doc.getBytes(StandardCharsets.UTF_8).length;
            int[] mine = ours.encode(doc);
            long[] hf = theirs.encode(doc, false, false).getIds();
            assertArrayEquals(hf, Arrays.stream(mine).asLongStream().toArray(),
                    () -> "ids differ on document starting " + doc.substring(0, Math.min(60, doc.length())));
            tokens += mine.length;
        }
        assertTrue(bytes >= 1_000_000, "corpus of " + bytes + " bytes");
        assertTrue(tokens < bytes / 2, "2,048 tokens compress the text: " + tokens + " tokens for " + bytes + " bytes");
    }

    @Test
    void bothDecodersRestoreTheExactText() {
        for (String doc : corpus) {
            int[] mine = ours.encode(doc);
            assertEquals(doc, ours.decode(mine));
            assertEquals(doc, theirs.decode(Arrays.stream(mine).asLongStream().toArray(), true));
        }
    }

    @Test
    void specialTokenIsSharedAndSkippedOnDecode() {
        assertEquals(ours.eos(), theirs.encode(BpeTrainer.END_OF_TEXT, false, false).getIds()[0]);
        assertEquals("ab", theirs.decode(new long[]{ours.encode("a")[0], ours.eos(), ours.encode("b")[0]}, true));
        assertEquals("ab", ours.decode(new int[]{ours.encode("a")[0], ours.eos(), ours.encode("b")[0]}));
    }
}
