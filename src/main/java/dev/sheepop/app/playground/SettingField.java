package dev.sheepop.app.playground;

import dev.sheepop.common.UserException;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.function.Function;

/**
 * One sampling setting as the user types it: the text, and why it is not a valid value ("" when it is). The value is
 * parsed and range-checked at every keystroke, so Generate always uses what the field shows.
 *
 * @param <T> the parsed value
 */
public final class SettingField<T> {
    private final String id;
    private final String label;
    private final String help;
    private final Function<String, T> parse;
    private final StringProperty text = new SimpleStringProperty();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private T value;

    /**
     * @param parse turns the text into a value, throwing {@link UserException} or {@link NumberFormatException}
     *              for one it does not accept
     */
    SettingField(String id, String label, String help, String initial, Function<String, T> parse) {
        this.id = id;
        this.label = label;
        this.help = help;
        this.parse = parse;
        text.addListener((o, a, b) -> validate());
        text.set(initial);
    }

    private void validate() {
        try {
            value = parse.apply(text.get() == null ? "" : text.get().trim());
            error.set("");
        } catch (NumberFormatException e) {
            value = null;
            error.set(text.get() == null || text.get().isBlank() ? "enter a value" : "not a number: " + text.get().trim());
        } catch (UserException e) {
            value = null;
            error.set(e.getMessage());
        }
    }

    /** The field's id in the scene ("temperature"). */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** One line on what the setting does. */
    public String help() {
        return help;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public boolean valid() {
        return error.get().isEmpty();
    }

    /** The parsed value; null while the text is invalid. */
    public T value() {
        return value;
    }
}
