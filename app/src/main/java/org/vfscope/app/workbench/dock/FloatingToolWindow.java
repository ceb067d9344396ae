package org.vfscope.app.workbench.dock;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A tool window in a window of its own, above the workbench; closing it hides the tool window. */
final class FloatingToolWindow {
    private final Stage stage = new Stage();
    private final BorderPane root = new BorderPane();
    private final ToolWindow window;

    FloatingToolWindow(ToolWindow window, DockView dock, Window owner) {
        this.window = window;
        stage.initOwner(owner);
        stage.titleProperty().bind(window.titleProperty().concat(" — VFScope"));
        Label title = new Label();
        title.textProperty().bind(window.titleProperty());
        title.setGraphic(DockView.icon(window));
        title.getStyleClass().add("dock-tab-title");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button dockBack = headerButton(Feather.LOG_IN, "Dock back to the " + dock.layout().side(window.id()).title().toLowerCase(java.util.Locale.ROOT) + " side");
        dockBack.setId("float-dock-" + window.id());
        dockBack.setOnAction(e -> dock.layout().dock(window.id()));
        Button hide = headerButton(Feather.MINUS, "Hide (" + (window.shortcut().isEmpty() ? "stripe button" : window.shortcut()) + " shows it again)");
        hide.setOnAction(e -> dock.layout().hide(window.id()));
        HBox header = new HBox(4, title, gap, dockBack, hide);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(2, 4, 2, 8));
        header.getStyleClass().add("dock-float-header");
        title.setContextMenu(dock.menuFor(window.id()));
        root.setTop(header);
        root.setId("float-" + window.id());
        root.getStyleClass().add("workbench");
        Scene scene = new Scene(root);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            e.consume();
            dock.layout().hide(window.id());
        });
        double[] b = dock.layout().floatingBounds(window.id());
        if (b != null) {
            stage.setX(b[0]);
            stage.setY(b[1]);
            stage.setWidth(b[2]);
            stage.setHeight(b[3]);
        } else {
            stage.setWidth(640);
            stage.setHeight(420);
            if (owner != null) {
                stage.setX(owner.getX() + owner.getWidth() / 2 - 320);
                stage.setY(owner.getY() + owner.getHeight() / 2 - 210);
            }
        }
    }

    private static Button headerButton(Feather icon, String tip) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().addAll("flat", "tool-button");
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        return b;
    }

    Stage stage() {
        return stage;
    }

    Scene scene() {
        return stage.getScene();
    }

    void show() {
        if (root.getCenter() == null) {
            root.setCenter(window.content());
        }
        if (!stage.isShowing()) {
            stage.show();
            stage.toFront();
        }
    }

    /** Gives the content back (to a tab) and closes; the bounds go to the layout. */
    void close(DockLayout layout) {
        if (stage.isShowing()) {
            layout.setFloatingBounds(window.id(), stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
        root.setCenter(null);
        stage.hide();
    }

    void rememberBounds(DockLayout layout) {
        if (stage.isShowing()) {
            layout.setFloatingBounds(window.id(), stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
    }
}
