package dev.sheepop.app;

import javafx.application.Application;

/** Starts the JavaFX workbench ({@code sheepop} with no arguments, or {@code sheepop workbench}). */
public final class WorkbenchLauncher {
    private WorkbenchLauncher() {
    }

    public static void launch(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }
}
