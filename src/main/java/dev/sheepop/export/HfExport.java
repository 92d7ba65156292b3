package dev.sheepop.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheepop.checkpoint.LoadedCheckpoint;
import dev.sheepop.common.AtomicWrite;
import dev.sheepop.common.Json;
import dev.sheepop.common.UserException;
import dev.sheepop.config.GptConfig;
import dev.sheepop.generate.SamplingSettings;
import dev.sheepop.model.GptGraph;
import dev.sheepop.model.ParamNames;
import dev.sheepop.tokenizer.BpeTokenizer;
import dev.sheepop.tokenizer.CharTokenizer;
import dev.sheepop.tokenizer.HfTokenizerJson;
import dev.sheepop.tokenizer.Tokenizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exports a checkpoint as a Hugging Face GPT-2 model folder: {@code model.safetensors} (GPT-2's names and layouts),
 * {@code config.json} ({@code GPT2LMHeadModel}), {@code generation_config.json} and {@code tokenizer.json}.
 * Sinusoidal positions are written as the wpe table (the sum is the same); bias-free layers get zero biases. A
 * model GPT-2 cannot express is refused with the reason. The folder is written under a temporary name, then renamed:
 * nothing half-written is left behind.
 */
public final class HfExport {
    public static final String WEIGHTS = "model.safetensors";
    public static final String CONFIG = "config.json";
    public static final String GENERATION_CONFIG = "generation_config.json";
    public static final String TOKENIZER = "tokenizer.json";

    private HfExport() {
    }

    /** Writes the export of {@code checkpoint} to {@code out} (which must not exist yet); returns {@code out}. */
    public static Path export(LoadedCheckpoint checkpoint, Path out) {
        GptConfig c = checkpoint.config().model();
        check(c);
        if (Files.exists(out)) {
            throw new UserException("Export folder exists already: " + out + " (choose a new one)");
        }
        try {
            return AtomicWrite.create(out, tmp -> {
                Files.createDirectories(tmp);
                SafeTensors.write(tmp.resolve(WEIGHTS), tensors(c, checkpoint.weights()),
                        Map.of("format", "pt", "exported_by", "SheepOp Workbench"));
                Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(CONFIG).toFile(), config(c, checkpoint.tokenizer()));
                Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(GENERATION_CONFIG).toFile(),
                        generationConfig(checkpoint.tokenizer()));
                Files.writeString(tmp.resolve(TOKENIZER), tokenizerJson(checkpoint.tokenizer()), StandardCharsets.UTF_8);
            });
        } catch (IOException e) {
            throw new UserException("Cannot write the export to " + out + ": " + e.getMessage());
        }
    }

    /** Refuses a model GPT-2's layout cannot hold, naming why. */
    static void check(GptConfig c) {
        if (c.normPosition() == GptConfig.NormPosition.POST) {
            throw new UserException("Cannot export a post-LayerNorm model (norm_position \"post\") as GPT-2: GPT-2 normalises "
                    + "before attention and the MLP (pre-LN)");
        }
        if (!c.tieEmbeddings() && c.bias()) {
            throw new UserException("Cannot export an untied head with a bias as GPT-2: GPT-2's lm_head has no bias");
        }
    }

    /** The GPT-2 tensors of a SheepOp model, in GPT-2's order. */
    static Map<String, SafeTensors.Tensor> tensors(GptConfig c, Map<String, INDArray> weights) {
        var out = new LinkedHashMap<String, SafeTensors.Tensor>();
        Map<String, long[]> withBiases = ParamNames.shapes(c.withBias(true));
        for (var e : Gpt2Layout.names(c).entrySet()) {
            String ours = e.getValue();
            INDArray w = weights.get(ours);
            if (ours.equals(ParamNames.WPE) && w == null) {
                w = GptGraph.sinusoidal(c.maxSeqLen(), c.dModel());           // the sum x + PE is the same
            } else if (ours.equals(ParamNames.HEAD_W)) {
                w = w.transpose();                                              // Linear: [vocab, embd]
            } else if (w == null && e.getKey().endsWith(".bias")) {
                w = org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, withBiases.get(ours));  // a bias-free layer: zero biases
            }
            if (w == null) {
                throw new UserException("The checkpoint has no weight " + ours + " (GPT-2's " + e.getKey() + ")");
            }
            INDArray f = w.castTo(DataType.FLOAT).dup('c');
            out.put(e.getKey(), new SafeTensors.Tensor(f.data().asFloat(), f.shape()));
        }
        return out;
    }

    static ObjectNode config(GptConfig c, Tokenizer tokenizer) {
        var n = Json.mapper().createObjectNode();
        n.putArray("architectures").add("GPT2LMHeadModel");
        n.put("model_type", "gpt2");
        n.put("vocab_size", c.vocabSize());
        n.put("n_positions", c.maxSeqLen());
        n.put("n_ctx", c.maxSeqLen());
        n.put("n_embd", c.dModel());
        n.put("n_layer", c.numLayers());
        n.put("n_head", c.numHeads());
        n.put("n_inner", c.dFf());
        n.put("activation_function", Gpt2Layout.activation(c.activation()));
        n.put("layer_norm_epsilon", ParamNames.LAYER_NORM_EPS);
        n.put("tie_word_embeddings", c.tieEmbeddings());
        n.put("resid_pdrop", 0.0);
        n.put("embd_pdrop", 0.0);
        n.put("attn_pdrop", 0.0);
        n.put("scale_attn_weights", true);
        n.put("bos_token_id", tokenizer.bos());
        n.put("eos_token_id", tokenizer.eos());
        n.put("torch_dtype", "float32");
        return n;
    }

    static ObjectNode generationConfig(Tokenizer tokenizer) {
        var d = SamplingSettings.defaults();
        var n = Json.mapper().createObjectNode();
        n.put("bos_token_id", tokenizer.bos());
        n.put("eos_token_id", tokenizer.eos());
        n.put("do_sample", true);
        n.put("temperature", d.temperature());
        n.put("top_k", d.topK());
        n.put("top_p", d.topP());
        n.put("max_new_tokens", d.maxNewTokens());
        return n;
    }

    /** The tokenizer as a Hugging Face tokenizer.json: BPE as it is; characters as an equivalent word-level file. */
    static String tokenizerJson(Tokenizer tokenizer) {
        if (tokenizer instanceof BpeTokenizer bpe) {
            return HfTokenizerJson.write(bpe);
        }
        if (tokenizer instanceof CharTokenizer chars) {
            return charTokenizerJson(chars);
        }
        throw new UserException("Cannot export a tokenizer of type " + tokenizer.type());
    }

    /**
     * A character tokenizer as Hugging Face writes one: every code point is its own piece (a Split pre-tokenizer),
     * looked up in a word-level vocabulary (unknown characters become {@code <unk>}), pieces joined back as they are
     * (the Fuse decoder). The special tokens keep their ids.
     */
    static String charTokenizerJson(CharTokenizer chars) {
        var root = Json.mapper().createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        var added = root.putArray("added_tokens");
        for (int id = 0; id < CharTokenizer.SPECIAL_TOKENS.size(); id++) {
            HfTokenizerJson.addSpecialToken(added, id, CharTokenizer.SPECIAL_TOKENS.get(id));
        }
        root.putNull("normalizer");
        var pre = root.putObject("pre_tokenizer");
        pre.put("type", "Split");
        pre.putObject("pattern").put("Regex", "[\\s\\S]");
        pre.put("behavior", "Isolated");
        pre.put("invert", false);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "Fuse");
        var model = root.putObject("model");
        model.put("type", "WordLevel");
        var vocab = model.putObject("vocab");
        for (int id = 0; id < chars.vocabSize(); id++) {
            vocab.put(chars.isSpecial(id) ? CharTokenizer.SPECIAL_TOKENS.get(id) : chars.tokenText(id), id);
        }
        model.put("unk_token", CharTokenizer.SPECIAL_TOKENS.get(CharTokenizer.UNK));
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
