package dev.sheepop.cli;

import dev.sheepop.generate.TokenChoice;
import dev.sheepop.tokenizer.TokenizerLab;

import java.util.List;
import java.util.Locale;

/** {@code generate --show-probs}: one line per generated token with its odds and the likeliest alternatives. */
final class TokenTable {
    private TokenTable() {
    }

    static String format(List<TokenChoice> tokens) {
        var sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %7s %7s %10s  %s%n", "TOKEN", "P", "RAW P", "LOGIT",
                "ALTERNATIVES (P / RAW P)"));
        for (TokenChoice t : tokens) {
            String own = t.alternatives().stream().filter(a -> a.id() == t.id()).findFirst()
                    .map(TokenChoice.Alternative::tokenText).orElse(t.text());
            sb.append(String.format(Locale.ROOT, "%-16s %7.4f %7.4f %10.6f ", quote(own), t.probability(), t.rawProbability(),
                    t.logit()));
            for (var a : t.alternatives()) {
                sb.append(String.format(Locale.ROOT, " %s %.4f/%.4f", quote(a.tokenText()), a.probability(), a.rawProbability()));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String quote(String token) {
        return "'" + TokenizerLab.visible(token) + "'";
    }
}
