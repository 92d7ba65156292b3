package dev.sheepop.export;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.cli.Cli;
import dev.sheepop.common.RunLayout;
import dev.sheepop.common.UserException;
import dev.sheepop.config.GptConfig;
import dev.sheepop.generate.GenerationListener;
import dev.sheepop.generate.Generator;
import dev.sheepop.generate.SamplingSettings;
import dev.sheepop.generate.TokenChoice;
import dev.sheepop.model.ParamNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Export of the shipped checkpoint as a Hugging Face GPT-2 folder, read back independently and imported again. */
class HfExportTest {
    private static final Path SAMPLE = Path.of("sample-data/checkpoint");

    /** An independent safetensors reader: the format's own rules, written from its description, not SafeTensors. */
    private static Map<String, float[]> readIndependently(Path file, Map<String, long[]> shapes) throws Exception {
        byte[] all = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header = new ObjectMapper().readTree(new String(all, 8, (int) n, StandardCharsets.UTF_8));
        var out = new java.util.LinkedHashMap<String, float[]>();
        long previousEnd = 0;
        for (var it = header.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            assertEquals("F32", e.getValue().get("dtype").asText(), e.getKey());
            long[] shape = new long[e.getValue().get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.getValue().get("shape").get(i).asLong();
            }
            shapes.put(e.getKey(), shape);
            long begin = e.getValue().get("data_offsets").get(0).asLong();
            long end = e.getValue().get("data_offsets").get(1).asLong();
            assertEquals(previousEnd, begin, "tensors back to back: " + e.getKey());
            previousEnd = end;
            var buf = ByteBuffer.wrap(all, (int) (8 + n + begin), (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            float[] v = new float[(int) ((end - begin) / 4)];
            buf.asFloatBuffer().get(v);
            out.put(e.getKey(), v);
        }
        assertEquals(all.length, 8 + n + previousEnd, "no bytes after the last tensor");
        return out;
    }

    @Test
    void theShippedModelExportsAsGpt2AndImportsBackToTheSameModel(@TempDir Path dir) throws Exception {
        var original = Checkpoints.load(SAMPLE);
        GptConfig c = original.config().model();
        Path hf = HfExport.export(original, dir.resolve("sample-hf"));

        // the safetensors file, read by the independent reader: GPT-2's names, shapes and the checkpoint's values
        var shapes = new java.util.LinkedHashMap<String, long[]>();
        var read = readIndependently(hf.resolve(HfExport.WEIGHTS), shapes);
        assertEquals(2 + c.numLayers() * 12 + 2, read.size(), "wte, wpe, 12 per block, ln_f (tied: no lm_head)");
        assertArrayEquals(new long[]{c.vocabSize(), c.dModel()}, shapes.get("transformer.wte.weight"));
        assertArrayEquals(new long[]{c.dModel(), 3L * c.dModel()}, shapes.get("transformer.h.0.attn.c_attn.weight"), "Conv1D: [in, out]");
        assertArrayEquals(new long[]{c.dFf(), c.dModel()}, shapes.get("transformer.h.3.mlp.c_proj.weight"));
        assertArrayEquals(original.weights().get(ParamNames.w1(2)).dup('c').data().asFloat(), read.get("transformer.h.2.mlp.c_fc.weight"));
        assertArrayEquals(original.weights().get(ParamNames.WPE).dup('c').data().asFloat(), read.get("transformer.wpe.weight"));
        float[] bias = read.get("transformer.h.1.attn.c_attn.bias");
        assertEquals(3 * c.dModel(), bias.length);
        assertTrue(allZero(bias), "the bias-free model's biases are zero");

        JsonNode config = new ObjectMapper().readTree(hf.resolve(HfExport.CONFIG).toFile());
        assertEquals("GPT2LMHeadModel", config.get("architectures").get(0).asText());
        assertEquals("quick_gelu", config.get("activation_function").asText(), "x·sigmoid(1.702x), as SameDiff's gelu");
        assertEquals(c.dFf(), config.get("n_inner").asInt());
        assertEquals(1e-5, config.get("layer_norm_epsilon").asDouble());
        assertTrue(config.get("tie_word_embeddings").asBoolean());
        assertTrue(Files.isRegularFile(hf.resolve(HfExport.GENERATION_CONFIG)));

        // the character tokenizer as a tokenizer.json that the Hugging Face library reads to the same ids
        String text = "ROMEO:\nWhat light through yonder window breaks? ☃ é";
        try (var theirs = HuggingFaceTokenizer.newInstance(hf.resolve(HfExport.TOKENIZER),
                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"))) {
            long[] ids = theirs.encode(text).getIds();
            int[] ours = original.tokenizer().encode(text);
            assertArrayEquals(Arrays.stream(ours).asLongStream().toArray(), ids);
            assertTrue(Arrays.stream(ours).anyMatch(id -> id == original.tokenizer().unk()), "the snowman is unknown to the model");
        }

        // imported back: the same config, weights and tokenizer, so the same logits and text
        Path back = HfImport.importModel(hf, dir.resolve("imported"));
        var imported = Checkpoints.load(back);
        assertEquals(c, imported.config().model());
        assertEquals(original.tokenizer().hash(), imported.tokenizer().hash());
        assertEquals(original.weights().keySet(), imported.weights().keySet());
        for (var e : original.weights().entrySet()) {
            assertArrayEquals(e.getValue().dup('c').data().asFloat(), imported.weights().get(e.getKey()).dup('c').data().asFloat(), e.getKey());
        }
        var a = tokens(Generator.open(original), "ROMEO:");
        var b = tokens(Generator.open(imported), "ROMEO:");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).id(), b.get(i).id());
            assertEquals(a.get(i).rawProbability(), b.get(i).rawProbability(), "logits identical: token " + i);
        }
        assertFalse(Files.exists(dir.resolve("sample-hf.partial")));
        assertFalse(Files.exists(dir.resolve("imported.partial")));
    }

