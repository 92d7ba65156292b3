package dev.sheepop.export;

import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.checkpoint.LoadedCheckpoint;
import dev.sheepop.common.UserException;
import dev.sheepop.config.GptConfig;
import dev.sheepop.model.ParamNames;
import dev.sheepop.tokenizer.CharTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GGUF export read back by an independent reader of the format: header, metadata, tensor infos, data. */
class GgufExportTest {
    /** The shipped model, as if trained with the tanh GELU (the export does not look at the numbers). */
    private static LoadedCheckpoint tanhModel() {
        var ckpt = Checkpoints.load(Path.of("sample-data/checkpoint"));
        var m = ckpt.config().model();
        var tanh = new GptConfig(m.vocabSize(), m.dModel(), m.numLayers(), m.numHeads(), m.dFf(), m.maxSeqLen(), 0,
                GptConfig.Activation.GELU_TANH, m.positionalEncoding(), m.tieEmbeddings(), m.bias(), m.normPosition());
        return new LoadedCheckpoint(ckpt.dir(), ckpt.meta(), ckpt.config().withModel(tanh), ckpt.tokenizer(), ckpt.weights());
    }

    record Info(long[] dims, int type, long offset) {
    }

    /** Reads what this test needs of a GGUF v3 file, from the format's description. */
    static final class Reader {
        final Map<String, Object> meta = new LinkedHashMap<>();
        final Map<String, Info> tensors = new LinkedHashMap<>();
        final ByteBuffer buf;
        long dataStart;

        Reader(Path file) throws Exception {
            buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[4];
            buf.get(magic);
            assertEquals("GGUF", new String(magic, StandardCharsets.US_ASCII));
            assertEquals(3, buf.getInt());
            long nTensors = buf.getLong();
            long nKv = buf.getLong();
            for (long i = 0; i < nKv; i++) {
                String key = string();
                meta.put(key, value(buf.getInt()));
            }
            for (long i = 0; i < nTensors; i++) {
                String name = string();
                long[] dims = new long[buf.getInt()];
                for (int d = 0; d < dims.length; d++) {
                    dims[d] = buf.getLong();
                }
                tensors.put(name, new Info(dims, buf.getInt(), buf.getLong()));
            }
            dataStart = (buf.position() + 31) / 32 * 32;
        }

        String string() {
            byte[] b = new byte[(int) buf.getLong()];
            buf.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        Object value(int type) {
            return switch (type) {
                case 4 -> (long) buf.getInt() & 0xFFFFFFFFL;
                case 5 -> buf.getInt();
                case 6 -> buf.getFloat();
                case 8 -> string();
                case 9 -> {
                    int t = buf.getInt();
                    long n = buf.getLong();
                    var list = new ArrayList<Object>();
                    for (long i = 0; i < n; i++) {
                        list.add(value(t));
                    }
                    yield list;
                }
                default -> throw new AssertionError("unexpected GGUF type " + type);
            };
        }

        float f32(String tensor, int index) {
            return buf.getFloat((int) (dataStart + tensors.get(tensor).offset() + 4L * index));
        }

        float f16(String tensor, int index) {
            return SafeTensors.halfToFloat(buf.getShort((int) (dataStart + tensors.get(tensor).offset() + 2L * index)));
        }
    }

    @Test
    void writesLlamaCppsGpt2LayoutReadBackIndependently(@TempDir Path dir) throws Exception {
        var model = tanhModel();
        var c = model.config().model();
        Path file = GgufExport.export(model, dir.resolve("m.gguf"), false);
        var r = new Reader(file);
        assertEquals("gpt2", r.meta.get("general.architecture"));
        assertEquals((long) c.numLayers(), r.meta.get("gpt2.block_count"));
        assertEquals((long) c.dFf(), r.meta.get("gpt2.feed_forward_length"));
        assertEquals(1e-5f, r.meta.get("gpt2.attention.layer_norm_epsilon"));
        assertEquals("gpt2", r.meta.get("tokenizer.ggml.model"));
        @SuppressWarnings("unchecked")
        List<Object> tokens = (List<Object>) r.meta.get("tokenizer.ggml.tokens");
        assertEquals(c.vocabSize(), tokens.size());
        assertEquals("<eos>", tokens.get(CharTokenizer.EOS));
        assertEquals("Ġ", tokens.get(model.tokenizer().encode(" ")[0]), "a space as GPT-2's byte-level token");
        assertEquals(List.of(), r.meta.get("tokenizer.ggml.merges"));
        assertEquals(2 + c.numLayers() * 12 + 3, r.tensors.size(), "embeddings, 12 per block, output norm and output");

        // a Conv1D weight [in, out] is stored as llama.cpp's [out, in]: dims fastest first, so (in, out)
        Info qkv = r.tensors.get("blk.1.attn_qkv.weight");
        assertArrayEquals(new long[]{c.dModel(), 3L * c.dModel()}, qkv.dims());
        assertEquals(0, qkv.type());
        var wqkv = model.weights().get(ParamNames.wqkv(1));
        int in = 5;
        int out = 70;
        assertEquals(wqkv.getFloat(in, out), r.f32("blk.1.attn_qkv.weight", out * c.dModel() + in));
        assertArrayEquals(new long[]{c.dModel(), c.vocabSize()}, r.tensors.get("token_embd.weight").dims());
        assertEquals(model.weights().get(ParamNames.WTE).getFloat(7, 3), r.f32("output.weight", 7 * c.dModel() + 3), "tied output");
        for (Info i : r.tensors.values()) {
            assertEquals(0, i.offset() % 32, "aligned");
        }

        // F16: matrices in half precision, norms and biases in F32
        var r16 = new Reader(GgufExport.export(model, dir.resolve("m16.gguf"), true));
        assertEquals(1, r16.tensors.get("blk.0.ffn_up.weight").type());
        assertEquals(0, r16.tensors.get("blk.0.ffn_up.bias").type());
        float w = model.weights().get(ParamNames.w1(0)).getFloat(3, 9);
        assertEquals(w, r16.f16("blk.0.ffn_up.weight", 9 * c.dModel() + 3), Math.abs(w) * 1e-3 + 1e-7);
        assertTrue(Files.size(dir.resolve("m16.gguf")) < Files.size(file));
        assertFalse(Files.exists(dir.resolve("m.gguf.partial")));
    }

    @Test
    void whatLlamaCppWouldComputeDifferentlyIsRefused(@TempDir Path dir) {
        var e = assertThrows(UserException.class, () -> GgufExport.export(Checkpoints.load(Path.of("sample-data/checkpoint")),
                dir.resolve("x.gguf"), false));
        assertTrue(e.getMessage().startsWith("Cannot export this model as GGUF: llama.cpp's GPT-2 computes the tanh GELU"),
                e.getMessage());
        e = assertThrows(UserException.class, () -> GgufExport.vocabulary(CharTokenizer.fit("café au lait")));
        assertTrue(e.getMessage().contains("its character 'é' (U+00E9) is 2 bytes of UTF-8"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.gguf")));
    }
}
