package org.vfscope.app.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.vfscope.block.BlockDevices;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.block.LatencyModel;
import org.vfscope.mm.BufferCache;
import org.vfscope.trace.LiveSnapshotSource;
import org.vfscope.vfs.Kernel;
import org.vfscope.visualizer.CacheViews;
import org.vfscope.visualizer.SnapshotFeed;
import org.vfscope.visualizer.Theme;
import org.vfscope.visualizer.block.BlockDevice;
import org.vfscope.visualizer.page.WorkingsetCounters;

/**
 * The {@code viz-demo} window: the five cache views over a ramfs kernel (plus a small block
 * device for the buffer cache and block I/O) on which {@link VizDemoScenario} plays in a loop.
 * A plain {@link Application}: it is launched once per JVM by {@link VizDemoCommand}.
 */
public final class VizDemoApp extends Application {
    static final String TITLE = "VFScope — cache views demo";
    private static final long DEVICE_BYTES = 16L << 20;

    /** Set by the command before launch: the view shown first and the theme. */
    static volatile CacheViews.Kind firstView = CacheViews.Kind.DENTRIES;
    static volatile Theme theme = Theme.LIGHT;

    private VizDemoScenario scenario;
    private SnapshotFeed feed;
    private Path deviceFile;

    @Override
    public void start(Stage stage) throws IOException {
        Kernel kernel = Kernel.boot();
        kernel.setTraceLookups(true);
        kernel.tunables().set("dirty_expire_centisecs", 1000);
        // 8 MiB of page cache: the dirty thresholds (10 % and 20 %) come within reach of the demo's writes.
        kernel.tunables().set("cache_pages", 2048);
        deviceFile = Files.createTempFile("vfscope-viz-demo", ".img");
        try (RandomAccessFile f = new RandomAccessFile(deviceFile.toFile(), "rw")) {
            f.setLength(DEVICE_BYTES);
        }
        InstrumentedDevice dev = BlockDevices.openImage(deviceFile, BlockDevices.OpenMode.COPY_ON_WRITE, kernel.clock());
        dev.setLatencyModel(LatencyModel.SSD);
        BufferCache buffers = kernel.openBlockDevice(dev, 4096);

        Label narration = new Label("starting…");
        narration.setId("viz-demo-narration");
        narration.setFont(Font.font(16));
        narration.setPadding(new Insets(6, 12, 8, 12));
        feed = new SnapshotFeed(new LiveSnapshotSource(kernel, kernel.trace(), Duration.ofMillis(50)));
        scenario = new VizDemoScenario(kernel, buffers, feed.playback(),
                text -> Platform.runLater(() -> narration.setText(text)));
        CacheViews views = new CacheViews(feed, new BlockDevice(dev.name(), dev.size(), 4096, dev::stats,
                scenario::kindOf));
        views.setWorkingsetCounters(() -> new WorkingsetCounters(kernel.pageCache().evictions(),
                kernel.pageCache().refaults()));
        views.writeback().setKupdateIntervalNanos(kernel.tunables().dirtyWritebackCentisecs() * 10_000_000L);
        views.themeProperty().set(theme);
        views.show(firstView);
        BorderPane root = new BorderPane(views);
        root.setBottom(narration);
        views.themeProperty().addListener((obs, was, now) -> {
            root.setStyle(now == Theme.DARK ? "-fx-background-color: #17181b;" : "");
            narration.setTextFill(now.text());
        });
        root.setStyle(theme == Theme.DARK ? "-fx-background-color: #17181b;" : "");
        narration.setTextFill(theme.text());

        stage.setTitle(TITLE);
        stage.setScene(new Scene(root, 1600, 1000));
        stage.show();
        feed.start();
        Thread driver = new Thread(scenario, "vfscope-viz-demo");
        driver.setDaemon(true);
        driver.start();
    }

    @Override
    public void stop() {
        if (scenario != null) {
            scenario.stop();
        }
        if (feed != null) {
            feed.close();
        }
        if (deviceFile != null) {
            try {
                Files.deleteIfExists(deviceFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