    @Test
    void aSmallContextGeluTanhModelWithAnUntiedHeadRoundTrips(@TempDir Path dir) throws Exception {
        var tokenizer = dev.sheepop.tokenizer.CharTokenizer.fit("ROMEO: what light through yonder window breaks");
        var cfg = new GptConfig(tokenizer.vocabSize(), 16, 2, 2, 32, 32, 0.0, GptConfig.Activation.GELU_TANH,
                GptConfig.PositionalEncoding.SINUSOIDAL, false, false, GptConfig.NormPosition.PRE);
        var weights = new java.util.LinkedHashMap<String, org.nd4j.linalg.api.ndarray.INDArray>();
        var arrays = dev.sheepop.generate.DecoderWeights.randomArrays(cfg, 5);
        ParamNames.shapes(cfg).forEach((n, shape) -> weights.put(n, org.nd4j.linalg.factory.Nd4j.create(arrays.get(n), shape, 'c')));
        var sample = Checkpoints.load(SAMPLE);
        var model = new dev.sheepop.checkpoint.LoadedCheckpoint(dir.resolve("tiny"), sample.meta(),
                dev.sheepop.config.Presets.tiny().withModel(cfg), tokenizer, weights);
        Path hf = HfExport.export(model, dir.resolve("tiny-hf"));
        JsonNode config = new ObjectMapper().readTree(hf.resolve(HfExport.CONFIG).toFile());
        assertEquals("gelu_new", config.get("activation_function").asText());
        assertFalse(config.get("tie_word_embeddings").asBoolean());
        var back = Checkpoints.load(HfImport.importModel(hf, dir.resolve("back")));
        assertEquals(cfg, back.config().model(), "sinusoidal, untied, bias-free, context 32");
        assertEquals(32, back.config().data().maxLength(), "training windows fit the context (the defaults have 64)");
        for (var e : weights.entrySet()) {
            assertArrayEquals(e.getValue().dup('c').data().asFloat(), back.weights().get(e.getKey()).dup('c').data().asFloat(), e.getKey());
        }
    }

    private static List<TokenChoice> tokens(Generator g, String prompt) {
        var out = new ArrayList<TokenChoice>();
        g.generate(prompt, SamplingSettings.greedy(30), GenerationListener.withTokens(text -> { }, out::add), null);
        return out;
    }

