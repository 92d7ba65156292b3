package dev.sheepop.data;

import dev.sheepop.common.AtomicWrite;
import dev.sheepop.common.Hashing;
import dev.sheepop.config.TokenizerConfig;
import dev.sheepop.ingest.DatasetLayout;
import dev.sheepop.tokenizer.Tokenizer;
import dev.sheepop.tokenizer.TokenizerIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The {@code tokens/} folder of a dataset: BPE tokenizers learned from its training text and the token ids of its
 * parts, keyed by the corpus hash, the split and the tokenizer (its settings, or its content hash for ids), so a
 * second run on the same dataset neither learns nor encodes again. Files are written to a temporary name, then
 * renamed; a damaged or foreign file is recomputed. The newest {@value #KEEP} files are kept.
 */
final class TokenCache {
    private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);
    private static final int MAGIC = 0x5348544B;   // "SHTK"
    private static final int VERSION = 1;
    private static final int KEEP = 24;
    private final Path dir;
    private final String corpusHash;

    private TokenCache(Path dir, String corpusHash) {
        this.dir = dir;
        this.corpusHash = corpusHash;
    }

    /** The cache of a corpus's dataset folder, or one that caches nothing. */
    static TokenCache of(Corpus corpus) {
        return new TokenCache(corpus.datasetDir() == null ? null : corpus.datasetDir().resolve(DatasetLayout.TOKENS), corpus.hash());
    }

    /** The tokenizer for {@code config}: a learned BPE tokenizer from the cache, else {@code make}'s. */
    Tokenizer tokenizer(TokenizerConfig config, double valFraction, Supplier<Tokenizer> make) {
        if (dir == null || config.type() != TokenizerConfig.Type.BPE || config.file() != null) {
            return make.get();
        }
        Path file = dir.resolve("bpe-" + key("bpe-v1", corpusHash, valFraction, config.vocabSize(), config.minFrequency()) + ".json");
        if (Files.isRegularFile(file)) {
            try {
                return TokenizerIO.load(file);
            } catch (RuntimeException e) {
                LOG.warn("cached tokenizer {} unreadable ({}); learning it again", file, e.getMessage());
            }
        }
        Tokenizer tokenizer = make.get();
        write(file, tmp -> TokenizerIO.save(tokenizer, tmp));
        return tokenizer;
    }

    /** The ids of one part ("train" or "val") under {@code tokenizer}: from the cache, else {@code make}'s. */
    int[] tokens(Tokenizer tokenizer, double valFraction, String part, Supplier<int[]> make) {
        if (dir == null) {
            return make.get();
        }
        Path file = dir.resolve("ids-" + key("ids-v1", corpusHash, valFraction, tokenizer.hash(), part) + "-" + part + ".bin");
        if (Files.isRegularFile(file)) {
            try {
                return read(file, tokenizer.vocabSize());
            } catch (IOException | RuntimeException e) {
                LOG.warn("cached token ids {} unreadable ({}); encoding again", file, e.getMessage());
            }
        }
        int[] ids = make.get();
        write(file, tmp -> writeIds(tmp, ids));
        return ids;
    }

    private static String key(Object... parts) {
        var sb = new StringBuilder();
        for (Object p : parts) {
            sb.append(p instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : String.valueOf(p)).append('|');
        }
        return Hashing.sha256(sb.toString()).substring(0, 20);
    }

    private interface Writer {
        void write(Path file) throws IOException;
    }

    /** Writes atomically; a cache that cannot be written is only logged (the run goes on). */
    private void write(Path file, Writer writer) {
        try {
            AtomicWrite.replace(file, writer::write);
            prune();
        } catch (IOException e) {
            LOG.warn("cannot cache {}: {}", file, e.getMessage());
        }
    }

    private void prune() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted(Comparator.comparing((Path p) -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis();
                } catch (IOException e) {
                    return 0L;
                }
            }).reversed()).toList();
        }
        for (int i = KEEP; i < files.size(); i++) {
            Files.deleteIfExists(files.get(i));
        }
    }

    private static void writeIds(Path file, int[] ids) throws IOException {
        var buffer = ByteBuffer.allocate(12 + 4 * ids.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(VERSION).putInt(ids.length);
        buffer.asIntBuffer().put(ids);
        buffer.position(0);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
        }
    }

    private static int[] read(Path file, int vocabSize) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            var buffer = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            if (buffer.remaining() < 12 || buffer.getInt() != MAGIC || buffer.getInt() != VERSION) {
                throw new IOException("not a token-id file of this version");
            }
            int n = buffer.getInt();
            if (buffer.remaining() != 4L * n) {
                throw new IOException("truncated: " + buffer.remaining() + " bytes for " + n + " ids");
            }
            int[] ids = new int[n];
            buffer.asIntBuffer().get(ids);
            for (int id : ids) {
                if (id < 0 || id >= vocabSize) {
                    throw new IOException("id " + id + " outside the vocabulary");
                }
            }
            return ids;
        }
    }
}
