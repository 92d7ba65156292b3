package dev.sheepop.tokenizer;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sheepop.common.Json;
import dev.sheepop.common.UserException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Saves and loads tokenizers as JSON: {@code {"type":"char","version":1,"special_tokens":[...],"characters":[...]}}. */
public final class TokenizerIO {
    public static final int FORMAT_VERSION = 1;

    record Saved(@JsonProperty("type") String type,
                 @JsonProperty("version") int version,
                 @JsonProperty("special_tokens") List<String> specialTokens,
                 @JsonProperty("characters") List<String> characters,
                 @JsonProperty("hash") String hash) {
    }

    private TokenizerIO() {
    }

    public static void save(Tokenizer tokenizer, Path file) throws IOException {
        if (!(tokenizer instanceof CharTokenizer chars)) {
            throw new IllegalArgumentException("cannot save tokenizer type " + tokenizer.type());
        }
        var saved = new Saved(chars.type(), FORMAT_VERSION, Tokenizer.SPECIAL_TOKENS, chars.characters(), chars.hash());
        Files.writeString(file, Json.mapper().writeValueAsString(saved) + "\n");
    }

    public static Tokenizer load(Path file) {
        Saved saved;
        try {
            saved = Json.mapper().readValue(file.toFile(), Saved.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new UserException("Tokenizer file missing: " + file);
        } catch (IOException e) {
            throw new UserException("Tokenizer file " + file + " is not valid: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (saved.version() > FORMAT_VERSION) {
            throw new UserException("Tokenizer file " + file + " has format version " + saved.version()
                    + ", this SheepOp reads up to " + FORMAT_VERSION + ": update SheepOp");
        }
        if (!"char".equals(saved.type())) {
            throw new UserException("Tokenizer file " + file + ": unknown tokenizer type '" + saved.type() + "'");
        }
        if (!Tokenizer.SPECIAL_TOKENS.equals(saved.specialTokens())) {
            throw new UserException("Tokenizer file " + file + ": unexpected special tokens " + saved.specialTokens());
        }
        var tokenizer = CharTokenizer.ofCharacters(saved.characters());
        if (saved.hash() != null && !saved.hash().equals(tokenizer.hash())) {
            throw new UserException("Tokenizer file " + file + " is damaged: its hash does not match its vocabulary");
        }
        return tokenizer;
    }
}
