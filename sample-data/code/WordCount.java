import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Counts the words of a text file and prints the ten most frequent ones. */
public class WordCount {
    public static void main(String[] args) throws IOException {
        String text = Files.readString(Path.of(args[0])).toLowerCase();
        Map<String, Integer> counts = new TreeMap<>();
        for (String word : text.split("[^\\p{L}']+")) {
            if (!word.isEmpty()) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(10)
                .forEach(e -> System.out.printf("%-12s %6d%n", e.getKey(), e.getValue()));
    }
}
