package dev.sheepop.app.playground;

import dev.sheepop.common.UserException;
import dev.sheepop.generate.SamplingSettings;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Playground's sampling settings as editable, validated fields. The ranges are {@link SamplingSettings}'s own (the
 * CLI accepts the same values); a field's error is the reason the generator would give.
 */
public final class PlaygroundSettings {
    private static final SamplingSettings DEFAULTS = SamplingSettings.defaults();
    private final SettingField<Integer> maxNewTokens = new SettingField<>("max-length", "Max new tokens",
            "How many tokens to generate at most.", "300",
            t -> check(Integer.parseInt(t), DEFAULTS::withMaxNewTokens));
    private final SettingField<Double> temperature = new SettingField<>("temperature", "Temperature",
            "Lower is safer and more repetitive, higher more surprising; 0 always takes the likeliest token.",
            format(DEFAULTS.temperature()), t -> check(Double.parseDouble(t), DEFAULTS::withTemperature));
    private final SettingField<Integer> topK = new SettingField<>("top-k", "Top-k",
            "Draw only from the k likeliest tokens; 0 = no limit.", Integer.toString(DEFAULTS.topK()),
            t -> check(Integer.parseInt(t), DEFAULTS::withTopK));
    private final SettingField<Double> topP = new SettingField<>("top-p", "Top-p",
            "Draw only from the likeliest tokens that together reach this probability; 1 = no limit.",
            format(DEFAULTS.topP()), t -> check(Double.parseDouble(t), DEFAULTS::withTopP));
    private final SettingField<Double> repetitionPenalty = new SettingField<>("repetition-penalty", "Repetition penalty",
            "Makes tokens already in the text less likely; 1 = off, 1.1–1.3 is gentle.",
            format(DEFAULTS.repetitionPenalty()), t -> check(Double.parseDouble(t), DEFAULTS::withRepetitionPenalty));
    private final SettingField<Long> seed = new SettingField<>("seed", "Seed",
            "Same model, prompt, settings and seed: same text.", Long.toString(DEFAULTS.seed()), Long::parseLong);
    private final SettingField<List<String>> stops = new SettingField<>("stop", "Stop at",
            "Stop before any of these texts; separate several with |, write \\n for a new line.", "",
            t -> check(StopStrings.parse(t), DEFAULTS::withStopStrings));
    private final BooleanProperty useCache = new SimpleBooleanProperty(true);
    private final BooleanBinding valid;

    public PlaygroundSettings() {
        valid = Bindings.createBooleanBinding(() -> fields().stream().allMatch(SettingField::valid),
                fields().stream().map(SettingField::errorProperty).toArray(javafx.beans.Observable[]::new));
    }

    /** The fields in the order the pane shows them. */
    public List<SettingField<?>> fields() {
        return List.of(maxNewTokens, temperature, topK, topP, repetitionPenalty, seed, stops);
    }

    /** The settings the fields show; throws UserException naming the first invalid field. */
    public SamplingSettings settings() {
        for (SettingField<?> f : fields()) {
            if (!f.valid()) {
                throw new UserException(f.label() + ": " + f.errorProperty().get());
            }
        }
        return new SamplingSettings(maxNewTokens.value(), temperature.value(), topK.value(), topP.value(),
                repetitionPenalty.value(), seed.value(), stops.value(), useCache.get());
    }

    /** Puts {@code s} into the fields (the history's "run again with these settings"). */
    public void show(SamplingSettings s) {
        maxNewTokens.textProperty().set(Integer.toString(s.maxNewTokens()));
        temperature.textProperty().set(format(s.temperature()));
        topK.textProperty().set(Integer.toString(s.topK()));
        topP.textProperty().set(format(s.topP()));
        repetitionPenalty.textProperty().set(format(s.repetitionPenalty()));
        seed.textProperty().set(Long.toString(s.seed()));
        stops.textProperty().set(StopStrings.format(s.stopStrings()));
        useCache.set(s.useCache());
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public SettingField<Integer> maxNewTokens() {
        return maxNewTokens;
    }

    public SettingField<Double> temperature() {
        return temperature;
    }

    public SettingField<Integer> topK() {
        return topK;
    }

    public SettingField<Double> topP() {
        return topP;
    }

    public SettingField<Double> repetitionPenalty() {
        return repetitionPenalty;
    }

    public SettingField<Long> seed() {
        return seed;
    }

    public SettingField<List<String>> stops() {
        return stops;
    }

    /** True: the KV-cache decoder; false: the full SameDiff forward pass for every token (slower, same text). */
    public BooleanProperty useCacheProperty() {
        return useCache;
    }

    /** {@code value} if {@code apply} accepts it; else the generator's reason, without the setting's name. */
    private static <T> T check(T value, Function<T, SamplingSettings> apply) {
        try {
            apply.apply(value);
            return value;
        } catch (UserException e) {
            String m = e.getMessage();
            int colon = m.indexOf(": ");
            throw new UserException(colon < 0 ? m : m.substring(colon + 2));
        }
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
    }

    /** Stop strings as one line: "|" between them, "\n", "\t", "\|" and "\\" escaped. */
    static final class StopStrings {
        private StopStrings() {
        }

        static List<String> parse(String text) {
            var out = new ArrayList<String>();
            var sb = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    char n = text.charAt(++i);
                    sb.append(switch (n) {
                        case 'n' -> "\n";
                        case 't' -> "\t";
                        case '|' -> "|";
                        case '\\' -> "\\";
                        default -> "\\" + n;
                    });
                } else if (c == '|') {
                    add(out, sb);
                } else {
                    sb.append(c);
                }
            }
            add(out, sb);
            return out;
        }

        private static void add(List<String> out, StringBuilder sb) {
            if (!sb.isEmpty()) {
                out.add(sb.toString());
            }
            sb.setLength(0);
        }

        static String format(List<String> stops) {
            var parts = new ArrayList<String>();
            for (String s : stops) {
                parts.add(s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n").replace("\t", "\\t"));
            }
            return String.join("|", parts);
        }
    }
}
