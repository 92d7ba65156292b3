package dev.sheepop.data;

import dev.sheepop.common.Hashing;
import dev.sheepop.common.UserException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one place that turns a {@code --data} path into a {@link Corpus}. Today: a UTF-8 text file (one document)
 * or a folder whose text files (sorted by path, hidden entries skipped) are the documents. Ingested dataset
 * folders and raw folders of PDFs/images go through the ingest package once it is merged here.
 */
public final class CorpusSource {
    private static final Set<String> TEXT = Set.of("txt", "md", "rst", "text", "csv", "tsv", "json", "jsonl", "xml",
            "html", "htm", "yaml", "yml", "toml", "tex", "log", "java", "py", "js", "ts", "c", "h", "cpp", "go", "rs",
            "kt", "scala", "rb", "php", "sh", "sql");

    private CorpusSource() {
    }

    public static Corpus read(Path path) {
        if (!Files.exists(path)) {
            throw new UserException("Data not found: " + path);
        }
        try {
            if (Files.isRegularFile(path)) {
                String text = readText(path);
                return new Corpus(List.of(text), Hashing.sha256(text), path.toString());
            }
            var docs = new ArrayList<String>();
            var digest = Hashing.sha256();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> path.relativize(p).toString().chars().noneMatch(ch -> ch == '\u0000'))
                        .filter(p -> !hidden(path, p))
                        .filter(p -> TEXT.contains(extension(p)))
                        .sorted().toList();
            }
            for (Path file : files) {
                String text = readText(file);
                if (!text.isBlank()) {
                    docs.add(text);
                    digest.update(text.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                }
            }
            if (docs.isEmpty()) {
                throw new UserException("No text files in " + path + " (run 'sheepop ingest' for PDFs and images)");
            }
            return new Corpus(docs, java.util.HexFormat.of().formatHex(digest.digest()), path.toString());
        } catch (IOException e) {
            throw new UserException("Cannot read " + path + ": " + e.getMessage());
        }
    }

    private static String readText(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString().replace("\r\n", "\n");
        } catch (CharacterCodingException e) {
            throw new UserException("Not UTF-8 text: " + file);
        }
    }

    private static boolean hidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase();
    }
}
