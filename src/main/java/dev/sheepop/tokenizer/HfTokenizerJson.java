package dev.sheepop.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheepop.common.Json;
import dev.sheepop.common.UserException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Hugging Face {@code tokenizer.json} form of a byte-level BPE tokenizer: a {@code BPE} model (vocabulary of
 * byte-level strings, merges as {@code "left right"} strings), the {@code ByteLevel} pre-tokenizer (GPT-2's split,
 * no prefix space) and decoder, and the special tokens as added tokens. The file loads in the Hugging Face library
 * (Python, Rust, transformers.js, DJL) and in llama.cpp's converters. Reading accepts what that library writes for
 * GPT-2-style tokenizers and refuses, with the reason, anything SheepOp would encode differently.
 */
public final class HfTokenizerJson {
    /** Names recognised as the end-of-text token of a foreign tokenizer, in order of preference. */
    private static final List<String> EOS_NAMES = List.of(BpeTrainer.END_OF_TEXT, "</s>", "<eos>", "<|end_of_text|>", "<|eos|>");
    private static final List<String> BOS_NAMES = List.of("<s>", "<bos>", "<|begin_of_text|>", "<|startoftext|>", "<|bos|>");

    private HfTokenizerJson() {
    }

    /** Appends a special token to a tokenizer.json {@code added_tokens} array, as the Hugging Face library writes one. */
    public static void addSpecialToken(ArrayNode added, int id, String content) {
        ObjectNode t = added.addObject();
        t.put("id", id);
        t.put("content", content);
        t.put("single_word", false);
        t.put("lstrip", false);
        t.put("rstrip", false);
        t.put("normalized", false);
        t.put("special", true);
    }

