package dev.sheepop.export;

import dev.sheepop.config.GptConfig;
import dev.sheepop.model.ParamNames;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that knows how SheepOp's parameters map onto Hugging Face's GPT-2 ({@code GPT2LMHeadModel}) names.
 * The layouts already agree: GPT-2's Conv1D weights are {@code [in, out]}, as SheepOp's linear layers are, and its
 * fused {@code c_attn} holds Q, K and V in that column order, as {@code attn.wqkv} does. Only the untied head differs:
 * GPT-2's {@code lm_head} is a Linear, {@code [vocab, embd]}, the transpose of {@code head.w}.
 */
public final class Gpt2Layout {
    public static final String WTE = "transformer.wte.weight";
    public static final String WPE = "transformer.wpe.weight";
    public static final String LNF_W = "transformer.ln_f.weight";
    public static final String LNF_B = "transformer.ln_f.bias";
    public static final String LM_HEAD = "lm_head.weight";

    private Gpt2Layout() {
    }

    /** GPT-2 name → SheepOp name, for every parameter GPT-2 has that a SheepOp model of {@code config} maps to. */
    public static Map<String, String> names(GptConfig config) {
        var m = new LinkedHashMap<String, String>();
        m.put(WTE, ParamNames.WTE);
        m.put(WPE, ParamNames.WPE);
        for (int i = 0; i < config.numLayers(); i++) {
            String h = "transformer.h." + i + ".";
            m.put(h + "ln_1.weight", ParamNames.ln1G(i));
            m.put(h + "ln_1.bias", ParamNames.ln1B(i));
            m.put(h + "attn.c_attn.weight", ParamNames.wqkv(i));
            m.put(h + "attn.c_attn.bias", ParamNames.bqkv(i));
            m.put(h + "attn.c_proj.weight", ParamNames.wo(i));
            m.put(h + "attn.c_proj.bias", ParamNames.bo(i));
            m.put(h + "ln_2.weight", ParamNames.ln2G(i));
            m.put(h + "ln_2.bias", ParamNames.ln2B(i));
            m.put(h + "mlp.c_fc.weight", ParamNames.w1(i));
            m.put(h + "mlp.c_fc.bias", ParamNames.b1(i));
            m.put(h + "mlp.c_proj.weight", ParamNames.w2(i));
            m.put(h + "mlp.c_proj.bias", ParamNames.b2(i));
        }
        m.put(LNF_W, ParamNames.LNF_G);
        m.put(LNF_B, ParamNames.LNF_B);
        if (!config.tieEmbeddings()) {
            m.put(LM_HEAD, ParamNames.HEAD_W);
        }
        return m;
    }

    /** Hugging Face's name for SheepOp's activation: {@code gelu} is x·sigmoid(1.702x), transformers' "quick_gelu". */
    public static String activation(GptConfig.Activation a) {
        return switch (a) {
            case GELU -> "quick_gelu";
            case GELU_TANH -> "gelu_new";
            case RELU -> "relu";
        };
    }

    /** SheepOp's activation for a Hugging Face name, or null when SheepOp has none that computes the same. */
    public static GptConfig.Activation activation(String hf) {
        return switch (hf) {
            case "quick_gelu" -> GptConfig.Activation.GELU;
            case "gelu_new", "gelu_pytorch_tanh" -> GptConfig.Activation.GELU_TANH;
            case "relu" -> GptConfig.Activation.RELU;
            default -> null;
        };
    }
}
