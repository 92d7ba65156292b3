package dev.sheepop.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheepop.checkpoint.CheckpointMeta;
import dev.sheepop.checkpoint.TensorFile;
import dev.sheepop.common.AtomicWrite;
import dev.sheepop.common.Json;
import dev.sheepop.common.RunLayout;
import dev.sheepop.common.UserException;
import dev.sheepop.config.ConfigIO;
import dev.sheepop.config.GptConfig;
import dev.sheepop.config.RunConfig;
import dev.sheepop.config.TokenizerConfig;
import dev.sheepop.model.GptGraph;
import dev.sheepop.model.ParamNames;
import dev.sheepop.tokenizer.CharTokenizer;
import dev.sheepop.tokenizer.Tokenizer;
import dev.sheepop.tokenizer.TokenizerIO;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a Hugging Face GPT-2 model folder ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json};
 * for example one exported here and trained further with PyTorch) as a workbench checkpoint: weights, config and
 * tokenizer, no optimizer state. Zero biases become a bias-free model and a wpe table equal to the sinusoidal one
 * becomes sinusoidal positions, so an export imports back to the same model. Anything SheepOp cannot compute the
 * same way is refused, naming the field or tensor.
 */
public final class HfImport {
    private HfImport() {
    }

    /** Reads the folder {@code hf} and writes a checkpoint folder {@code out} (which must not exist); returns it. */
    public static Path importModel(Path hf, Path out) {
        if (Files.exists(out)) {
            throw new UserException("Checkpoint folder exists already: " + out + " (choose a new one)");
        }
        GptConfig shape = config(hf.resolve(HfExport.CONFIG));
        Tokenizer tokenizer = tokenizer(hf.resolve(HfExport.TOKENIZER));
        Path weightsFile = hf.resolve(HfExport.WEIGHTS);
        if (!Files.isRegularFile(weightsFile)) {
            throw new UserException("No " + HfExport.WEIGHTS + " in " + hf);
        }
        var tensors = SafeTensors.read(weightsFile);
        var weights = weights(shape, tensors, weightsFile);
        GptConfig config = detect(shape, weights);
        if (tokenizer.vocabSize() > config.vocabSize()) {
            throw new UserException(hf.resolve(HfExport.TOKENIZER) + " has " + tokenizer.vocabSize()
                    + " tokens, more than the model's vocab_size " + config.vocabSize());
        }
        var defaults = RunConfig.defaults();
        var d = defaults.data();
        int window = Math.min(d.maxLength(), config.maxSeqLen());       // training windows fit the imported context
        var data = new dev.sheepop.config.DataConfig(d.dataDir(), window, Math.min(d.stride(), window), d.numWorkers(),
                d.valFraction(), d.sampling(), d.minLineLength(), d.ocr());
        var run = new RunConfig(config, tokenizer instanceof CharTokenizer ? TokenizerConfig.chars()
                : new TokenizerConfig(TokenizerConfig.Type.BPE, tokenizer.vocabSize(), 2, null), defaults.training(), data,
                defaults.device(), defaults.seed());
        var meta = new CheckpointMeta(CheckpointMeta.FORMAT_VERSION, "imported", 0, 0, null, null, null,
                Instant.now().toString(), tokenizer.hash(), "", config.parameterCount(), 0, null, null, null);
        try {
            return AtomicWrite.create(out, tmp -> {
                Files.createDirectories(tmp);
                ConfigIO.write(run, tmp.resolve(RunLayout.CONFIG));
                TokenizerIO.save(tokenizer, tmp.resolve(RunLayout.TOKENIZER));
                TensorFile.write(tmp.resolve(RunLayout.WEIGHTS), weights);
                Files.writeString(tmp.resolve(RunLayout.METRICS), "");
                Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(RunLayout.META).toFile(), meta);
            });
        } catch (IOException e) {
            throw new UserException("Cannot write the checkpoint " + out + ": " + e.getMessage());
        }
    }

    /** The model's shape from a GPT-2 config.json (biases and positions are decided by the weights). */
    static GptConfig config(Path file) {
        JsonNode n = readJson(file);
        if (n == null || !n.isObject()) {
            throw new UserException(file + " is not a JSON object");
        }
        String type = n.path("model_type").asText("");
        if (!type.equals("gpt2")) {
            throw new UserException(file + ": model_type is '" + type + "', only GPT-2 models (gpt2) can be imported");
        }
        int embd = required(n, file, "n_embd");
        String act = n.path("activation_function").asText("gelu_new");
        GptConfig.Activation activation = Gpt2Layout.activation(act);
        if (activation == null) {
            throw new UserException(file + ": activation_function '" + act + "' has no SheepOp equivalent (quick_gelu, gelu_new or relu)");
        }
        double eps = n.path("layer_norm_epsilon").asDouble(1e-5);
        if (Math.abs(eps - ParamNames.LAYER_NORM_EPS) > 1e-12) {
            throw new UserException(file + ": layer_norm_epsilon " + eps + " differs from SheepOp's " + ParamNames.LAYER_NORM_EPS);
        }
        int inner = n.hasNonNull("n_inner") ? n.get("n_inner").asInt() : 4 * embd;
        return new GptConfig(required(n, file, "vocab_size"), embd, required(n, file, "n_layer"), required(n, file, "n_head"),
                inner, required(n, file, "n_positions"), 0.0, activation, GptConfig.PositionalEncoding.LEARNED,
                n.path("tie_word_embeddings").asBoolean(true), true, GptConfig.NormPosition.PRE);
    }

    private static int required(JsonNode n, Path file, String key) {
        if (!n.path(key).canConvertToInt() || n.path(key).asInt() <= 0) {
            throw new UserException(file + ": " + key + " missing or not a positive integer");
        }
        return n.get(key).asInt();
    }

    static Tokenizer tokenizer(Path file) {
        JsonNode root = readJson(file);
        if (root != null && "WordLevel".equals(root.path("model").path("type").asText())) {
            return charTokenizer(root, file);
        }
        return TokenizerIO.load(file);
    }

    private static JsonNode readJson(Path file) {
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UserException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A character tokenizer written by {@link HfExport}: the specials first, then one character per id, in order. */
    private static CharTokenizer charTokenizer(JsonNode root, Path file) {
        var vocab = root.path("model").path("vocab");
        String[] byId = new String[vocab.size()];
        vocab.fields().forEachRemaining(e -> {
            int id = e.getValue().asInt(-1);
            if (id < 0 || id >= byId.length) {
                throw new UserException(file + ": token '" + e.getKey() + "' has id " + id + " outside the vocabulary");
            }
            byId[id] = e.getKey();
        });
        for (int id = 0; id < CharTokenizer.SPECIAL_TOKENS.size(); id++) {
            if (!CharTokenizer.SPECIAL_TOKENS.get(id).equals(byId[id])) {
                throw new UserException(file + ": a word-level tokenizer SheepOp reads has " + CharTokenizer.SPECIAL_TOKENS
                        + " as ids 0-3");
            }
        }
        List<String> chars = new ArrayList<>(Arrays.asList(byId).subList(CharTokenizer.SPECIAL_TOKENS.size(), byId.length));
        var tokenizer = CharTokenizer.ofCharacters(chars);
        for (int id = CharTokenizer.SPECIAL_TOKENS.size(); id < byId.length; id++) {
            if (!byId[id].equals(tokenizer.tokenText(id))) {
                throw new UserException(file + ": characters are not in code point order at id " + id);
            }
        }
        return tokenizer;
    }

    /** SheepOp's weights from GPT-2's tensors: every tensor present with its shape, or an error naming it. */
    static Map<String, INDArray> weights(GptConfig c, Map<String, SafeTensors.Tensor> tensors, Path file) {
        var out = new LinkedHashMap<String, INDArray>();
        var expected = ParamNames.shapes(c);
        for (var e : Gpt2Layout.names(c).entrySet()) {
            String hf = e.getKey();
            String ours = e.getValue();
            var t = tensors.get(hf);
            if (t == null) {
                throw new UserException(file + ": tensor " + hf + " is missing");
            }
            long[] want = ours.equals(ParamNames.HEAD_W) ? new long[]{c.vocabSize(), c.dModel()} : expected.get(ours);
            if (!Arrays.equals(want, t.shape())) {
                throw new UserException(file + ": tensor " + hf + " has shape " + Arrays.toString(t.shape()) + ", the config says "
                        + Arrays.toString(want));
            }
            INDArray a = Nd4j.create(t.data(), t.shape(), 'c');
            out.put(ours, ours.equals(ParamNames.HEAD_W) ? a.transpose().dup('c') : a);
        }
        return out;
    }

    /** Biases and positions as the weights say: all-zero biases → a bias-free model; a sinusoidal wpe → sinusoidal. */
    static GptConfig detect(GptConfig c, Map<String, INDArray> weights) {
        var biases = new java.util.HashSet<>(ParamNames.shapes(c.withBias(true)).keySet());
        biases.removeAll(ParamNames.shapes(c.withBias(false)).keySet());
        boolean anyBias = weights.entrySet().stream().filter(e -> biases.contains(e.getKey()))
                .anyMatch(e -> e.getValue().amaxNumber().doubleValue() != 0);
        if (!anyBias) {
            weights.keySet().removeAll(biases);
        }
        INDArray wpe = weights.get(ParamNames.WPE);
        boolean sinusoidal = wpe != null && wpe.equalsWithEps(GptGraph.sinusoidal(c.maxSeqLen(), c.dModel())
                .castTo(wpe.dataType()), 1e-6);
        if (sinusoidal) {
            weights.remove(ParamNames.WPE);
        }
        return new GptConfig(c.vocabSize(), c.dModel(), c.numLayers(), c.numHeads(), c.dFf(), c.maxSeqLen(), c.dropout(),
                c.activation(), sinusoidal ? GptConfig.PositionalEncoding.SINUSOIDAL : GptConfig.PositionalEncoding.LEARNED,
                c.tieEmbeddings(), anyBias, c.normPosition());
    }
}
