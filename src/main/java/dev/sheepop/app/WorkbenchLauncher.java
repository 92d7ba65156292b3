package dev.sheepop.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** Starts the JavaFX workbench (the panes come with the workbench issue; for now a window naming the app). */
public final class WorkbenchLauncher extends Application {
    public static void launch(String[] args) {
        Application.launch(WorkbenchLauncher.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("SheepOp Workbench");
        stage.setScene(new Scene(new Label("SheepOp Workbench"), 960, 640));
        stage.show();
    }
}
