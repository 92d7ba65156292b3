package dev.sheepop.cli;

import dev.sheepop.insight.IndexBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code sheepop bench index}: the corpus index behind the memorisation meter. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Measure the corpus index that finds copied text: build time, memory per character, lookup time.",
                "Without --data: 10 MB of synthetic text."},
        footer = {"", "Example: sheepop bench index --mb 10"})
public final class BenchIndexCommand implements Callable<Integer> {
    static final double BUILD_TARGET_SECONDS = 15;
    static final double MEMORY_TARGET_BYTES = 10;
    static final double LOOKUP_TARGET_MICROS = 1000;

    @Mixin
    BenchCorpusOptions corpus;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        List<String> docs = corpus.documents(spec, 500);
        var r = IndexBenchmark.run(docs, 2000);
        out.printf(Locale.ROOT, "Corpus: %s, %,d characters%n", corpus.describe(), r.characters());
        out.printf(Locale.ROOT, "build:    %.2f s%n", r.buildSeconds());
        out.printf(Locale.ROOT, "memory:   %.1f bytes per character kept (text and suffix array), %.1f allocated while building%n",
                r.keptBytesPerChar(), r.allocatedBytesPerChar());
        out.printf(Locale.ROOT, "lookup:   %.1f µs per 60-character span (median of %,d)%n", r.lookupMicros(), r.lookups());
        double scaled = r.buildSeconds() * 10e6 / r.characters();
        out.println((scaled < BUILD_TARGET_SECONDS ? "PASS  " : "MISS  ") + String.format(Locale.ROOT,
                "indexing 10 MB in under %.0f s%s", BUILD_TARGET_SECONDS,
                r.characters() >= 9_000_000 ? "" : String.format(Locale.ROOT, " (scaled linearly: %.1f s)", scaled)));
        out.println((r.allocatedBytesPerChar() < MEMORY_TARGET_BYTES ? "PASS  " : "MISS  ")
                + "under 10 bytes of memory per character (everything allocated while building)");
        out.println((r.lookupMicros() < LOOKUP_TARGET_MICROS ? "PASS  " : "MISS  ") + "a span lookup in under 1 ms");
        out.flush();
        return Cli.OK;
    }
}
