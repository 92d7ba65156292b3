package dev.sheepop.tokenizer;

import dev.sheepop.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Learns a byte-level BPE vocabulary from text. Two passes:
 * <ol>
 *   <li>count the pre-tokenized pieces ({@link PreTokenizer}) of the text, streaming over it on all cores — memory
 *       holds one count per distinct piece, never the pieces of the whole text;</li>
 *   <li>merge, again and again, the most frequent adjacent pair of tokens inside the pieces (ties: the pair with the
 *       smaller ids), updating only the pieces that hold it, until the vocabulary has {@code vocabSize} tokens or no
 *       pair occurs {@code minFrequency} times.</li>
 * </ol>
 * The result is deterministic: the same text and settings give the same merges (and the same tokenizer.json, byte
 * for byte). Token 0 is {@link #END_OF_TEXT}, tokens 1..256 the bytes 0..255, then one token per merge.
 */
public final class BpeTrainer {
    /** The one special token of a trained BPE tokenizer: separates documents, ends generations (GPT-2's name). */
    public static final String END_OF_TEXT = "<|endoftext|>";
    /** The smallest vocabulary: the end-of-text token and the 256 bytes. */
    public static final int MIN_VOCAB = 257;
    public static final int MAX_VOCAB = 65_536;
    private static final int CHUNK = 1 << 20;

    /** Progress of a long training: phase ("counting", "merging") and fraction done in [0, 1]. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (phase, fraction) -> { };

        void update(String phase, double fraction);
    }

    private final int vocabSize;
    private final int minFrequency;
    private final int threads;

    public BpeTrainer(int vocabSize, int minFrequency) {
        this(vocabSize, minFrequency, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    public BpeTrainer(int vocabSize, int minFrequency, int threads) {
        if (vocabSize < MIN_VOCAB || vocabSize > MAX_VOCAB) {
            throw new ConfigException("tokenizer.vocab_size", "must be in [" + MIN_VOCAB + ", " + MAX_VOCAB
                    + "] (256 bytes + the end-of-text token, up to 65,536), got " + vocabSize);
        }
        if (minFrequency < 1) {
            throw new ConfigException("tokenizer.min_frequency", "must be >= 1, got " + minFrequency);
        }
        this.vocabSize = vocabSize;
        this.minFrequency = minFrequency;
        this.threads = Math.max(1, threads);
    }

    /** Learns a tokenizer from {@code documents}; throws {@link CancellationException} when cancelled. */
    public BpeTokenizer train(List<String> documents, Progress progress, BooleanSupplier cancelled) {
        Map<String, Long> counts = countPieces(documents, progress, cancelled);
        return merge(counts, documents, progress, cancelled);
    }

    /** Pass 1: piece → occurrences, over all documents, in parallel over chunks of text. */
    Map<String, Long> countPieces(List<String> documents, Progress progress, BooleanSupplier cancelled) {
        var chunks = new ArrayList<int[]>();   // {document, from, to}
        long total = 0;
        for (int d = 0; d < documents.size(); d++) {
            String text = documents.get(d);
            total += text.length();
            int from = 0;
            while (from < text.length()) {
                int to = safeBoundary(text, from + CHUNK);
                chunks.add(new int[]{d, from, to});
                from = to;
            }
        }
        var next = new AtomicInteger();
        var done = new AtomicLong();
        long totalChars = Math.max(1, total);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, chunks.size())), r -> {
            Thread t = new Thread(r, "sheepop-bpe-count");
            t.setDaemon(true);
            return t;
        });
        try {
            var futures = new ArrayList<Future<HashMap<String, long[]>>>();
            for (int w = 0; w < Math.min(threads, Math.max(1, chunks.size())); w++) {
                futures.add(pool.submit(() -> {
                    var local = new HashMap<String, long[]>();
                    for (int c; (c = next.getAndIncrement()) < chunks.size(); ) {
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException("tokenizer training cancelled");
                        }
                        int[] chunk = chunks.get(c);
                        String text = documents.get(chunk[0]);
                        PreTokenizer.split(text, chunk[1], chunk[2],
                                (s, e) -> local.computeIfAbsent(text.substring(s, e), k -> new long[1])[0]++);
                        progress.update("counting", done.addAndGet(chunk[2] - chunk[1]) / (double) totalChars);
                    }
                    return local;
                }));
            }
            var merged = new TreeMap<String, Long>();   // sorted: word order, and so merges, are deterministic
            for (var f : futures) {
                f.get().forEach((k, v) -> merged.merge(k, v[0], Long::sum));
            }
            return merged;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof CancellationException ce) {
                throw ce;
            }
            throw new IllegalStateException("counting pieces failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A position at or after {@code want} where a piece always ends, whatever came before: after a newline that
     * follows a non-space character and precedes a letter (the newline is then a piece of its own). The text's end
     * if there is none.
     */
    static int safeBoundary(String text, int want) {
        for (int q = Math.max(2, want); q < text.length(); q++) {
            if (text.charAt(q - 1) == '\n' && !PreTokenizer.isWhitespace(text.charAt(q - 2))
                    && Character.isLetter(text.charAt(q))) {
                return q;
            }
        }
        return text.length();
    }

    /** Pass 2: the merges. */
    private BpeTokenizer merge(Map<String, Long> counts, List<String> documents, Progress progress, BooleanSupplier cancelled) {
        int n = counts.size();
        int[][] words = new int[n][];
        long[] freq = new long[n];
        int w = 0;
        for (var e : counts.entrySet()) {
            byte[] b = e.getKey().getBytes(StandardCharsets.UTF_8);
            int[] s = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                s[i] = 1 + (b[i] & 0xFF);
            }
            words[w] = s;
            freq[w] = e.getValue();
            w++;
        }
        var tokens = new ArrayList<byte[]>();
        tokens.add(null);                                    // 0: <|endoftext|>
        var index = new HashMap<String, Integer>();          // token bytes (as Latin-1) → id
        for (int b = 0; b < 256; b++) {
            tokens.add(new byte[]{(byte) b});
            index.put(latin1(new byte[]{(byte) b}), 1 + b);
        }
        var pairCounts = new HashMap<Long, long[]>();
        var where = new HashMap<Long, BpeTokenizer.IntList>();
        for (w = 0; w < n; w++) {
            int[] s = words[w];
            for (int i = 0; i + 1 < s.length; i++) {
                long key = PairTable.key(s[i], s[i + 1]);
                pairCounts.computeIfAbsent(key, k -> new long[1])[0] += freq[w];
                var list = where.computeIfAbsent(key, k -> new BpeTokenizer.IntList(4));
                if (list.size() == 0 || list.get(list.size() - 1) != w) {
                    list.add(w);
                }
            }
        }
        // max-heap by count, then the smaller pair first; entries go stale and are re-checked when popped
        var queue = new PriorityQueue<long[]>((x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(x[1], y[1]));
        pairCounts.forEach((k, c) -> queue.add(new long[]{c[0], k}));
        var merges = new ArrayList<BpeTokenizer.Merge>();
        int[] stamp = new int[n];
        Arrays.fill(stamp, -1);
        int target = vocabSize - tokens.size();
        var delta = new HashMap<Long, long[]>();
        while (tokens.size() < vocabSize && !queue.isEmpty()) {
            long[] top = queue.poll();
            long[] current = pairCounts.get(top[1]);
            long count = current == null ? 0 : current[0];
            if (count != top[0]) {
                if (count > 0) {
                    queue.add(new long[]{count, top[1]});    // its count fell since it was queued
                }
                continue;
            }
            if (count < minFrequency) {
                break;
            }
            if (merges.size() % 64 == 0) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("tokenizer training cancelled");
                }
                progress.update("merging", (tokens.size() - 257.0) / Math.max(1, target));
            }
            int a = (int) (top[1] >>> 32);
            int b = (int) top[1];
            byte[] joined = concat(tokens.get(a), tokens.get(b));
            String key = latin1(joined);
            Integer existing = index.get(key);
            int result;
            if (existing != null) {
                result = existing;                           // the same bytes were already made by other merges
            } else {
                result = tokens.size();
                tokens.add(joined);
                index.put(key, result);
            }
            int rank = merges.size();
            merges.add(new BpeTokenizer.Merge(a, b, result));
            var occurrences = where.remove(top[1]);
            for (int k = 0; k < occurrences.size(); k++) {
                int word = occurrences.get(k);
                if (stamp[word] == rank) {
                    continue;
                }
                stamp[word] = rank;
                int[] s = words[word];
                int[] merged = replace(s, a, b, result);
                if (merged == s) {
                    continue;
                }
                delta.clear();
                for (int i = 0; i + 1 < s.length; i++) {
                    delta.computeIfAbsent(PairTable.key(s[i], s[i + 1]), x -> new long[1])[0] -= freq[word];
                }
                for (int i = 0; i + 1 < merged.length; i++) {
                    delta.computeIfAbsent(PairTable.key(merged[i], merged[i + 1]), x -> new long[1])[0] += freq[word];
                }
                words[word] = merged;
                for (var d : delta.entrySet()) {
                    long change = d.getValue()[0];
                    if (change == 0) {
                        continue;
                    }
                    long[] c = pairCounts.computeIfAbsent(d.getKey(), x -> new long[1]);
                    c[0] += change;
                    if (change > 0) {
                        queue.add(new long[]{c[0], d.getKey()});
                        var list = where.computeIfAbsent(d.getKey(), x -> new BpeTokenizer.IntList(4));
                        if (list.size() == 0 || list.get(list.size() - 1) != word) {
                            list.add(word);
                        }
                    }
                }
            }
            pairCounts.remove(top[1]);
        }
        if (tokens.size() < vocabSize) {
            long chars = 0;
            for (String d : documents) {
                chars += d.length();
            }
            throw new ConfigException("tokenizer.vocab_size", "the training text (" + String.format("%,d", chars)
                    + " characters) has only " + tokens.size() + " tokens' worth of pairs seen at least min_frequency="
                    + minFrequency + " times: use vocab_size <= " + tokens.size() + ", a lower min_frequency or more text");
        }
        progress.update("merging", 1.0);
        return new BpeTokenizer(tokens, Map.of(0, END_OF_TEXT), merges, 0, 0);
    }

    /** {@code s} with every non-overlapping (a, b), left to right, replaced by {@code m}; {@code s} itself if none. */
    private static int[] replace(int[] s, int a, int b, int m) {
        int[] out = null;
        int o = 0;
        for (int i = 0; i < s.length; i++) {
            if (i + 1 < s.length && s[i] == a && s[i + 1] == b) {
                if (out == null) {
                    out = new int[s.length - 1];
                    System.arraycopy(s, 0, out, 0, i);
                    o = i;
                }
                out[o++] = m;
                i++;
            } else if (out != null) {
                out[o++] = s[i];
            }
        }
        return out == null ? s : Arrays.copyOf(out, o);
    }

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] z = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, z, x.length, y.length);
        return z;
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
