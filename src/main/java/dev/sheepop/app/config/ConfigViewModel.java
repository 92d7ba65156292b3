package dev.sheepop.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheepop.common.Json;
import dev.sheepop.config.ConfigException;
import dev.sheepop.config.ConfigIO;
import dev.sheepop.config.DataConfig;
import dev.sheepop.config.GptConfig;
import dev.sheepop.config.Presets;
import dev.sheepop.config.RunConfig;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Config pane's state: one {@link ConfigField} per key of config.json, validated on every edit by
 * the same records the CLI uses. {@link #configProperty()} is the last valid config (null while invalid);
 * {@link #validProperty()} gates Start; {@link #estimatesProperty()} follows every valid edit.
 */
public final class ConfigViewModel {
    private static final Map<String, List<String>> CHOICES = Map.of(
            "model.activation", names(GptConfig.Activation.values()),
            "model.positional_encoding", names(GptConfig.PositionalEncoding.values()),
            "tokenizer.type", names(dev.sheepop.config.TokenizerConfig.Type.values()),
            "data.sampling", names(DataConfig.Sampling.values()),
            "device", names(RunConfig.Device.values()));
    private static final Set<String> LONGS = Set.of("seed");

    private final Map<String, ConfigField> fields = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<RunConfig> config = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper generalError = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ConfigEstimates> estimates = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<String> preset = new SimpleObjectProperty<>("default");
    private final IntegerProperty assumedVocab = new SimpleIntegerProperty(69);
    private final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<dev.sheepop.train.StepTime> stepTime = new SimpleObjectProperty<>();
    private final javafx.beans.property.StringProperty dataset = new javafx.beans.property.SimpleStringProperty(
            "No dataset yet: add files in the Dataset pane");
    private final javafx.beans.property.BooleanProperty showAdvanced = new javafx.beans.property.SimpleBooleanProperty();
    private boolean loading;

    public ConfigViewModel() {
        ObjectNode tree = Json.mapper().valueToTree(RunConfig.defaults());
        collect(tree, "");
        fields.values().forEach(f -> f.textProperty().addListener((o, a, b) -> validate()));
        assumedVocab.addListener((o, a, b) -> validate());
        stepTime.addListener((o, a, b) -> validate());
        preset.addListener((o, a, b) -> {
            if (b != null && !loading) {
                apply(Presets.get(b));
            }
        });
        apply(RunConfig.defaults());
    }

    private void collect(ObjectNode node, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String path = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                collect((ObjectNode) v, path + ".");
                continue;
            }
            ConfigField.Kind kind;
            List<String> choices = CHOICES.getOrDefault(path, List.of());
            if (!choices.isEmpty()) {
                kind = ConfigField.Kind.CHOICE;
            } else if (LONGS.contains(path)) {
                kind = ConfigField.Kind.LONG;
            } else if (v.isNull()) {
                kind = ConfigField.Kind.OPTIONAL_TEXT;
            } else if (v.isBoolean()) {
                kind = ConfigField.Kind.BOOLEAN;
            } else if (v.isIntegralNumber()) {
                kind = ConfigField.Kind.INT;
            } else if (v.isNumber()) {
                kind = ConfigField.Kind.DOUBLE;
            } else {
                kind = ConfigField.Kind.TEXT;
            }
            fields.put(path, new ConfigField(path, e.getKey(), kind, choices));
        }
    }

    /** Fills every field from {@code c} (a preset, a loaded file). */
    public void apply(RunConfig c) {
        ObjectNode tree = Json.mapper().valueToTree(c);
        loading = true;
        try {
            for (ConfigField f : fields.values()) {
                JsonNode node = tree;
                for (String part : f.path().split("\\.")) {
                    node = node.get(part);
                }
                f.fromJson(node);
            }
        } finally {
            loading = false;
        }
        validate();
    }

    /** Re-reads every field; marks the fields that are wrong and publishes the config when all are right. */
    public void validate() {
        if (loading) {
            return;
        }
        fields.values().forEach(f -> f.setError(""));
        generalError.set("");
        ObjectNode root = Json.mapper().createObjectNode();
        boolean parseErrors = false;
        for (ConfigField f : fields.values()) {
            try {
                JsonNode value = f.toJson();
                ObjectNode parent = f.section().isEmpty() ? root
                        : root.has(f.section()) ? (ObjectNode) root.get(f.section()) : root.putObject(f.section());
                parent.set(f.key(), value);
            } catch (IllegalArgumentException e) {
                f.setError(e.getMessage());
                parseErrors = true;
            }
        }
        RunConfig parsed = null;
        if (!parseErrors) {
            try {
                parsed = ConfigIO.parse(root.toString(), RunConfig.defaults());
            } catch (ConfigException e) {
                ConfigField f = fieldFor(e.field());
                if (f != null) {
                    f.setError(e.reason());
                } else {
                    generalError.set(e.getMessage());
                }
            }
        }
        config.set(parsed);
        valid.set(parsed != null);
        String name = preset.get();
        modified.set(name != null && Presets.all().containsKey(name) && !Presets.get(name).equals(parsed));
        if (parsed != null) {
            estimates.set(ConfigEstimates.of(parsed, assumedVocab.get(), stepTime.get()));
        }
    }

    private ConfigField fieldFor(String field) {
        if (fields.containsKey(field)) {
            return fields.get(field);
        }
        for (ConfigField f : fields.values()) {
            if (f.key().equals(field)) {
                return f;
            }
        }
        return null;
    }

    /** Sets the tokenizer section's fields (from the tokenizer lab's "Use for the run"). */
    public void useTokenizer(dev.sheepop.config.TokenizerConfig tokenizer) {
        field("tokenizer.type").textProperty().set(tokenizer.type().json());
        field("tokenizer.vocab_size").textProperty().set(Integer.toString(tokenizer.vocabSize()));
        field("tokenizer.min_frequency").textProperty().set(Integer.toString(tokenizer.minFrequency()));
        field("tokenizer.file").textProperty().set(tokenizer.file() == null ? "" : tokenizer.file());
    }

    /** Loads config.json over the defaults; throws UserException naming the file or key. */
    public void load(Path file) {
        apply(ConfigIO.read(file, RunConfig.defaults()));
    }

    /** Saves the current (valid) config. */
    public void save(Path file) throws IOException {
        if (config.get() == null) {
            throw new dev.sheepop.common.UserException("The config is invalid; fix the marked fields before saving");
        }
        ConfigIO.write(config.get(), file);
    }

    public List<ConfigField> fields() {
        return new ArrayList<>(fields.values());
    }

    public ConfigField field(String path) {
        ConfigField f = fields.get(path);
        if (f == null) {
            throw new IllegalArgumentException("no config field " + path);
        }
        return f;
    }

    public List<String> presetNames() {
        return new ArrayList<>(Presets.all().keySet());
    }

    public ObjectProperty<String> presetProperty() {
        return preset;
    }

    public ReadOnlyObjectProperty<RunConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    public RunConfig config() {
        return config.get();
    }

    /** True when the fields differ from the chosen preset (the preset box says "modified"). */
    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    /** What the run will train on (set by the window from the Dataset pane). */
    public javafx.beans.property.StringProperty datasetProperty() {
        return dataset;
    }

    /** This machine's measured training speed (set once measured; null until then). */
    public ObjectProperty<dev.sheepop.train.StepTime> stepTimeProperty() {
        return stepTime;
    }

    /** Whether the advanced settings are shown. */
    public javafx.beans.property.BooleanProperty showAdvancedProperty() {
        return showAdvanced;
    }

    /** The Config pane's words for a field: label, help, unit, basic or advanced. */
    public static FieldInfo info(ConfigField field) {
        return FieldInfo.of(field.path());
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty generalErrorProperty() {
        return generalError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConfigEstimates> estimatesProperty() {
        return estimates.getReadOnlyProperty();
    }

    /** The vocabulary size assumed for estimates while vocab_size is 0 (the dataset's, when known). */
    public IntegerProperty assumedVocabProperty() {
        return assumedVocab;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase()).toList();
    }
}
