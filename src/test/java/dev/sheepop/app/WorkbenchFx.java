package dev.sheepop.app;

import dev.sheepop.app.fx.FxJobRunner;
import dev.sheepop.app.fx.Notifier;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;

/** Test helper: shows a real MainWindow over a working directory on the TestFX stage. */
public final class WorkbenchFx {
    private WorkbenchFx() {
    }

    public static MainWindow show(Stage stage, Path workDir) {
        var notifier = new Notifier(() -> stage);
        var window = new MainWindow(Workbench.in(workDir, new FxJobRunner(), notifier));
        var scene = new Scene(window, 1200, 780);
        WorkbenchApp.style(scene);
        stage.setScene(scene);
        stage.setTitle(MainWindow.TITLE);
        window.installShortcuts();
        stage.show();
        return window;
    }
}
