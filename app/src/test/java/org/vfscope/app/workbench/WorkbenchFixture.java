package org.vfscope.app.workbench;

import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vfscope.app.workbench.explorer.FsNode;
import org.vfscope.app.workbench.settings.SettingsStore;
import org.vfscope.app.workbench.task.BackgroundTasks;

/**
 * A real workbench in TestFX's primary stage, as the FX tests drive it: opened with its settings
 * in a test directory and scripted dialogs, its actions run as a menu would run them, and closed
 * with its images, floating windows and background tasks.
 */
final class WorkbenchFixture {
    final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final Path config;
    private final Stage stage;
    private final BackgroundTasks tasks = BackgroundTasks.forFx();
    private Workbench wb;

    /** Registers the primary stage; settings live in {@code tmp/config}. */
    WorkbenchFixture(Path tmp) throws Exception {
        this.config = tmp.resolve("config");
        this.stage = FxToolkit.registerPrimaryStage();
    }

    /** A new workbench showing {@code image} (or nothing), focused, once the FX queue is drained. */
    Workbench open(Optional<Path> image) throws Exception {
        FxToolkit.setupFixture(() -> {
            wb = new Workbench(stage, new SettingsStore(config), tasks, dialogs);
            wb.show(image);
            stage.requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return wb;
    }

    /** Saves the settings and closes, as quitting does, then opens a new workbench in the same stage. */
    Workbench restart(Optional<Path> image) throws Exception {
        FxToolkit.setupFixture(() -> {
            wb.saveSettings();
            closeWorkbench();
        });
        return open(image);
    }

    Stage stage() {
        return stage;
    }

    BackgroundTasks tasks() {
        return tasks;
    }

    /** Runs the action {@code id} as its menu item would, if it is enabled. */
    void run(String id) throws Exception {
        FxToolkit.setupFixture(() -> wb.actions().get(id).runIfEnabled());
        WaitForAsyncUtils.waitForFxEvents();
    }

    TreeView<FsNode> tree() {
        return wb.explorer().tree();
    }

    /** The loaded tree row for {@code path}, or null. */
    TreeItem<FsNode> row(String path) {
        return ExplorerDriver.find(tree().getRoot(), path);
    }

    void select(String path) throws Exception {
        ExplorerDriver.select(tree(), path);
    }

    /** Closes the workbench's images and windows, the stages and the background tasks. */
    void close() throws Exception {
        FxToolkit.setupFixture(this::closeWorkbench);
        FxToolkit.cleanupStages();
        tasks.close();
    }

    private void closeWorkbench() {
        if (wb != null) {
            wb.dock().closeFloating();
            wb.images().close();
        }
    }
}
