package dev.sheepop.common;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launchers that cannot read {@link ThreadEnvironment} set the same defaults. */
class ThreadEnvironmentTest {
    private static final Pattern SHELL_DEFAULT = Pattern.compile(": \"\\$\\{(OMP_\\w+):=(\\w+)}\"");
    private static final Pattern SUREFIRE_VARIABLE = Pattern.compile("<(OMP_\\w+)>(\\w+)</\\1>");

    @Test
    void theLauncherScriptSetsTheDefaults() throws Exception {
        assertEquals(ThreadEnvironment.DEFAULTS, found(SHELL_DEFAULT, Path.of("src/main/dist/sheepop")));
    }

    @Test
    void theJavafxRunWrapperSetsTheDefaults() throws Exception {
        assertEquals(ThreadEnvironment.DEFAULTS, found(SHELL_DEFAULT, Path.of("src/main/dist/omp1/bin/java")));
    }

    @Test
    void theTestsRunWithTheDefaults() throws Exception {
        assertEquals(ThreadEnvironment.DEFAULTS, found(SUREFIRE_VARIABLE, Path.of("pom.xml")));
    }

    @Test
    void aChildKeepsWhatTheUserSetAndGetsTheRest() {
        var env = new HashMap<String, String>(Map.of(ThreadEnvironment.OMP_NUM_THREADS, "8"));
        ThreadEnvironment.applyDefaults(env);
        assertEquals("8", env.get(ThreadEnvironment.OMP_NUM_THREADS));
        assertEquals("1", env.get(ThreadEnvironment.OMP_THREAD_LIMIT));
    }

    @Test
    void describesTheVariablesThisJvmStartedWith() {
        // Surefire starts the tests with the defaults (checked above)
        assertEquals("OMP_NUM_THREADS=1, OMP_THREAD_LIMIT=1", ThreadEnvironment.describe());
        assertTrue(ThreadEnvironment.startedWithThreadCount());
    }

    private static Map<String, String> found(Pattern pattern, Path file) throws Exception {
        var values = new java.util.LinkedHashMap<String, String>();
        var m = pattern.matcher(Files.readString(file));
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        return values;
    }
}
