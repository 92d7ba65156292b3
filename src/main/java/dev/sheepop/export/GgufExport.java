package dev.sheepop.export;

import dev.sheepop.checkpoint.LoadedCheckpoint;
import dev.sheepop.common.AtomicWrite;
import dev.sheepop.common.UserException;
import dev.sheepop.config.GptConfig;
import dev.sheepop.model.ParamNames;
import dev.sheepop.tokenizer.BpeTokenizer;
import dev.sheepop.tokenizer.ByteLevel;
import dev.sheepop.tokenizer.CharTokenizer;
import dev.sheepop.tokenizer.Tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exports a checkpoint as one GGUF file for llama.cpp's {@code gpt2} architecture (LM Studio, Ollama and every tool
 * built on llama.cpp read it): GPT-2's metadata keys and tensor names, weights in F32 or F16 (norms, biases and
 * embeddings stay F32 in both), the tokenizer as GPT-2 byte-level BPE tokens and merges. llama.cpp's GPT-2 computes
 * the tanh GELU, so only models trained with {@code "activation": "gelu_tanh"} can be expressed; a character model
 * can, when every character is one byte of UTF-8 (its tokens are then byte-level tokens without merges). Anything
 * else is refused with the reason. Written under a temporary name, then renamed.
 */
public final class GgufExport {
    private GgufExport() {
    }

    /** Writes the GGUF of {@code checkpoint} to {@code out} (a file that must not exist); {@code f16}: F16 weights. */
    public static Path export(LoadedCheckpoint checkpoint, Path out, boolean f16) {
        GptConfig c = checkpoint.config().model();
        HfExport.check(c);
        if (c.activation() != GptConfig.Activation.GELU_TANH) {
            throw new UserException("Cannot export this model as GGUF: llama.cpp's GPT-2 computes the tanh GELU, and this model "
                    + "was trained with activation '" + c.activation().json() + "'. Train with \"activation\": \"gelu_tanh\" "
                    + "to export GGUF (the Hugging Face export works for every activation)");
        }
        var vocab = vocabulary(checkpoint.tokenizer());
        if (Files.exists(out)) {
            throw new UserException("Export file exists already: " + out + " (choose a new name)");
        }
        var w = new GgufWriter();
        w.put("general.architecture", "gpt2");
        w.put("general.name", checkpoint.dir().getFileName().toString());
        w.put("general.file_type", new GgufWriter.U32(f16 ? 1 : 0));
        w.put("gpt2.context_length", new GgufWriter.U32(c.maxSeqLen()));
        w.put("gpt2.embedding_length", new GgufWriter.U32(c.dModel()));
        w.put("gpt2.feed_forward_length", new GgufWriter.U32(c.dFf()));
        w.put("gpt2.block_count", new GgufWriter.U32(c.numLayers()));
        w.put("gpt2.attention.head_count", new GgufWriter.U32(c.numHeads()));
        w.put("gpt2.attention.layer_norm_epsilon", (float) ParamNames.LAYER_NORM_EPS);
        w.put("tokenizer.ggml.model", "gpt2");
        w.put("tokenizer.ggml.pre", "gpt-2");
        w.put("tokenizer.ggml.tokens", vocab.tokens());
        w.put("tokenizer.ggml.token_type", vocab.types());
        w.put("tokenizer.ggml.merges", vocab.merges());
        Tokenizer t = checkpoint.tokenizer();
        w.put("tokenizer.ggml.bos_token_id", new GgufWriter.U32(t.bos()));
        w.put("tokenizer.ggml.eos_token_id", new GgufWriter.U32(t.eos()));
        if (t instanceof CharTokenizer) {
            w.put("tokenizer.ggml.unknown_token_id", new GgufWriter.U32(t.unk()));
            w.put("tokenizer.ggml.padding_token_id", new GgufWriter.U32(CharTokenizer.PAD));
        }
        Map<String, SafeTensors.Tensor> gpt2 = HfExport.tensors(c, checkpoint.weights());
        w.tensor("token_embd.weight", plain(gpt2.get(Gpt2Layout.WTE), f16));
        w.tensor("position_embd.weight", plain(gpt2.get(Gpt2Layout.WPE), false));
        for (int i = 0; i < c.numLayers(); i++) {
            String h = "transformer.h." + i + ".";
            String b = "blk." + i + ".";
            w.tensor(b + "attn_norm.weight", plain(gpt2.get(h + "ln_1.weight"), false));
            w.tensor(b + "attn_norm.bias", plain(gpt2.get(h + "ln_1.bias"), false));
            w.tensor(b + "attn_qkv.weight", transposed(gpt2.get(h + "attn.c_attn.weight"), f16));
            w.tensor(b + "attn_qkv.bias", plain(gpt2.get(h + "attn.c_attn.bias"), false));
            w.tensor(b + "attn_output.weight", transposed(gpt2.get(h + "attn.c_proj.weight"), f16));
            w.tensor(b + "attn_output.bias", plain(gpt2.get(h + "attn.c_proj.bias"), false));
            w.tensor(b + "ffn_norm.weight", plain(gpt2.get(h + "ln_2.weight"), false));
            w.tensor(b + "ffn_norm.bias", plain(gpt2.get(h + "ln_2.bias"), false));
            w.tensor(b + "ffn_up.weight", transposed(gpt2.get(h + "mlp.c_fc.weight"), f16));
            w.tensor(b + "ffn_up.bias", plain(gpt2.get(h + "mlp.c_fc.bias"), false));
            w.tensor(b + "ffn_down.weight", transposed(gpt2.get(h + "mlp.c_proj.weight"), f16));
            w.tensor(b + "ffn_down.bias", plain(gpt2.get(h + "mlp.c_proj.bias"), false));
        }
        w.tensor("output_norm.weight", plain(gpt2.get(Gpt2Layout.LNF_W), false));
        w.tensor("output_norm.bias", plain(gpt2.get(Gpt2Layout.LNF_B), false));
        w.tensor("output.weight", plain(c.tieEmbeddings() ? gpt2.get(Gpt2Layout.WTE) : gpt2.get(Gpt2Layout.LM_HEAD), f16));
        try {
            return AtomicWrite.create(out, w::write);
        } catch (IOException e) {
            throw new UserException("Cannot write " + out + ": " + e.getMessage());
        }
    }

