package dev.sheepop.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sheepop.common.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The settings in which two run configs differ, by JSON path ({@code training.learning_rate}). */
public final class ConfigDiff {
    /** One setting that differs; a value missing on one side is null there. */
    public record Difference(String path, String a, String b) {
    }

    private ConfigDiff() {
    }

    public static List<Difference> between(RunConfig a, RunConfig b) {
        var out = new ArrayList<Difference>();
        diff(Json.mapper().valueToTree(a), Json.mapper().valueToTree(b), "", out);
        return out;
    }

    private static void diff(JsonNode a, JsonNode b, String prefix, List<Difference> out) {
        var names = new TreeSet<String>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            JsonNode va = a.get(n);
            JsonNode vb = b.get(n);
            if (va != null && vb != null && va.isObject() && vb.isObject()) {
                diff(va, vb, prefix + n + ".", out);
            } else if (va == null || !va.equals(vb)) {
                out.add(new Difference(prefix + n, va == null ? null : va.toString(), vb == null ? null : vb.toString()));
            }
        }
    }
}
