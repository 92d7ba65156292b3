package dev.sheepop.ingest;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;

/** File types by extension, and sniffing of unknown ones by their first bytes. */
final class FileTypes {
    static final Set<String> TEXT = Set.of("txt", "text", "md", "markdown", "rst", "adoc", "asciidoc", "org", "json",
            "jsonl", "ndjson", "csv", "tsv", "xml", "html", "htm", "xhtml", "yaml", "yml", "toml", "ini", "cfg", "conf",
            "tex", "bib", "log", "srt", "vtt", "rtf", "properties", "env", "po", "textile", "wiki", "me", "nfo");
    static final Set<String> CODE = Set.of("java", "py", "pyi", "js", "mjs", "cjs", "jsx", "ts", "tsx", "c", "h", "cc",
            "cpp", "cxx", "hpp", "hh", "hxx", "cs", "go", "rs", "kt", "kts", "scala", "sc", "rb", "php", "sh", "bash",
            "zsh", "fish", "ps1", "bat", "cmd", "sql", "swift", "m", "mm", "r", "jl", "lua", "pl", "pm", "hs", "ml",
            "mli", "fs", "fsx", "clj", "cljs", "edn", "ex", "exs", "erl", "hrl", "dart", "groovy", "gradle", "vue",
            "svelte", "css", "scss", "sass", "less", "elm", "zig", "nim", "v", "vhd", "vhdl", "sv", "asm", "s", "f",
            "f90", "for", "pas", "d", "lisp", "el", "scm", "rkt", "proto", "graphql", "tf", "cmake", "mk", "ipynb");
    static final Set<String> CODE_NAMES = Set.of("makefile", "dockerfile", "gnumakefile", "cmakelists.txt",
            "jenkinsfile", "rakefile", "gemfile", "build", "workspace");
    static final Set<String> TEXT_NAMES = Set.of("readme", "license", "copying", "authors", "changelog", "notice",
            "contributing", "todo");
    static final Set<String> IMAGE = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif", "pbm", "pgm", "ppm", "pnm",
            "webp");
    static final Set<String> PDF = Set.of("pdf");
    static final Set<String> TOOL_FOLDERS = Set.of(".git", ".hg", ".svn", "node_modules", "target", "build",
            "__pycache__", ".venv", "venv", ".idea", ".gradle", ".mvn", ".tox", ".mypy_cache", ".pytest_cache", "dist");

    private FileTypes() {
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** text, code, pdf, image, or unknown (to be sniffed), from the file name alone. */
    static String byName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        String ext = extension(lower);
        if (CODE_NAMES.contains(lower)) {
            return FileRecord.CODE;
        }
        if (TEXT_NAMES.contains(lower)) {
            return FileRecord.TEXT;
        }
        if (TEXT.contains(ext)) {
            return FileRecord.TEXT;
        }
        if (CODE.contains(ext)) {
            return FileRecord.CODE;
        }
        if (PDF.contains(ext)) {
            return FileRecord.PDF;
        }
        if (IMAGE.contains(ext)) {
            return FileRecord.IMAGE;
        }
        return FileRecord.UNKNOWN;
    }

    /** pdf or image by magic number, text when valid UTF-8 with few control characters, else unknown (binary). */
    static String sniff(byte[] head) {
        if (startsWith(head, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return FileRecord.PDF;
        }
        if (startsWith(head, new byte[]{(byte) 0x89, 'P', 'N', 'G'}) || startsWith(head, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})
                || startsWith(head, "GIF8".getBytes(StandardCharsets.US_ASCII))
                || startsWith(head, new byte[]{'I', 'I', 42, 0}) || startsWith(head, new byte[]{'M', 'M', 0, 42})
                || isBmp(head)) {
            return FileRecord.IMAGE;
        }
        return looksBinary(head, head.length) || !validUtf8Prefix(head) ? FileRecord.UNKNOWN : FileRecord.TEXT;
    }

    /**
     * A real BMP header, not just a file that happens to start with "BM": zero reserved bytes, a pixel-data offset
     * after the headers, and a DIB header of one of the sizes the format defines (12, 40, 52, 56, 64, 108 or 124).
     */
    static boolean isBmp(byte[] head) {
        if (head.length < 18 || head[0] != 'B' || head[1] != 'M') {
            return false;
        }
        int reserved = le32(head, 6);
        long offset = le32(head, 10) & 0xFFFFFFFFL;
        int dib = le32(head, 14);
        boolean knownDib = dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124;
        return reserved == 0 && knownDib && offset >= 14 + dib;
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    /** A NUL byte, or more than 5% control characters other than tab/LF/CR/FF/ESC, in the first bytes. */
    static boolean looksBinary(byte[] bytes, int length) {
        int n = Math.min(Math.min(length, bytes.length), 64 * 1024);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                return true;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) {
                control++;
            }
        }
        return n > 0 && control * 20 > n;
    }

    /** True when the bytes decode as UTF-8, ignoring a multi-byte sequence cut at the end. */
    static boolean validUtf8Prefix(byte[] bytes) {
        int n = bytes.length;
        // drop a possibly cut trailing sequence (at most 3 bytes)
        int cut = n;
        for (int i = n - 1; i >= Math.max(0, n - 3); i--) {
            int b = bytes[i] & 0xFF;
            if (b >= 0xC0) {
                cut = i;
                break;
            }
            if (b < 0x80) {
                break;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, cut));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
