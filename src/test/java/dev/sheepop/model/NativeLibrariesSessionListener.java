package dev.sheepop.model;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prepares ND4J's native libraries once per test JVM, before any test class loads ND4J (as {@code Main} does for
 * the application). Registered in META-INF/services.
 */
public final class NativeLibrariesSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeLibraries.configure();
    }
}
