package org.vfscope.app.workbench.status;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.vfscope.app.workbench.task.BackgroundTask;

/**
 * The status bar: last message, background task (progress, cancel, how many more), image and
 * mode, dirty / writeback pages, memory. Refreshed twice a second from its view model.
 */
public final class StatusBarView extends HBox {
    private final StatusBarViewModel viewModel;
    private final Label taskLabel = new Label();
    private final ProgressBar taskProgress = new ProgressBar();
    private final Button cancel = new Button(null, new FontIcon(Feather.X));
    private final HBox taskBox;

    public StatusBarView(StatusBarViewModel viewModel) {
        this.viewModel = viewModel;
        setId("status-bar");
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        setPadding(new Insets(3, 10, 3, 10));

        Label message = new Label();
        message.setId("status-message");
        message.textProperty().bind(viewModel.model().notificationProperty());
        message.setMinWidth(100);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);

        taskProgress.setPrefWidth(120);
        cancel.getStyleClass().addAll("flat", "small");
        cancel.setTooltip(new Tooltip("Cancel"));
        taskBox = new HBox(6, taskLabel, taskProgress, cancel);
        taskBox.setId("status-tasks");
        taskBox.setAlignment(Pos.CENTER_LEFT);
        viewModel.model().tasks().active().addListener((ListChangeListener<BackgroundTask>) c -> updateTasks());
        updateTasks();

        Label image = label("status-image", Feather.HARD_DRIVE);
        image.textProperty().bind(viewModel.imageText());
        Label mode = label("status-mode", Feather.LOCK);
        mode.textProperty().bind(viewModel.modeText());
        mode.getStyleClass().add("status-mode");
        viewModel.model().modeProperty().addListener((o, was, now) -> styleMode(mode));
        styleMode(mode);
        Label dirty = label("status-dirty", Feather.EDIT_3);
        dirty.textProperty().bind(viewModel.cacheText());
        Label memory = label("status-memory", Feather.CPU);
        memory.textProperty().bind(viewModel.memoryText());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.SOMETIMES);
        getChildren().addAll(message, taskBox, sep(), image, sep(), mode, sep(), dirty, sep(), memory);

        Timeline t = new Timeline(new KeyFrame(Duration.millis(500), e -> viewModel.refresh()));
        t.setCycleCount(Timeline.INDEFINITE);
        t.play();
    }

    private static Separator sep() {
        return new Separator(Orientation.VERTICAL);
    }

    private static Label label(String id, Feather icon) {
        Label l = new Label("", new FontIcon(icon));
        l.setId(id);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private void styleMode(Label mode) {
        mode.getStyleClass().removeAll("mode-read-only", "mode-overlay", "mode-writing");
        mode.getStyleClass().add("mode-" + viewModel.model().modeProperty().get().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-'));
        ((FontIcon) mode.getGraphic()).setIconCode(viewModel.model().isEditable() ? Feather.UNLOCK : Feather.LOCK);
    }

    private void updateTasks() {
        var active = viewModel.model().tasks().active();
        taskBox.setVisible(!active.isEmpty());
        taskBox.setManaged(!active.isEmpty());
        if (active.isEmpty()) {
            taskProgress.progressProperty().unbind();
            return;
        }
        BackgroundTask first = active.get(0);
        taskLabel.textProperty().bind(Bindings.concat(first.title(), " ", first.messageProperty(),
                active.size() > 1 ? "  (+" + (active.size() - 1) + " more)" : ""));
        taskProgress.progressProperty().bind(first.progressProperty());
        cancel.setOnAction(e -> first.cancel());
    }
}
