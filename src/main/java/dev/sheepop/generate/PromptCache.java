package dev.sheepop.generate;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * SheepOp LLM's original RetrievalCache idea made useful: the KV state of recent prompts, so that generating again from
 * the same prompt, or from a prompt that extends a cached one, skips that part of the prefill. Keyed by the
 * token prefix (positions from 0), bounded by memory, least recently used evicted first. Thread-safe.
 * Because the decoder computes every position independently of how the prompt was split into blocks, a hit
 * gives bit-for-bit the same logits as a full prefill.
 */
public final class PromptCache {
    /** Counters and memory in use; {@code tokensSaved}: prompt tokens that hits did not have to prefill. */
    public record Stats(long hits, long misses, long tokensSaved, int entries, long bytes, long maxBytes) {
        /** "3 hits, 120 prompt tokens not prefilled, 2 prompts in 1.2 MB". */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%,d hit%s of %,d, %,d prompt tokens not prefilled, %d prompt%s in %.1f MB",
                    hits, hits == 1 ? "" : "s", hits + misses, tokensSaved, entries, entries == 1 ? "" : "s", bytes / 1e6);
        }
    }

    /** A cached prefix: its tokens, their keys and values, and the logits after the last one. */
    record Entry(int[] tokens, KvCache.Snapshot kv, float[] logits) {
        long bytes() {
            return kv.bytes() + 4L * tokens.length + 4L * logits.length + 64;
        }
    }

    private record Key(int[] tokens) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(tokens, k.tokens);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(tokens);
        }
    }

    private final long maxBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long tokensSaved;

    /** A cache holding at most {@code maxBytes} of KV state (64 MB is plenty for small models). */
    public PromptCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The entry with the longest token list that is a prefix of {@code prompt} (counted as hit or miss). */
    synchronized Entry lookup(int[] prompt) {
        Entry best = null;
        for (Entry e : entries.values()) {
            if (e.tokens.length <= prompt.length && (best == null || e.tokens.length > best.tokens.length)
                    && Arrays.equals(e.tokens, 0, e.tokens.length, prompt, 0, e.tokens.length)) {
                best = e;
            }
        }
        if (best == null) {
            misses++;
            return null;
        }
        hits++;
        tokensSaved += best.tokens.length;
        entries.get(new Key(best.tokens)); // marks it most recently used
        return best;
    }

    /** Stores the state after {@code tokens}; evicts least recently used entries beyond the memory bound. */
    synchronized void put(int[] tokens, KvCache.Snapshot kv, float[] logits) {
        var entry = new Entry(tokens.clone(), kv, logits.clone());
        if (entry.bytes() > maxBytes) {
            return;
        }
        Entry old = entries.put(new Key(entry.tokens), entry);
        if (old != null) {
            bytes -= old.bytes();
        }
        bytes += entry.bytes();
        Iterator<Entry> it = entries.values().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Entry eldest = it.next();
            it.remove();
            bytes -= eldest.bytes();
        }
    }

    public synchronized Stats stats() {
        return new Stats(hits, misses, tokensSaved, entries.size(), bytes, maxBytes);
    }

    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }
}
