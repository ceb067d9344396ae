package org.vfscope.app.workbench.welcome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Shown when no editor is open: what VFScope is, how to start, and the recent images. */
public final class WelcomeView extends VBox {
    private final VBox recent = new VBox(2);
    private final Consumer<Path> openRecent;

    public WelcomeView(Button open, Button demo, Button scratch, Consumer<Path> openRecent) {
        this.openRecent = openRecent;
        setId("welcome");
        getStyleClass().add("welcome");
        setAlignment(Pos.CENTER);
        setSpacing(14);
        setPadding(new Insets(30));
        FontIcon logo = new FontIcon(Feather.HARD_DRIVE);
        logo.getStyleClass().add("welcome-logo");
        Label title = new Label("VFScope");
        title.getStyleClass().add("welcome-title");
        Label tag = new Label("Open a filesystem image and watch the kernel's caches work while you browse it.");
        tag.getStyleClass().add("text-muted");
        HBox buttons = new HBox(10, open, demo, scratch);
        buttons.setAlignment(Pos.CENTER);
        Label hints = new Label("Double-click a file to open it  ·  Ctrl+Shift+A finds any action  ·  "
                + "Alt+1…8 tool windows  ·  drop an image file here");
        hints.getStyleClass().add("text-muted");
        Label recentTitle = new Label("Recent images");
        recentTitle.getStyleClass().add("section-title");
        recent.setAlignment(Pos.CENTER);
        getChildren().addAll(logo, title, tag, buttons, hints, recentTitle, recent);
    }

    public void setRecent(List<String> images) {
        recent.getChildren().clear();
        for (String s : images) {
            Path p = Path.of(s);
            Hyperlink link = new Hyperlink(p.getFileName() + "   " + p.getParent(), new FontIcon(Feather.CLOCK));
            link.setDisable(!Files.isRegularFile(p));
            link.setOnAction(e -> openRecent.accept(p));
            recent.getChildren().add(link);
        }
        if (images.isEmpty()) {
            recent.getChildren().add(new Label("None yet."));
        }
    }
}