    /** The tokenizer as GGUF's gpt2 vocabulary: byte-level token strings, their types, merges. */
    record Vocabulary(List<String> tokens, int[] types, List<String> merges) {
    }

    private static final int NORMAL = 1;
    private static final int CONTROL = 3;

    static Vocabulary vocabulary(Tokenizer tokenizer) {
        var tokens = new ArrayList<String>();
        int[] types = new int[tokenizer.vocabSize()];
        var merges = new ArrayList<String>();
        if (tokenizer instanceof BpeTokenizer bpe) {
            List<String> strings = bpe.vocabStrings();
            for (int id = 0; id < strings.size(); id++) {
                tokens.add(strings.get(id));
                types[id] = bpe.isSpecial(id) ? CONTROL : NORMAL;
            }
            for (var m : bpe.merges()) {
                merges.add(strings.get(m.left()) + " " + strings.get(m.right()));
            }
        } else if (tokenizer instanceof CharTokenizer chars) {
            for (int id = 0; id < chars.vocabSize(); id++) {
                if (chars.isSpecial(id)) {
                    tokens.add(CharTokenizer.SPECIAL_TOKENS.get(id));
                    types[id] = CONTROL;
                    continue;
                }
                String ch = chars.tokenText(id);
                byte[] utf8 = ch.getBytes(StandardCharsets.UTF_8);
                if (utf8.length != 1) {
                    throw new UserException("Cannot export this character model as GGUF: its character '" + ch + "' (U+"
                            + String.format("%04X", ch.codePointAt(0)) + ") is " + utf8.length + " bytes of UTF-8, and "
                            + "llama.cpp's byte-level vocabulary would need tokens the model does not have. Use a BPE "
                            + "tokenizer, or the Hugging Face export");
                }
                tokens.add(ByteLevel.encode(utf8));
                types[id] = NORMAL;
            }
        } else {
            throw new UserException("Cannot export a tokenizer of type " + tokenizer.type() + " as GGUF");
        }
        return new Vocabulary(tokens, types, merges);
    }

    private static GgufWriter.Tensor plain(SafeTensors.Tensor t, boolean f16) {
        return new GgufWriter.Tensor(t.data(), t.shape(), f16 && t.shape().length == 2 ? GgufWriter.TYPE_F16 : GgufWriter.TYPE_F32);
    }

    /** A Conv1D weight [in, out] as llama.cpp's Linear layout [out, in]. */
    private static GgufWriter.Tensor transposed(SafeTensors.Tensor t, boolean f16) {
        int rows = (int) t.shape()[0];
        int cols = (int) t.shape()[1];
        float[] tr = new float[t.data().length];
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                tr[col * rows + r] = t.data()[r * cols + col];
            }
        }
        return new GgufWriter.Tensor(tr, new long[]{cols, rows}, f16 ? GgufWriter.TYPE_F16 : GgufWriter.TYPE_F32);
    }
}
