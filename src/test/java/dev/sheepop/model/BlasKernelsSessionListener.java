package dev.sheepop.model;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses OpenBLAS's kernels once per test JVM, before any test class loads ND4J (as {@code Main} does for
 * the application). Registered in META-INF/services.
 */
public final class BlasKernelsSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        BlasKernels.configure();
    }
}
