package dev.sheepop.tokenizer;

import dev.sheepop.common.Hashing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE, as GPT-2 and the Hugging Face tokenizers library do it: text is split by {@link PreTokenizer},
 * each piece's UTF-8 bytes start as byte tokens, and the learned merges are applied lowest rank first (leftmost
 * first among equals). Every text encodes (no unknown token) and decodes back byte for byte. The vocabulary and
 * merges are those of a Hugging Face {@code tokenizer.json} ({@link HfTokenizerJson}); pieces seen before are
 * served from a cache.
 */
public final class BpeTokenizer implements Tokenizer {
    /** A merge: the pair of token ids it joins and the id of the result. */
    public record Merge(int left, int right, int result) {
    }

    private static final int CACHE_LIMIT = 1 << 18;

    private final byte[][] bytes;          // id → bytes (empty for special tokens)
    private final String[] specialNames;   // id → name, null for ordinary tokens
    private final int[] byteIds = new int[256];
    private final List<Merge> merges;
    private final PairTable ranks;         // (left, right) → rank in merges
    private final int eos;
    private final int bos;
    private final String hash;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * A tokenizer over {@code tokenBytes} (index = id; null for a special token, whose name is in
     * {@code specialNames}) and merges in rank order. Every single byte must be a token.
     */
    public BpeTokenizer(List<byte[]> tokenBytes, Map<Integer, String> specialNames, List<Merge> merges, int eos, int bos) {
        int n = tokenBytes.size();
        this.bytes = new byte[n][];
        this.specialNames = new String[n];
        Arrays.fill(byteIds, -1);
        for (int id = 0; id < n; id++) {
            String special = specialNames.get(id);
            if (special != null) {
                this.specialNames[id] = special;
                this.bytes[id] = new byte[0];
                continue;
            }
            byte[] b = tokenBytes.get(id);
            if (b == null || b.length == 0) {
                throw new IllegalArgumentException("token " + id + " has no bytes and is not special");
            }
            this.bytes[id] = b.clone();
            if (b.length == 1 && byteIds[b[0] & 0xFF] < 0) {
                byteIds[b[0] & 0xFF] = id;
            }
        }
        for (int b = 0; b < 256; b++) {
            if (byteIds[b] < 0) {
                throw new IllegalArgumentException(String.format("byte 0x%02X is not a token: not a byte-level vocabulary", b));
            }
        }
        checkId(eos, "end-of-text token");
        checkId(bos, "begin token");
        this.eos = eos;
        this.bos = bos;
        this.merges = List.copyOf(merges);
        this.ranks = new PairTable(merges.size());
        for (int r = 0; r < merges.size(); r++) {
            Merge m = merges.get(r);
            checkId(m.left(), "merge " + r);
            checkId(m.right(), "merge " + r);
            checkId(m.result(), "merge " + r);
            ranks.putIfAbsent(m.left(), m.right(), r);
        }
        this.hash = computeHash();
    }

    private void checkId(int id, String what) {
        if (id < 0 || id >= bytes.length) {
            throw new IllegalArgumentException(what + ": id " + id + " outside the vocabulary [0, " + bytes.length + ")");
        }
    }

    @Override
    public String type() {
        return "bpe";
    }

    @Override
    public int vocabSize() {
        return bytes.length;
    }

    public List<Merge> merges() {
        return merges;
    }

