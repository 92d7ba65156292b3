package dev.sheepop.train;

import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.common.UserException;
import dev.sheepop.config.TokenizerConfig;
import dev.sheepop.data.Corpus;
import dev.sheepop.data.TrainingData;
import dev.sheepop.generate.CachedDecoder;
import dev.sheepop.generate.DecoderWeights;
import dev.sheepop.generate.GenerationListener;
import dev.sheepop.generate.Generator;
import dev.sheepop.generate.SamplingSettings;
import dev.sheepop.model.GptModel;
import dev.sheepop.tokenizer.BpeTokenizer;
import dev.sheepop.tokenizer.BpeTrainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole run with a BPE tokenizer: train, checkpoint, load, generate on both paths, resume. */
class BpeRunTest {
    @TempDir
    static Path tmp;
    static Corpus corpus;
    static TrainingData data;
    static TrainResult result;

    @BeforeAll
    static void train() throws Exception {
        String text = Files.readString(Path.of("sample-data/tinyshakespeare.txt")).substring(0, 60_000)
                + "\nCafé crème, naïve piñata: 🐑🐑 and 東京 🐑.\n".repeat(30);
        corpus = new Corpus(List.of(text), "bpe-corpus", "test");
        data = TrainingData.prepare(corpus, TokenizerConfig.bpe(400), 0.1, BpeTrainer.Progress.NONE, () -> false);
        var config = TrainerTest.config(40, 1, 8).withTokenizer(TokenizerConfig.bpe(400));
        result = new Trainer(config, data, tmp.resolve("run"), e -> { }).run();
    }

    @Test
    void theCheckpointHoldsTheBpeTokenizerAndAModelSizedByIt() {
        assertEquals(TrainResult.Status.COMPLETED, result.status());
        var ckpt = Checkpoints.load(tmp.resolve("run"));
        var tok = assertInstanceOf(BpeTokenizer.class, ckpt.tokenizer());
        assertEquals(data.tokenizer().hash(), tok.hash());
        assertEquals(400, ckpt.config().model().vocabSize());
        assertEquals(400, ckpt.weights().get("wte").shape()[0]);
        assertEquals(TokenizerConfig.Type.BPE, ckpt.config().tokenizer().type());
        assertTrue(ckpt.meta().bitsPerChar() > 0 && ckpt.meta().bitsPerChar() < 8, "bits/char " + ckpt.meta().bitsPerChar());
        assertEquals(data.charsPerToken(), ckpt.meta().charsPerToken(), 1e-12);
        assertTrue(data.charsPerToken() > 1.2, "BPE tokens cover several characters: " + data.charsPerToken());
    }

    @Test
    void theCachedDecoderMatchesTheGraphOnTheBpeModel() {
        var ckpt = Checkpoints.load(tmp.resolve("run"));
        var cfg = ckpt.config().model();
        int[] all = ckpt.tokenizer().encode("ROMEO: Café 🐑 東京, my lord?");
        int[] tokens = java.util.Arrays.copyOf(all, Math.min(all.length, cfg.maxSeqLen()));
        INDArray expected;
        try (var model = GptModel.fromWeights(cfg, ckpt.weights())) {
            expected = model.logits(tokens);
        }
        var decoder = new CachedDecoder(DecoderWeights.fromNd4j(cfg, ckpt.weights()));
        for (int p = 0; p < tokens.length; p++) {
            float[] got = p == 0 ? decoder.prefill(new int[]{tokens[0]}) : decoder.step(tokens[p]);
            for (int k = 0; k < cfg.vocabSize(); k++) {
                assertEquals(expected.getDouble(p, k), got[k], 1e-4, "position " + p + " token " + k);
            }
        }
    }

    @Test
    void generationStreamsWholeCharactersAndBothPathsAgree() {
        var generator = Generator.open(tmp.resolve("run"));
        for (double temperature : new double[]{0.0, 1.5}) {
            var texts = new ArrayList<String>();
            for (boolean cached : new boolean[]{true, false}) {
                var pieces = new ArrayList<String>();
                GenerationListener listener = pieces::add;
                var settings = SamplingSettings.defaults().withMaxNewTokens(60).withTemperature(temperature).withSeed(3)
                        .withCache(cached);
                var r = generator.generate("Café 🐑", settings, listener, null);
                assertEquals(r.text(), String.join("", pieces), "the streamed pieces add up to the text");
                for (String piece : pieces) {
                    assertFalse(!piece.isEmpty() && Character.isLowSurrogate(piece.charAt(0)), "a piece starts mid-character");
                    assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)), "a piece ends mid-character");
                }
                texts.add(r.text());
            }
            assertEquals(texts.get(0), texts.get(1), "cached and standard paths, temperature " + temperature);
        }
    }

    @Test
    void resumingNeedsTheSameTokenizer() {
        var ckpt = Checkpoints.load(tmp.resolve("run"));
        var same = TrainingData.of(corpus, ckpt.tokenizer(), 0.1);
        var resumed = Trainer.resume(tmp.resolve("run"), same, e -> { }, t -> t.withMaxSteps(50)).run();
        assertEquals(50, resumed.steps());
        var other = TrainingData.prepare(corpus, TokenizerConfig.bpe(300), 0.1, BpeTrainer.Progress.NONE, () -> false);
        var e = assertThrows(UserException.class, () -> Trainer.resume(tmp.resolve("run"), other, ev -> { }));
        assertTrue(e.getMessage().contains("tokenizer"), e.getMessage());
    }
}
