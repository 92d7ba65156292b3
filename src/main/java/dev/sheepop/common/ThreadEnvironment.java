package dev.sheepop.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenMP thread settings every SheepOp process starts with, in one place. ND4J and OpenBLAS run one thread per
 * op ({@code OMP_NUM_THREADS=1}) and Tesseract one per image ({@code OMP_THREAD_LIMIT=1}); SheepOp parallelises
 * with its own threads instead: data-parallel <em>training threads</em> ({@code sheepop train --threads N},
 * {@code -Dsheepop.train.threads=N}) and <em>ingest workers</em> ({@code sheepop ingest --workers N},
 * {@code data.num_workers}). On small machines this is faster both ways (see docs/performance.md) and, in the
 * workbench, it avoids OpenBLAS's buffer regions leaking on a second thread until it aborted the process.
 *
 * <p>ND4J reads {@code OMP_NUM_THREADS} from the environment the JVM starts with, so the values must be set before
 * Java starts. Three launchers that cannot read this class set them too: the {@code sheepop} script
 * ({@code src/main/dist/sheepop}), the java wrapper of {@code mvn javafx:run} ({@code src/main/dist/omp1/bin/java})
 * and Surefire's environment in pom.xml; {@code ThreadEnvironmentTest} keeps them equal to {@link #DEFAULTS}. A
 * jpackage app image, which cannot set variables, starts itself again with them ({@code Main}). A value the user
 * exported always wins.
 */
public final class ThreadEnvironment {
    public static final String OMP_NUM_THREADS = "OMP_NUM_THREADS";
    public static final String OMP_THREAD_LIMIT = "OMP_THREAD_LIMIT";

    /** The variables and the values every launcher sets when the user has not. */
    public static final Map<String, String> DEFAULTS;

    static {
        var defaults = new LinkedHashMap<String, String>();
        defaults.put(OMP_NUM_THREADS, "1");
        defaults.put(OMP_THREAD_LIMIT, "1");
        DEFAULTS = java.util.Collections.unmodifiableMap(defaults);
    }

    private ThreadEnvironment() {
    }

    /** Adds the defaults the environment of a process about to start does not set. */
    public static void applyDefaults(Map<String, String> environment) {
        DEFAULTS.forEach(environment::putIfAbsent);
    }

    /** Whether this JVM started with {@code OMP_NUM_THREADS} set (by a launcher or the user). */
    public static boolean startedWithThreadCount() {
        return System.getenv(OMP_NUM_THREADS) != null;
    }

    /** The variables as this JVM started with them, e.g. "OMP_NUM_THREADS=1, OMP_THREAD_LIMIT=1"; "" when unset. */
    public static String describe() {
        List<String> set = new ArrayList<>();
        for (String name : DEFAULTS.keySet()) {
            String value = System.getenv(name);
            if (value != null) {
                set.add(name + "=" + value);
            }
        }
        return String.join(", ", set);
    }

    /**
     * Sets the thread count into this process's own environment, unless the user set it, before OpenMP, OpenBLAS
     * and Tesseract load (the workbench started without a launcher); with one thread also Tesseract's limit.
     */
    public static void limitNativeLibraries(int threads) {
        ProcessEnvironment.setIfUnset(OMP_NUM_THREADS, Integer.toString(threads));
        if (threads == 1) {
            ProcessEnvironment.setIfUnset(OMP_THREAD_LIMIT, "1");
        }
    }
}
