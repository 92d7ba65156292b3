package dev.sheepop.cli;

import dev.sheepop.data.CorpusSource;
import dev.sheepop.insight.CorpusSearch;
import dev.sheepop.insight.Retrieval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sheepop search --data DATASET QUERY}: the passages of a corpus that best match a query. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Find the passages of your corpus that best match a query (BM25), with the file each came from",
                "and the matched words marked «like this». A dataset folder keeps its search index beside it."},
        footer = {"", "Example: sheepop search --data datasets/sample-data \"winter of our discontent\""})
public final class SearchCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "PATH", required = true, description = "A dataset folder or a text file.")
    Path data;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5", description = "Passages to show (default ${DEFAULT-VALUE}).")
    int top;

    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "Words to look for.")
    List<String> query;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Options.range(spec, "--top", top, 1, 1000);
        var out = spec.commandLine().getOut();
        String q = String.join(" ", query);
        try (var retrieval = new Retrieval(CorpusSource.read(data))) {
            List<CorpusSearch.Hit> hits = retrieval.search(q, top);
            if (hits.isEmpty()) {
                out.println("No passage of " + data + " matches \"" + q + "\"");
                return Cli.OK;
            }
            int rank = 1;
            for (var h : hits) {
                out.printf(Locale.ROOT, "%d. %s, at character %,d (score %.2f)%n", rank++, h.file(), h.offset(), h.score());
                out.println("   " + marked(h).strip().replace("\n", "\n   "));
                out.println();
            }
        }
        out.flush();
        return Cli.OK;
    }

    /** The passage with its matched words between « and ». */
    static String marked(CorpusSearch.Hit h) {
        var sb = new StringBuilder();
        int at = 0;
        for (int[] r : h.highlights()) {
            sb.append(h.text(), at, r[0]).append('«').append(h.text(), r[0], r[1]).append('»');
            at = r[1];
        }
        return sb.append(h.text().substring(at)).toString();
    }
}
