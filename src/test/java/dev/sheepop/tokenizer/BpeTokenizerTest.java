package dev.sheepop.tokenizer;

import dev.sheepop.common.UserException;
import dev.sheepop.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BpeTokenizerTest {
    private static final String TEXT = """
            the cat sat on the mat. the cat ate the rat. then the cat sat on the hat.
            a theme: the thin thing, the theory of the thrush, the three thieves.
            """.repeat(20);

    static BpeTokenizer train(String text, int vocab) {
        return new BpeTrainer(vocab, 2, 2).train(List.of(text), BpeTrainer.Progress.NONE, () -> false);
    }

    @Test
    void learnsTheMostFrequentPairsFirst() {
        var tok = train(TEXT, 290);
        assertEquals(290, tok.vocabSize());
        // " t" + "h" are the most frequent byte pairs of this text: the first merges build " th" and "the"
        var first = tok.merges().get(0);
        String made = new String(tok.tokenBytes(first.result()), StandardCharsets.UTF_8);
        assertTrue(List.of(" t", "th", "he").contains(made), "first merge made '" + made + "'");
        int[] ids = tok.encode(" the cat");
        assertEquals(" the cat", tok.decode(ids));
        assertTrue(ids.length <= 3, "' the cat' is a few tokens after training on it, got " + Arrays.toString(ids));
    }

    @Test
    void everyTextRoundTripsByteForByte() {
        var tok = train(String.join("\n", MixedCorpus.documents(200_000)), 1000);
        for (String text : List.of("", "plain ascii", "émoji 🐑👨‍👩‍👧 and CJK 漢字", "\r\n\t\u00A0\u3000",
                "never seen: Ꙭ ᚠᛇᚻ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "<|endoftext|> is plain text here")) {
            assertEquals(text, tok.decode(tok.encode(text)), text);
        }
        // the special token's spelling in a text is ordinary text, never the special token
        assertFalse(Arrays.stream(tok.encode("<|endoftext|>")).anyMatch(tok::isSpecial));
    }

    @Test
    void trainingIsDeterministicToTheByte(@TempDir Path dir) throws Exception {
        var docs = MixedCorpus.documents(300_000);
        var a = new BpeTrainer(800, 2, 1).train(docs, BpeTrainer.Progress.NONE, () -> false);
        var b = new BpeTrainer(800, 2, 2).train(docs, BpeTrainer.Progress.NONE, () -> false);
        TokenizerIO.save(a, dir.resolve("a.json"));
        TokenizerIO.save(b, dir.resolve("b.json"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.json")), Files.readAllBytes(dir.resolve("b.json")));
        assertEquals(a.hash(), b.hash());
    }

    @Test
    void savesAndLoadsAsHuggingFaceJson(@TempDir Path dir) throws Exception {
        var tok = train(TEXT, 290);
        Path file = dir.resolve("tokenizer.json");
        TokenizerIO.save(tok, file);
        var tree = dev.sheepop.common.Json.mapper().readTree(file.toFile());
        assertEquals("BPE", tree.path("model").path("type").asText());
        assertEquals("ByteLevel", tree.path("pre_tokenizer").path("type").asText());
        assertEquals(0, tree.path("model").path("vocab").path("<|endoftext|>").asInt(-1));
        assertEquals(1 + ' ', tree.path("model").path("vocab").path("Ġ").asInt(-1));
        assertEquals(tok.merges().size(), tree.path("model").path("merges").size());
        var loaded = TokenizerIO.load(file);
        assertEquals(tok.hash(), loaded.hash());
        assertArrayEquals(tok.encode(TEXT), loaded.encode(TEXT));
        assertEquals(0, loaded.eos());
    }

    @Test
    void refusesVocabulariesOutOfRangeAndTextTooSmall() {
        var low = assertThrows(ConfigException.class, () -> new BpeTrainer(256, 2));
        assertEquals("tokenizer.vocab_size", low.field());
        assertThrows(ConfigException.class, () -> new BpeTrainer(65_537, 2));
        var small = assertThrows(ConfigException.class, () -> train("tiny text", 1000));
        assertEquals("tokenizer.vocab_size", small.field());
        assertTrue(small.reason().contains("use vocab_size <= "), small.reason());
    }

    @Test
    void reportsProgressAndCanBeCancelled() {
        var phases = new ArrayList<String>();
        new BpeTrainer(280, 2, 1).train(List.of(TEXT), (phase, f) -> {
            if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) {
                phases.add(phase);
            }
        }, () -> false);
        assertEquals(List.of("counting", "merging"), phases);
        var calls = new AtomicInteger();
        assertThrows(CancellationException.class, () -> new BpeTrainer(280, 2, 1).train(List.of(TEXT),
                BpeTrainer.Progress.NONE, () -> calls.incrementAndGet() > 1));
    }

    @Test
    void streamsMultiByteCharactersOnlyWhenComplete() {
        var tok = train(TEXT, 260);
        int[] ids = tok.encode("a🐑b");   // the sheep is four byte tokens: nothing learned merges them
        assertEquals(6, ids.length);
        var stream = new TextStream(tok);
        var pieces = new ArrayList<String>();
        for (int id : ids) {
            pieces.add(stream.append(id));
        }
        assertEquals(List.of("a", "", "", "", "🐑", "b"), pieces);
        assertEquals("", stream.flush());
        var cut = new TextStream(tok);
        cut.append(ids[1]);
        assertTrue(cut.holdsBytes());
        assertEquals("\uFFFD", cut.flush());
        assertEquals("<0xF0>", tok.tokenText(ids[1]));
    }

    @Test
    void readsAGpt2StyleFileAndRefusesOtherKinds(@TempDir Path dir) throws Exception {
        var tok = train(TEXT, 290);
        Path file = dir.resolve("t.json");
        String json = HfTokenizerJson.write(tok);
        Files.writeString(file, json.replace("\"type\" : \"BPE\"", "\"type\" : \"WordPiece\""));
        var e = assertThrows(UserException.class, () -> TokenizerIO.load(file));
        assertTrue(e.getMessage().contains("WordPiece"), e.getMessage());
        Files.writeString(file, json.replace("\"normalizer\" : null", "\"normalizer\" : {\"type\" : \"NFC\"}"));
        e = assertThrows(UserException.class, () -> TokenizerIO.load(file));
        assertTrue(e.getMessage().contains("normalizer"), e.getMessage());
        // merges written as pairs (newer tokenizers versions) read the same
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) dev.sheepop.common.Json.mapper().readTree(json);
        var merges = (com.fasterxml.jackson.databind.node.ArrayNode) tree.path("model").path("merges");
        var pairs = dev.sheepop.common.Json.mapper().createArrayNode();
        merges.forEach(m -> pairs.addArray().add(m.asText().split(" ")[0]).add(m.asText().split(" ")[1]));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("model")).set("merges", pairs);
        Files.writeString(file, tree.toString());
        assertEquals(tok.hash(), TokenizerIO.load(file).hash());
    }
}
