package dev.sheepop.tokenizer;

import dev.sheepop.config.TokenizerConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The tokenizer lab: what each tokenizer choice does to a corpus. For the character tokenizer and BPE at several
 * vocabulary sizes: how long it takes to learn, how many tokens the corpus becomes, characters per token (how much
 * text one position of the model's context holds), the most frequent tokens, and a passage cut at token boundaries.
 */
public final class TokenizerLab {
    /** Makes (or fetches from a cache) the tokenizer of a config, reporting progress. */
    @FunctionalInterface
    public interface Maker {
        Tokenizer make(TokenizerConfig config, BpeTrainer.Progress progress);
    }

    /** A token and how often it occurs in the corpus. */
    public record TopToken(int id, String text, long count) {
    }

    /** One tokenizer's figures over the corpus. */
    public record Row(TokenizerConfig config, Tokenizer tokenizer, double learnSeconds, long tokens, long characters,
                      List<TopToken> top) {
        public double charactersPerToken() {
            return tokens == 0 ? 0 : (double) characters / tokens;
        }

        /** "characters" or "BPE 2,048". */
        public String name() {
            return config.type() == TokenizerConfig.Type.CHAR ? "characters" : String.format("BPE %,d", config.vocabSize());
        }
    }

    /** A run of text that is one token, or several tokens that together make whole characters. */
    public record Piece(String text, int[] ids) {
    }

    /** Progress over the whole comparison: which tokenizer, and the fraction of all the work done. */
    @FunctionalInterface
    public interface Progress {
        void update(String what, double fraction);
    }

    private TokenizerLab() {
    }

    /**
     * Compares the character tokenizer and BPE at {@code sizes} on {@code documents}; sizes the corpus cannot support
     * are skipped (with the reason in the log). Throws {@link CancellationException} when cancelled.
     */
    public static List<Row> compare(List<String> documents, List<Integer> sizes, int topTokens, Maker maker,
                                    Progress progress, BooleanSupplier cancelled, java.util.function.Consumer<String> log) {
        var configs = new ArrayList<TokenizerConfig>();
        configs.add(TokenizerConfig.chars());
        sizes.stream().sorted().distinct().forEach(v -> configs.add(TokenizerConfig.bpe(v)));
        long characters = 0;
        for (String d : documents) {
            characters += d.codePointCount(0, d.length());
        }
        var rows = new ArrayList<Row>();
        for (int i = 0; i < configs.size(); i++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled");
            }
            var config = configs.get(i);
            int index = i;
            String name = config.type() == TokenizerConfig.Type.CHAR ? "characters" : String.format("BPE %,d", config.vocabSize());
            long t0 = System.nanoTime();
            Tokenizer tokenizer;
            try {
                tokenizer = maker.make(config, (phase, f) -> progress.update(name + ": " + phase,
                        (index + 0.8 * f) / configs.size()));
            } catch (dev.sheepop.config.ConfigException e) {
                log.accept(name + ": " + e.reason());
                continue;
            }
            double learn = (System.nanoTime() - t0) / 1e9;
            progress.update(name + ": encoding", (index + 0.8) / configs.size());
            long[] counts = new long[tokenizer.vocabSize()];
            long tokens = 0;
            for (String d : documents) {
                for (int id : tokenizer.encode(d)) {
                    counts[id]++;
                    tokens++;
                }
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled");
                }
            }
            rows.add(new Row(config, tokenizer, config.type() == TokenizerConfig.Type.CHAR ? 0 : learn, tokens, characters,
                    top(tokenizer, counts, topTokens)));
            progress.update(name, (index + 1.0) / configs.size());
        }
        return rows;
    }

    /** The {@code n} most frequent tokens (ties: the lower id), special tokens left out. */
    static List<TopToken> top(Tokenizer tokenizer, long[] counts, int n) {
        var ids = new ArrayList<Integer>();
        for (int id = 0; id < counts.length; id++) {
            if (counts[id] > 0 && !tokenizer.isSpecial(id)) {
                ids.add(id);
            }
        }
        ids.sort((a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
        var out = new ArrayList<TopToken>();
        for (int k = 0; k < Math.min(n, ids.size()); k++) {
            int id = ids.get(k);
            out.add(new TopToken(id, tokenizer.tokenText(id), counts[id]));
        }
        return out;
    }

    /**
     * {@code text} cut where its tokens begin and end. Tokens that hold only part of a character (an emoji split over
     * byte tokens) are grouped until the character is complete, so every piece is readable text.
     */
    public static List<Piece> pieces(Tokenizer tokenizer, String text) {
        var out = new ArrayList<Piece>();
        var stream = new TextStream(tokenizer);
        var pending = new ArrayList<Integer>();
        for (int id : tokenizer.encode(text)) {
            pending.add(id);
            String piece = stream.append(id);
            if (!piece.isEmpty() || !stream.holdsBytes()) {
                out.add(new Piece(piece, pending.stream().mapToInt(Integer::intValue).toArray()));
                pending.clear();
            }
        }
        if (!pending.isEmpty()) {
            out.add(new Piece(stream.flush(), pending.stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    /** A passage of about {@code chars} characters from the start of the corpus, cut after a line when possible. */
    public static String passage(List<String> documents, int chars) {
        for (String d : documents) {
            if (!d.isBlank()) {
                if (d.length() <= chars) {
                    return d;
                }
                int end = d.lastIndexOf('\n', chars);
                end = end > chars / 2 ? end + 1 : chars;
                if (Character.isHighSurrogate(d.charAt(end - 1))) {
                    end++;
                }
                return d.substring(0, end);
            }
        }
        return "";
    }

    /** Shows whitespace in a token: space as ␣, newline as ↵, tab as →. */
    public static String visible(String token) {
        return token.replace(' ', '␣').replace("\n", "↵").replace("\t", "→").replace("\r", "␍");
    }
}
