package dev.sheepop.data;

import dev.sheepop.config.TokenizerConfig;
import dev.sheepop.tokenizer.BpeTokenizer;
import dev.sheepop.tokenizer.BpeTrainer;
import dev.sheepop.tokenizer.CharTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingDataTest {
    private static final double LN2 = Math.log(2);

    @Test
    void splitsTheTextByCharactersAndCutsTheDocumentThatHoldsTheCut() {
        var split = TextSplit.of(List.of("abcdef", "ghij"), 0.3);   // 10 characters: the first 7 train
        assertEquals(List.of("abcdef", "g"), split.train());
        assertEquals(List.of("hij"), split.val());
        var emoji = TextSplit.of(List.of("a🐑b"), 0.5);              // never between the halves of 🐑
        assertEquals(List.of("a🐑"), emoji.train());
        assertEquals(List.of("b"), emoji.val());
    }

    @Test
    void bitsPerCharacterOfCharacterTokensCountsCodePointsAndNotEndOfTextTokens() {
        // validation part: "cd", "é🐑" → tokens c d <eos> é 🐑 (5), characters c d é 🐑 (4)
        var corpus = new Corpus(List.of("abab", "cd", "é🐑"), "h", "test");
        var data = TrainingData.of(corpus, CharTokenizer.fit(corpus.documents()), 5.0 / 9);   // 9 UTF-16 units: the first 4 train
        assertEquals(List.of(5), List.of(data.val().length));
        assertEquals(4, data.valChars());
        assertEquals(0.8, data.charsPerToken(), 1e-12);
        assertEquals(1.0 / LN2 / 0.8, data.bitsPerChar(1.0), 1e-12);   // 1 nat per token = 1.803 bits per character
        assertEquals(CharTokenizer.EOS, data.val()[2]);
    }

    @Test
    void bitsPerCharacterOfBpeTokensUsesTheCharactersEachTokenCovers() {
        String train = "cdcd cdcd cdcd ".repeat(40);
        var corpus = new Corpus(List.of(train + "cdcd"), "h", "test");
        double fraction = 4.0 / corpus.characters();
        var data = TrainingData.prepare(corpus, TokenizerConfig.bpe(260), fraction, BpeTrainer.Progress.NONE, () -> false);
        // the merges made "cd" and then "cdcd": the validation text "cdcd" is one token of four characters
        assertEquals(1, data.val().length);
        assertEquals(4, data.valChars());
        assertEquals(2.0 / LN2 / 4, data.bitsPerChar(2.0), 1e-12);
    }

    @Test
    void mergesAreLearnedFromTheTrainingPartOnly() {
        String train = "the cat sat on the mat. ".repeat(200);
        String val = "zqzqzqzq xjxjxjxj ".repeat(200);
        var corpus = new Corpus(List.of(train, val), "h", "test");
        double fraction = (double) val.length() / (train.length() + val.length());
        var data = TrainingData.prepare(corpus, TokenizerConfig.bpe(265), fraction, BpeTrainer.Progress.NONE, () -> false);
        var tok = (BpeTokenizer) data.tokenizer();
        assertEquals(2, tok.encode("zq").length, "a pair seen only in the validation text is never merged");
        assertTrue(tok.encode("the cat sat on the mat. ").length <= 16, "pairs of the training text are merged");
        assertTrue(val.equals(tok.decode(data.val())), "the validation part is exactly the second document");
    }

    @Test
    void aDatasetFolderCachesTheLearnedTokenizerAndTheTokenIds(@TempDir Path dataset) throws Exception {
        String text = Files.readString(Path.of("sample-data/tinyshakespeare.txt")).substring(0, 60_000);
        var corpus = new Corpus(List.of(text), "corpus-1", "test", dataset);
        var phases = new ArrayList<String>();
        var first = TrainingData.prepare(corpus, TokenizerConfig.bpe(400), 0.1, (p, f) -> phases.add(p), () -> false);
        assertTrue(phases.contains("merging"));
        List<String> files;
        try (Stream<Path> list = Files.list(dataset.resolve("tokens"))) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(3, files.size(), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.startsWith("bpe-") && f.endsWith(".json")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.endsWith("-train.bin")), files.toString());
        phases.clear();
        var second = TrainingData.prepare(corpus, TokenizerConfig.bpe(400), 0.1, (p, f) -> phases.add(p), () -> false);
        assertFalse(phases.contains("merging"), "the second run reads the learned tokenizer: " + phases);
        assertEquals(first.tokenizer().hash(), second.tokenizer().hash());
        assertArrayEquals(first.train(), second.train());
        assertArrayEquals(first.val(), second.val());
        // a damaged cache file is recomputed, not trusted
        Path ids = dataset.resolve("tokens").resolve(files.stream().filter(f -> f.endsWith("-val.bin")).findFirst().orElseThrow());
        Files.write(ids, new byte[]{1, 2, 3});
        assertArrayEquals(first.val(), TrainingData.prepare(corpus, TokenizerConfig.bpe(400), 0.1, (p, f) -> { }, () -> false).val());
    }
}
