package dev.sheepop.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheepop.common.Json;
import dev.sheepop.common.UserException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads and writes config.json. A file may give any subset of the keys: the rest come from a base
 * config (the defaults or a preset). Unknown keys and bad values are errors that name the key.
 */
public final class ConfigIO {
    private ConfigIO() {
    }

    public static RunConfig read(Path file, RunConfig base) {
        try {
            return parse(Files.readString(file), base);
        } catch (NoSuchFileException e) {
            throw new UserException("Config file not found: " + file);
        } catch (IOException e) {
            throw new UserException("Cannot read config " + file + ": " + e.getMessage());
        } catch (ConfigException e) {
            throw new ConfigException(e.field(), e.reason() + " (in " + file + ")");
        }
    }

    /** Parses JSON text over {@code base}; throws {@link ConfigException} naming the first bad key. */
    public static RunConfig parse(String json, RunConfig base) {
        var mapper = Json.mapper();
        JsonNode user;
        try {
            user = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config", "not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr());
        }
        if (user == null || !user.isObject()) {
            throw new ConfigException("config", "must be a JSON object");
        }
        ObjectNode merged = mapper.valueToTree(base);
        merge(merged, (ObjectNode) user, "");
        return fromTree(merged);
    }

    public static String toJson(RunConfig config) {
        try {
            return Json.mapper().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(RunConfig config, Path file) throws IOException {
        Files.writeString(file, toJson(config) + "\n");
    }

    private static void merge(ObjectNode target, ObjectNode source, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            var entry = it.next();
            String key = entry.getKey();
            String path = prefix + key;
            JsonNode existing = target.get(key);
            if (existing == null) {
                throw new ConfigException(path, "unknown key (allowed here: " + allowed(target) + ")");
            }
            if (existing.isObject()) {
                if (!entry.getValue().isObject()) {
                    throw new ConfigException(path, "must be an object");
                }
                merge((ObjectNode) existing, (ObjectNode) entry.getValue(), path + ".");
            } else {
                target.set(key, entry.getValue());
            }
        }
    }

    private static String allowed(ObjectNode node) {
        var names = new StringBuilder();
        node.fieldNames().forEachRemaining(n -> names.append(names.isEmpty() ? "" : ", ").append(n));
        return names.toString();
    }

    private static RunConfig fromTree(ObjectNode tree) {
        try {
            return Json.mapper().treeToValue(tree, RunConfig.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException ce) {
                String section = section(e);
                throw section.isEmpty() || ce.field().contains(".") ? ce
                        : new ConfigException(section + "." + ce.field(), ce.reason());
            }
            throw new ConfigException(section(e), String.valueOf(cause == null ? e.getOriginalMessage() : cause.getMessage()));
        } catch (InvalidFormatException e) {
            throw new ConfigException(path(e), "invalid value " + e.getValue() + " (expected "
                    + e.getTargetType().getSimpleName().toLowerCase() + describeEnum(e.getTargetType()) + ")");
        } catch (MismatchedInputException e) {
            throw new ConfigException(path(e), "wrong type (expected " + e.getTargetType().getSimpleName().toLowerCase() + ")");
        } catch (JsonProcessingException e) {
            throw new ConfigException("config", e.getOriginalMessage());
        }
    }

    private static String describeEnum(Class<?> type) {
        if (!type.isEnum()) {
            return "";
        }
        var names = new StringBuilder(": ");
        for (Object constant : type.getEnumConstants()) {
            names.append(names.length() > 2 ? " | " : "").append(constant.toString().toLowerCase());
        }
        return names.toString();
    }

    private static String path(MismatchedInputException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return sb.isEmpty() ? "config" : sb.toString();
    }

    private static String section(ValueInstantiationException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return sb.toString();
    }
}
