package org.vfscope.app;

import java.nio.file.Path;
import java.util.Optional;

import javafx.application.Application;
import javafx.stage.Stage;

import org.vfscope.app.workbench.Workbench;
import org.vfscope.app.workbench.image.ImagePrefetch;
import org.vfscope.app.workbench.settings.SettingsStore;
import org.vfscope.app.workbench.task.BackgroundTasks;

/** The workbench window: a thin JavaFX entry point around {@link Workbench}. */
public final class VfscopeApplication extends Application {

    static final String TITLE = "VFScope";
    private static final String IMAGE_PARAMETER = "image";

    private BackgroundTasks tasks;
    private Workbench workbench;

    /** Starts JavaFX and shows the window; returns when it is closed. Once per JVM. */
    public static void open(Optional<Path> image) {
        ImagePrefetch.start(image);
        launch(VfscopeApplication.class,
                image.map(p -> "--" + IMAGE_PARAMETER + "=" + p).stream().toArray(String[]::new));
    }

    @Override
    public void start(Stage stage) {
        Optional<Path> image = Optional.ofNullable(getParameters().getNamed().get(IMAGE_PARAMETER)).map(Path::of);
        tasks = BackgroundTasks.forFx();
        workbench = new Workbench(stage, new SettingsStore(SettingsStore.defaultDir(System.getenv())), tasks, null);
        workbench.show(image);
    }

    /** The running workbench, for tests. */
    public Workbench workbench() {
        return workbench;
    }

    @Override
    public void stop() {
        if (tasks != null) {
            tasks.close();
        }
    }
}
