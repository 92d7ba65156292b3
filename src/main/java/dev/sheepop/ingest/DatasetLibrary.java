package dev.sheepop.ingest;

import dev.sheepop.common.UserException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The workbench's named datasets: one folder each under a root ({@code datasets/notes}, {@code datasets/papers}),
 * and which one is in use (remembered in {@code .current} under the root, so the next session opens it again).
 */
public final class DatasetLibrary {
    private static final String CURRENT = ".current";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    private final Path root;

    public DatasetLibrary(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The folder of a dataset name. */
    public Path folder(String name) {
        return root.resolve(name);
    }

    /** The datasets' names, sorted: every folder under the root that is a dataset or an empty new one. */
    public List<String> names() {
        var names = new ArrayList<String>();
        if (!Files.isDirectory(root)) {
            return names;
        }
        try (Stream<Path> list = Files.list(root)) {
            for (Path p : list.filter(Files::isDirectory).sorted().toList()) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") && (Dataset.isDataset(p) || isEmptyDataset(p))) {
                    names.add(n);
                }
            }
        } catch (IOException e) {
            throw new UserException("Cannot list the datasets in " + root + ": " + e.getMessage(), e);
        }
        return names;
    }

    private static boolean isEmptyDataset(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.allMatch(p -> p.getFileName().toString().equals(DatasetLayout.CACHE)
                    || p.getFileName().toString().equals(DatasetLayout.TOKENS));
        } catch (IOException e) {
            return false;
        }
    }

    /** Why a new dataset cannot have this name ("" when it can). */
    public String checkNewName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            return "a name is required";
        }
        if (!NAME.matcher(n).matches()) {
            return "use letters, digits, spaces, '.', '_' or '-' (up to 64), starting with a letter or digit";
        }
        if (Files.exists(root.resolve(n))) {
            return "a dataset named '" + n + "' exists already";
        }
        return "";
    }

    /** Creates an empty dataset folder and returns its name. */
    public String create(String name) {
        String problem = checkNewName(name);
        if (!problem.isEmpty()) {
            throw new UserException("Cannot create dataset '" + name + "': " + problem);
        }
        String n = name.strip();
        try {
            Files.createDirectories(root.resolve(n));
        } catch (IOException e) {
            throw new UserException("Cannot create " + root.resolve(n) + ": " + e.getMessage(), e);
        }
        return n;
    }

    /** The dataset in use: the one remembered, else {@code fallback} when it exists, else the first, else null. */
    public String current(String fallback) {
        List<String> names = names();
        try {
            Path file = root.resolve(CURRENT);
            if (Files.isRegularFile(file)) {
                String remembered = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (names.contains(remembered)) {
                    return remembered;
                }
            }
        } catch (IOException e) {
            // an unreadable note: fall back
        }
        return names.contains(fallback) ? fallback : names.isEmpty() ? null : names.get(0);
    }

    /** Remembers the dataset in use. */
    public void setCurrent(String name) {
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve(CURRENT), name + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException("Cannot write " + root.resolve(CURRENT) + ": " + e.getMessage(), e);
        }
    }

    /** Empties a dataset whose inputs were all removed: its documents go, the extraction cache stays. */
    public static void clear(Path dataset) {
        try {
            for (String f : List.of(DatasetLayout.CORPUS, DatasetLayout.MANIFEST, DatasetLayout.STATS)) {
                Files.deleteIfExists(dataset.resolve(f));
            }
        } catch (IOException e) {
            throw new UserException("Cannot empty " + dataset + ": " + e.getMessage(), e);
        }
    }
}
