package org.vfscope.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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

    private static CompletableFuture<SettingsStore.Loaded> settings;
    private BackgroundTasks tasks;
    private Workbench workbench;

    /** Starts JavaFX and shows the window; returns when it is closed. Once per JVM. */
    public static void open(Optional<Path> image) {
        ImagePrefetch.start(image);
        // Jackson takes a while to start: read the settings while JavaFX starts.
        SettingsStore store = new SettingsStore(SettingsStore.defaultDir(System.getenv()));
        settings = CompletableFuture.supplyAsync(() -> SettingsStore.Loaded.of(store), r -> {
            Thread t = new Thread(r, "vfscope-settings");
            t.setDaemon(true);
            t.start();
        });
        launch(VfscopeApplication.class,
                image.map(p -> "--" + IMAGE_PARAMETER + "=" + p).stream().toArray(String[]::new));
    }

    @Override
    public void start(Stage stage) {
        Optional<Path> image = Optional.ofNullable(getParameters().getNamed().get(IMAGE_PARAMETER)).map(Path::of);
        tasks = BackgroundTasks.forFx();
        SettingsStore.Loaded loaded = settings == null ? SettingsStore.Loaded.of(new SettingsStore(SettingsStore.defaultDir(System.getenv())))
                : settings.join();
        workbench = new Workbench(stage, loaded, tasks, null);
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
