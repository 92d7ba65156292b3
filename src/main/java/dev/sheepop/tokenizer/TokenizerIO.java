package dev.sheepop.tokenizer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sheepop.common.Json;
import dev.sheepop.common.UserException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Saves and loads tokenizers. A BPE tokenizer is a Hugging Face {@code tokenizer.json} ({@link HfTokenizerJson});
 * a character tokenizer is SheepOp's own small JSON,
 * {@code {"type":"char","version":1,"special_tokens":[...],"characters":[...],"hash":"..."}}. {@link #load} tells
 * them apart by their content.
 */
public final class TokenizerIO {
    public static final int FORMAT_VERSION = 1;

    record SavedChars(@JsonProperty("type") String type,
                      @JsonProperty("version") int version,
                      @JsonProperty("special_tokens") List<String> specialTokens,
                      @JsonProperty("characters") List<String> characters,
                      @JsonProperty("hash") String hash) {
    }

    private TokenizerIO() {
    }

    /** The tokenizer's file content. */
    public static String toJson(Tokenizer tokenizer) {
        if (tokenizer instanceof BpeTokenizer bpe) {
            return HfTokenizerJson.write(bpe);
        }
        if (tokenizer instanceof CharTokenizer chars) {
            var saved = new SavedChars(chars.type(), FORMAT_VERSION, CharTokenizer.SPECIAL_TOKENS, chars.characters(), chars.hash());
            try {
                return Json.mapper().writeValueAsString(saved) + "\n";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("cannot save tokenizer type " + tokenizer.type());
    }

    public static void save(Tokenizer tokenizer, Path file) throws IOException {
        Files.writeString(file, toJson(tokenizer), StandardCharsets.UTF_8);
    }

    public static Tokenizer load(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UserException("Tokenizer file missing: " + file);
        } catch (IOException e) {
            throw new UserException("Tokenizer file " + file + " is not valid JSON: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new UserException("Tokenizer file " + file + " is not a JSON object");
        }
        if (HfTokenizerJson.isHfTokenizer(root)) {
            return HfTokenizerJson.read(root, file.toString());
        }
        return loadChars(root, file);
    }

    private static Tokenizer loadChars(JsonNode root, Path file) {
        SavedChars saved;
        try {
            saved = Json.mapper().treeToValue(root, SavedChars.class);
        } catch (IOException e) {
            throw new UserException("Tokenizer file " + file + " is neither a Hugging Face tokenizer.json nor a SheepOp "
                    + "character tokenizer: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (saved.version() > FORMAT_VERSION) {
            throw new UserException("Tokenizer file " + file + " has format version " + saved.version()
                    + ", this SheepOp reads up to " + FORMAT_VERSION + ": update SheepOp");
        }
        if (!"char".equals(saved.type())) {
            throw new UserException("Tokenizer file " + file + ": unknown tokenizer type '" + saved.type() + "'");
        }
        if (!CharTokenizer.SPECIAL_TOKENS.equals(saved.specialTokens())) {
            throw new UserException("Tokenizer file " + file + ": unexpected special tokens " + saved.specialTokens());
        }
        var tokenizer = CharTokenizer.ofCharacters(saved.characters());
        if (saved.hash() != null && !saved.hash().equals(tokenizer.hash())) {
            throw new UserException("Tokenizer file " + file + " is damaged: its hash does not match its vocabulary");
        }
        return tokenizer;
    }
}