    private static boolean allZero(float[] v) {
        for (float x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void whatGpt2CannotHoldAndBrokenFilesAreRefusedNamingTheCause(@TempDir Path dir) throws Exception {
        var original = Checkpoints.load(SAMPLE);
        var m = original.config().model();
        var post = new GptConfig(m.vocabSize(), m.dModel(), m.numLayers(), m.numHeads(), m.dFf(), m.maxSeqLen(), 0, m.activation(),
                m.positionalEncoding(), m.tieEmbeddings(), m.bias(), GptConfig.NormPosition.POST);
        var e = assertThrows(UserException.class, () -> HfExport.check(post));
        assertTrue(e.getMessage().startsWith("Cannot export a post-LayerNorm model"), e.getMessage());

        Path hf = HfExport.export(original, dir.resolve("hf"));
        e = assertThrows(UserException.class, () -> HfExport.export(original, dir.resolve("hf")));
        assertTrue(e.getMessage().startsWith("Export folder exists already: "), e.getMessage());

        // a truncated copy: the tensor that runs past the end is named
        Path cut = dir.resolve("cut");
        copy(hf, cut);
        byte[] bytes = Files.readAllBytes(cut.resolve(HfExport.WEIGHTS));
        Files.write(cut.resolve(HfExport.WEIGHTS), Arrays.copyOf(bytes, bytes.length - 100));
        e = assertThrows(UserException.class, () -> HfImport.importModel(cut, dir.resolve("x")));
        assertTrue(e.getMessage().contains("is truncated: tensor transformer.ln_f.bias ends at byte"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x")), "nothing written");

        // a missing tensor, and a mis-shaped one
        var tensors = new java.util.LinkedHashMap<>(SafeTensors.read(hf.resolve(HfExport.WEIGHTS)));
        Path missing = dir.resolve("missing");
        copy(hf, missing);
        tensors.remove("transformer.h.2.mlp.c_fc.weight");
        SafeTensors.write(missing.resolve(HfExport.WEIGHTS), tensors, Map.of());
        e = assertThrows(UserException.class, () -> HfImport.importModel(missing, dir.resolve("x")));
        assertTrue(e.getMessage().endsWith("tensor transformer.h.2.mlp.c_fc.weight is missing"), e.getMessage());
        tensors = new java.util.LinkedHashMap<>(SafeTensors.read(hf.resolve(HfExport.WEIGHTS)));
        tensors.put("transformer.h.0.ln_1.weight", new SafeTensors.Tensor(new float[3], new long[]{3}));
        Path shaped = dir.resolve("shaped");
        copy(hf, shaped);
        SafeTensors.write(shaped.resolve(HfExport.WEIGHTS), tensors, Map.of());
        e = assertThrows(UserException.class, () -> HfImport.importModel(shaped, dir.resolve("x")));
        assertTrue(e.getMessage().endsWith("tensor transformer.h.0.ln_1.weight has shape [3], the config says [64]"), e.getMessage());

        // an activation SheepOp does not compute
        Path act = dir.resolve("act");
        copy(hf, act);
        Files.writeString(act.resolve(HfExport.CONFIG), Files.readString(hf.resolve(HfExport.CONFIG)).replace("quick_gelu", "gelu"));
        e = assertThrows(UserException.class, () -> HfImport.importModel(act, dir.resolve("x")));
        assertTrue(e.getMessage().endsWith("activation_function 'gelu' has no SheepOp equivalent (quick_gelu, gelu_new or relu)"), e.getMessage());
    }

    private static void copy(Path from, Path to) throws Exception {
        dev.sheepop.common.FileTrees.copy(from, to);
    }

    @Test
    void theCommandsExportAndImportAndRejectUnknownFormats(@TempDir Path dir) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(Cli.OK, cli.execute("export", "--format", "hf", "--checkpoint", SAMPLE.toString(), "--out",
                dir.resolve("hf").toString()), err.toString());
        assertTrue(out.toString().startsWith("Exported sample-data/checkpoint (hf) to "), out.toString());
        assertEquals(Cli.OK, cli.execute("import", "--format", "hf", dir.resolve("hf").toString(), "--out",
                dir.resolve("back").toString()), err.toString());
        assertTrue(Files.isRegularFile(dir.resolve("back").resolve("checkpoints/imported").resolve(RunLayout.META)));
        assertEquals(List.of(0L), Checkpoints.list(dir.resolve("back")).stream().map(x -> x.step()).toList(),
                "listed as a run's checkpoint, as the browser lists runs/");
        // training goes on from the imported weights: a fresh optimizer at step 0, and it says so
        assertEquals(Cli.OK, cli.execute("train", "--resume", dir.resolve("back").toString(), "--data",
                "sample-data/tinyshakespeare.txt", "--max-steps", "3", "--out", dir.resolve("run").toString()), err.toString());
        assertTrue(err.toString().contains("Weights only: "), err.toString());
        var trained = Checkpoints.list(dir.resolve("run"));
        assertTrue(trained.stream().anyMatch(x -> x.step() == 3), trained.toString());
        assertEquals(Cli.USAGE, cli.execute("export", "--format", "onnx", "--checkpoint", SAMPLE.toString(), "--out",
                dir.resolve("o").toString()));
        assertTrue(err.toString().contains("--format"), err.toString());
        assertEquals(Cli.FAILED, cli.execute("export", "--format", "hf", "--checkpoint", SAMPLE.toString(), "--out",
                dir.resolve("hf").toString()));
    }
}
