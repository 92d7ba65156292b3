package dev.sheepop.common;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Reads and sets variables of this process's own environment (the C library's, which native libraries such as
 * OpenBLAS, OpenMP and Tesseract read when they load), not Java's copy of it. Linux and macOS; elsewhere a no-op.
 */
public final class ProcessEnvironment {
    private ProcessEnvironment() {
    }

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private static LibC libc() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.contains("linux") || os.contains("mac") ? Native.load("c", LibC.class) : null;
    }

    /** The variable's value in the process environment, or null. */
    public static String get(String name) {
        try {
            LibC c = libc();
            return c == null ? System.getenv(name) : c.getenv(name);
        } catch (RuntimeException | LinkageError e) {
            return System.getenv(name);
        }
    }

    /**
     * Sets {@code name=value} unless the variable is set (a user's choice wins); true when it set it. Only libraries
     * loaded afterwards see it.
     */
    public static boolean setIfUnset(String name, String value) {
        try {
            LibC c = libc();
            if (c == null) {
                return false;
            }
            String current = c.getenv(name);
            if (current != null && !current.isBlank()) {
                return false;
            }
            return c.setenv(name, value, 0) == 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
