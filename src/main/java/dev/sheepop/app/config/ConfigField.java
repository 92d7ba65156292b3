package dev.sheepop.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;

/**
 * One editable setting: its JSON path ({@code model.d_model}), what kind of value it holds, the text the
 * user typed and the reason it is invalid ("" when valid).
 */
public final class ConfigField {
    /** The kinds of values a config.json holds. */
    public enum Kind { INT, LONG, DOUBLE, BOOLEAN, CHOICE, TEXT, OPTIONAL_TEXT }

    private final String path;
    private final String label;
    private final Kind kind;
    private final List<String> choices;
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public ConfigField(String path, String label, Kind kind, List<String> choices) {
        this.path = path;
        this.label = label;
        this.kind = kind;
        this.choices = List.copyOf(choices);
    }

    public String path() {
        return path;
    }

    /** The section ("model", "training", "data" or "" for top-level keys). */
    public String section() {
        int dot = path.indexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /** The JSON key inside its section. */
    public String key() {
        return path.substring(path.indexOf('.') + 1);
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public List<String> choices() {
        return choices;
    }

    public StringProperty textProperty() {
        return text;
    }

    public String text() {
        return text.get();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String error() {
        return error.get();
    }

    void setError(String reason) {
        error.set(reason == null ? "" : reason);
    }

    /** Parses the text as this kind; throws IllegalArgumentException with a user-facing reason. */
    JsonNode toJson() {
        String t = text.get() == null ? "" : text.get().trim();
        var f = JsonNodeFactory.instance;
        try {
            return switch (kind) {
                case INT -> f.numberNode(Integer.parseInt(t));
                case LONG -> f.numberNode(Long.parseLong(t));
                case DOUBLE -> f.numberNode(Double.parseDouble(t));
                case BOOLEAN -> f.booleanNode(Boolean.parseBoolean(t));
                case CHOICE -> {
                    if (!choices.contains(t)) {
                        throw new IllegalArgumentException("must be one of " + String.join(", ", choices));
                    }
                    yield f.textNode(t);
                }
                case TEXT -> f.textNode(t);
                case OPTIONAL_TEXT -> t.isEmpty() ? f.nullNode() : f.textNode(t);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(t.isEmpty() ? "a value is required"
                    : "'" + t + "' is not " + (kind == Kind.DOUBLE ? "a number" : "a whole number"));
        }
    }

    /** Sets the text from a JSON value (numbers in their shortest form). */
    void fromJson(JsonNode value) {
        text.set(value == null || value.isNull() ? "" : value.isTextual() ? value.asText() : value.isDouble() ? shortDouble(value.asDouble()) : value.asText());
    }

    private static String shortDouble(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d) + ".0";
        }
        return Double.toString(d);
    }
}