    /** The tokenizer as tokenizer.json text (deterministic: the same tokenizer gives the same bytes). */
    public static String write(BpeTokenizer tokenizer) {
        var f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        tokenizer.specialTokens().forEach((id, name) -> addSpecialToken(added, id, name));
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(f));
        root.putNull("post_processor");
        root.set("decoder", byteLevel(f));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        List<String> strings = tokenizer.vocabStrings();
        for (int id = 0; id < strings.size(); id++) {
            vocab.put(strings.get(id), id);
        }
        ArrayNode merges = model.putArray("merges");
        for (var m : tokenizer.merges()) {
            merges.add(strings.get(m.left()) + " " + strings.get(m.right()));
        }
        try {
            return Json.mapper().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode byteLevel(JsonNodeFactory f) {
        ObjectNode n = f.objectNode();
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", false);
        n.put("trim_offsets", true);
        n.put("use_regex", true);
        return n;
    }

    /** True when the JSON tree looks like a Hugging Face tokenizer.json (it has a model object). */
    static boolean isHfTokenizer(JsonNode root) {
        return root.path("model").isObject();
    }

    /** Reads a tokenizer.json tree; {@code source} names the file in error messages. */
    static BpeTokenizer read(JsonNode root, String source) {
        JsonNode model = root.path("model");
        String type = model.path("type").asText("BPE");
        if (!"BPE".equals(type)) {
            throw refuse(source, "its model is " + type + "; SheepOp reads byte-level BPE tokenizers (GPT-2 style) only");
        }
        checkByteLevel(root.path("pre_tokenizer"), "pre_tokenizer", source, true);
        checkByteLevel(root.path("decoder"), "decoder", source, false);
        if (!root.path("normalizer").isNull() && !root.path("normalizer").isMissingNode()) {
            throw refuse(source, "it has a normalizer (" + root.path("normalizer").path("type").asText("?")
                    + "); SheepOp encodes text as it is");
        }
        for (String flag : List.of("continuing_subword_prefix", "end_of_word_suffix")) {
            if (model.hasNonNull(flag) && !model.get(flag).asText().isEmpty()) {
                throw refuse(source, "model." + flag + " is set; byte-level BPE has none");
            }
        }
        if (model.path("byte_fallback").asBoolean(false) || model.path("ignore_merges").asBoolean(false)) {
            throw refuse(source, "model.byte_fallback or model.ignore_merges is set; SheepOp does not implement them");
        }
        var specials = new TreeMap<Integer, String>();
        for (JsonNode t : root.path("added_tokens")) {
            if (!t.path("special").asBoolean(false)) {
                throw refuse(source, "added token '" + t.path("content").asText() + "' is not special; SheepOp supports special added tokens only");
            }
            specials.put(t.path("id").asInt(), t.path("content").asText());
        }
        JsonNode vocab = model.path("vocab");
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw refuse(source, "model.vocab is missing or empty");
        }
        var byId = new TreeMap<Integer, String>();
        var ids = new HashMap<String, Integer>();
        vocab.fields().forEachRemaining(e -> {
            int id = e.getValue().asInt(-1);
            if (id < 0) {
                throw refuse(source, "vocabulary entry '" + e.getKey() + "' has no valid id");
            }
            if (byId.put(id, e.getKey()) != null) {
                throw refuse(source, "two vocabulary entries have id " + id);
            }
            ids.put(e.getKey(), id);
        });
        specials.forEach((id, name) -> {
            String existing = byId.putIfAbsent(id, name);
            if (existing != null && !existing.equals(name)) {
                throw refuse(source, "special token " + name + " and vocabulary entry '" + existing + "' share id " + id);
            }
        });
        int size = byId.lastKey() + 1;
        if (byId.size() != size) {
            throw refuse(source, "token ids are not contiguous: " + byId.size() + " tokens, highest id " + byId.lastKey());
        }
        var tokens = new ArrayList<byte[]>(size);
        for (int id = 0; id < size; id++) {
            String s = byId.get(id);
            if (specials.containsKey(id)) {
                tokens.add(null);
                continue;
            }
            byte[] b = ByteLevel.decode(s);
            if (b == null || b.length == 0) {
                throw refuse(source, "token " + id + " '" + s + "' is not a byte-level token");
            }
            tokens.add(b);
        }
        var merges = new ArrayList<BpeTokenizer.Merge>();
        int rank = 0;
        for (JsonNode m : model.path("merges")) {
            String left;
            String right;
            if (m.isArray() && m.size() == 2) {
                left = m.get(0).asText();
                right = m.get(1).asText();
            } else {
                String[] parts = m.asText().split(" ", -1);
                if (parts.length != 2) {
                    throw refuse(source, "merge " + rank + " '" + m.asText() + "' is not two tokens");
                }
                left = parts[0];
                right = parts[1];
            }
            Integer a = ids.get(left);
            Integer b = ids.get(right);
            Integer r = ids.get(left + right);
            if (a == null || b == null || r == null) {
                throw refuse(source, "merge " + rank + " '" + left + " " + right + "' uses or makes a token missing from the vocabulary");
            }
            merges.add(new BpeTokenizer.Merge(a, b, r));
            rank++;
        }
        if (specials.isEmpty()) {
            throw refuse(source, "it has no special tokens; SheepOp needs an end-of-text token to separate documents");
        }
        int eos = pick(specials, EOS_NAMES, specials.size() == 1 ? specials.firstKey() : -1);
        if (eos < 0) {
            throw refuse(source, "none of its special tokens " + specials.values() + " is an end-of-text token (one of " + EOS_NAMES + ")");
        }
        int bos = pick(specials, BOS_NAMES, eos);
        try {
            return new BpeTokenizer(tokens, specials, merges, eos, bos);
        } catch (IllegalArgumentException e) {
            throw refuse(source, e.getMessage());
        }
    }

    private static int pick(Map<Integer, String> specials, List<String> names, int fallback) {
        for (String name : names) {
            for (var e : specials.entrySet()) {
                if (e.getValue().equals(name)) {
                    return e.getKey();
                }
            }
        }
        return fallback;
    }

    private static void checkByteLevel(JsonNode node, String field, String source, boolean required) {
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                throw refuse(source, field + " is missing; SheepOp needs the ByteLevel pre-tokenizer");
            }
            return;
        }
        if (!"ByteLevel".equals(node.path("type").asText())) {
            throw refuse(source, field + " is " + node.path("type").asText("?") + "; SheepOp reads ByteLevel (GPT-2 style) only");
        }
        if (required && (node.path("add_prefix_space").asBoolean(false) || !node.path("use_regex").asBoolean(true))) {
            throw refuse(source, field + " must have add_prefix_space false and use_regex true (GPT-2's split)");
        }
    }

    private static UserException refuse(String source, String why) {
        return new UserException("Tokenizer " + source + " cannot be used: " + why);
    }
}
