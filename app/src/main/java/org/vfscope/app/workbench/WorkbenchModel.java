package org.vfscope.app.workbench;

import java.nio.file.Path;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.vfscope.app.workbench.explorer.FsNode;
import org.vfscope.app.workbench.image.ImageMode;
import org.vfscope.app.workbench.image.ImageWorkspace;
import org.vfscope.app.workbench.task.BackgroundTasks;
import org.vfscope.app.workbench.tools.ProblemsViewModel;

/**
 * What every feature of the workbench shares: the open image, its mode, the selection, the
 * background tasks, the problems, and a way to tell the user something. No JavaFX node.
 */
public final class WorkbenchModel {
    private final BackgroundTasks tasks;
    private final Path configDir;
    private final ObjectProperty<ImageWorkspace> workspace = new SimpleObjectProperty<>(this, "workspace");
    private final ObjectProperty<ImageMode> mode = new SimpleObjectProperty<>(this, "mode", ImageMode.READ_ONLY);
    private final ObjectProperty<FsNode> selection = new SimpleObjectProperty<>(this, "selection");
    private final StringProperty notification = new SimpleStringProperty(this, "notification", "");
    private final ProblemsViewModel problems = new ProblemsViewModel();
    private Consumer<String> errorSink = m -> { };

    public WorkbenchModel(BackgroundTasks tasks, Path configDir) {
        this.tasks = tasks;
        this.configDir = configDir;
        workspace.addListener((o, was, now) -> mode.set(now == null ? ImageMode.READ_ONLY : now.mode()));
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public Path configDir() {
        return configDir;
    }

    public ObjectProperty<ImageWorkspace> workspaceProperty() {
        return workspace;
    }

    public ImageWorkspace workspace() {
        return workspace.get();
    }

    public ObjectProperty<ImageMode> modeProperty() {
        return mode;
    }

    /** Reads the workspace's mode again after something changed it. */
    public void refreshMode() {
        ImageWorkspace w = workspace.get();
        mode.set(w == null ? ImageMode.READ_ONLY : w.mode());
    }

    public boolean isEditable() {
        return mode.get() != ImageMode.READ_ONLY;
    }

    public ObjectProperty<FsNode> selectionProperty() {
        return selection;
    }

    public ProblemsViewModel problems() {
        return problems;
    }

    /** The last thing the user was told; the status bar shows it. */
    public StringProperty notificationProperty() {
        return notification;
    }

    public void notify(String message) {
        notification.set(message);
    }

    /** An error the user must see (a dialog in the window, a list in tests). */
    public void error(String message) {
        notification.set(message);
        errorSink.accept(message);
    }

    public void onError(Consumer<String> sink) {
        this.errorSink = sink;
    }
}
