package org.vfscope.app;

import java.nio.file.Path;
import java.util.Optional;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The workbench window. For now a placeholder that names the image it was opened on. */
public final class VfscopeApplication extends Application {

    static final String TITLE = "VFScope";
    private static final String IMAGE_PARAMETER = "image";

    /** Starts JavaFX and shows the window; returns when it is closed. Once per JVM. */
    public static void open(Optional<Path> image) {
        launch(VfscopeApplication.class,
                image.map(p -> "--" + IMAGE_PARAMETER + "=" + p).stream().toArray(String[]::new));
    }

    @Override
    public void start(Stage stage) {
        Optional<Path> image = Optional.ofNullable(getParameters().getNamed().get(IMAGE_PARAMETER)).map(Path::of);
        stage.setTitle(TITLE);
        stage.setScene(new Scene(placeholder(image), 960, 640));
        stage.show();
    }

    static Parent placeholder(Optional<Path> image) {
        Label title = new Label(TITLE);
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label coming = new Label("The workbench is coming: explorer, editors and live cache views.");
        coming.setId("workbench-coming");
        Label opened = new Label(image.map(p -> "Image: " + p).orElse("No image opened."));
        opened.setId("image-path");
        VBox box = new VBox(12, title, coming, opened);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(24));
        return box;
    }
}