    /** The special tokens' ids and names, in id order. */
    public Map<Integer, String> specialTokens() {
        var map = new java.util.TreeMap<Integer, String>();
        for (int id = 0; id < specialNames.length; id++) {
            if (specialNames[id] != null) {
                map.put(id, specialNames[id]);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public int[] encode(String text) {
        var out = new IntList(Math.max(16, text.length() / 3));
        PreTokenizer.split(text, (start, end) -> out.addAll(encodePiece(text.substring(start, end))));
        return out.toArray();
    }

    /** The ids of one pre-tokenized piece (cached). */
    int[] encodePiece(String piece) {
        int[] ids = cache.get(piece);
        if (ids == null) {
            ids = merge(piece.getBytes(StandardCharsets.UTF_8));
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(piece, ids);
        }
        return ids;
    }

    /**
     * Applies the merges to one piece's bytes: a heap of candidate pairs ordered by (rank, position); a popped
     * candidate still valid is merged and its new neighbours become candidates. O(n log n) in the piece length.
     */
    private int[] merge(byte[] piece) {
        int n = piece.length;
        int[] sym = new int[n];
        int[] next = new int[n];
        int[] prev = new int[n];
        for (int i = 0; i < n; i++) {
            sym[i] = byteIds[piece[i] & 0xFF];
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }
        if (n == 1) {
            return sym;
        }
        var heap = new LongHeap(n);
        for (int i = 0; i + 1 < n; i++) {
            int r = ranks.get(sym[i], sym[i + 1]);
            if (r >= 0) {
                heap.push(((long) r << 32) | i);
            }
        }
        int alive = n;
        while (!heap.isEmpty()) {
            long top = heap.pop();
            int rank = (int) (top >>> 32);
            int i = (int) top;
            if (sym[i] < 0 || next[i] < 0) {
                continue;
            }
            int j = next[i];
            Merge m = merges.get(rank);
            int current = ranks.get(sym[i], sym[j]);
            if (current < 0 || merges.get(current).result() != m.result()) {
                continue;                                   // this pair changed since it was queued
            }
            sym[i] = m.result();
            sym[j] = -1;                                    // j disappears into i
            next[i] = next[j];
            if (next[j] >= 0) {
                prev[next[j]] = i;
            }
            alive--;
            if (prev[i] >= 0) {
                int r = ranks.get(sym[prev[i]], sym[i]);
                if (r >= 0) {
                    heap.push(((long) r << 32) | prev[i]);
                }
            }
            if (next[i] >= 0) {
                int r = ranks.get(sym[i], sym[next[i]]);
                if (r >= 0) {
                    heap.push(((long) r << 32) | i);
                }
            }
        }
        int[] out = new int[alive];
        for (int i = 0, k = 0; i >= 0; i = next[i]) {
            out[k++] = sym[i];
        }
        return out;
    }

    @Override
    public byte[] tokenBytes(int id) {
        checkId(id, "token");
        return bytes[id].clone();
    }

    /** The bytes of a token without copying (read-only by contract). */
    byte[] rawBytes(int id) {
        return bytes[id];
    }

    @Override
    public boolean isSpecial(int id) {
        checkId(id, "token");
        return specialNames[id] != null;
    }

    @Override
    public String specialName(int id) {
        checkId(id, "token");
        return specialNames[id];
    }

    @Override
    public int eos() {
        return eos;
    }

    @Override
    public int bos() {
        return bos;
    }

    @Override
    public int unk() {
        return -1;
    }

    @Override
    public String hash() {
        return hash;
    }

    /** The id of a byte-level token string ({@code Ġthe}) or special name, or -1. */
    public int idOf(String byteLevelOrSpecial) {
        for (int id = 0; id < specialNames.length; id++) {
            if (byteLevelOrSpecial.equals(specialNames[id])) {
                return id;
            }
        }
        byte[] b = ByteLevel.decode(byteLevelOrSpecial);
        if (b == null) {
            return -1;
        }
        for (int id = 0; id < bytes.length; id++) {
            if (specialNames[id] == null && Arrays.equals(bytes[id], b)) {
                return id;
            }
        }
        return -1;
    }

    private String computeHash() {
        var sb = new StringBuilder("bpe\n");
        for (int id = 0; id < bytes.length; id++) {
            sb.append(specialNames[id] != null ? "special:" + specialNames[id] : ByteLevel.encode(bytes[id])).append('\n');
        }
        sb.append("merges\n");
        for (Merge m : merges) {
            sb.append(m.left()).append(' ').append(m.right()).append(' ').append(m.result()).append('\n');
        }
        sb.append("eos ").append(eos).append(" bos ").append(bos);
        return Hashing.sha256(sb.toString());
    }

    /** A growable int array. */
    static final class IntList {
        private int[] a;
        private int n;

        IntList(int capacity) {
            a = new int[Math.max(4, capacity)];
        }

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        void addAll(int[] vs) {
            if (n + vs.length > a.length) {
                a = Arrays.copyOf(a, Math.max(2 * a.length, n + vs.length));
            }
            System.arraycopy(vs, 0, a, n, vs.length);
            n += vs.length;
        }

        int size() {
            return n;
        }

        int get(int i) {
            return a[i];
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** A binary min-heap of longs. */
    static final class LongHeap {
        private long[] a;
        private int n;

        LongHeap(int capacity) {
            a = new long[Math.max(4, capacity)];
        }

        boolean isEmpty() {
            return n == 0;
        }

        void push(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, 2 * n);
            }
            int i = n++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (a[p] <= v) {
                    break;
                }
                a[i] = a[p];
                i = p;
            }
            a[i] = v;
        }

        long pop() {
            long top = a[0];
            long last = a[--n];
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= n) {
                    break;
                }
                if (c + 1 < n && a[c + 1] < a[c]) {
                    c++;
                }
                if (a[c] >= last) {
                    break;
                }
                a[i] = a[c];
                i = c;
            }
            a[i] = last;
            return top;
        }
    }

    /** The tokens as the Hugging Face vocabulary spells them: byte-level strings, special tokens by name. */
    public List<String> vocabStrings() {
        var list = new ArrayList<String>(bytes.length);
        for (int id = 0; id < bytes.length; id++) {
            list.add(specialNames[id] != null ? specialNames[id] : ByteLevel.encode(bytes[id]));
        }
        return list;
    }
}
