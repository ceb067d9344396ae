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
import java.util.List;
import org.vfscope.trace.LiveSnapshotSource;
import org.vfscope.trace.RecordedSnapshotSource;
import org.vfscope.trace.RecordingHeader;
import org.vfscope.trace.RecordingSnapshotSource;
import org.vfscope.trace.SnapshotSource;
import org.vfscope.trace.TraceRecorder;
import org.vfscope.vfs.Kernel;
import org.vfscope.visualizer.CacheViews;
import org.vfscope.visualizer.Playback;
import org.vfscope.visualizer.Replay;
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
    /** Set by the command: where to record the session, and how often a keyframe; null: no recording. */
    static volatile Path recordTo;
    static volatile long keyframeIntervalNanos = 500_000_000L;
    /** Set by the command: an opened recording to play back instead of the scenario. */
    static volatile RecordedSnapshotSource replay;

    private VizDemoScenario scenario;
    private SnapshotFeed feed;
    private Path deviceFile;
    private RecordingSnapshotSource recording;

    @Override
    public void start(Stage stage) throws IOException {
        if (replay != null) {
            startReplay(stage, replay);
            return;
        }
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
        SnapshotSource source = new LiveSnapshotSource(kernel, kernel.trace(), Duration.ofMillis(50));
        if (recordTo != null) {
            RecordingHeader header = RecordingHeader.of(keyframeIntervalNanos,
                    List.of(new RecordingHeader.Device(dev.name(), dev.size(), 4096)));
            recording = new RecordingSnapshotSource(source,
                    TraceRecorder.create(recordTo, header, TraceRecorder.DEFAULT_MAX_BYTES), keyframeIntervalNanos);
            source = recording;
        }
        feed = new SnapshotFeed(source);
        scenario = new VizDemoScenario(kernel, buffers, feed.playback(),
                text -> Platform.runLater(() -> narration.setText(text)));
        CacheViews views = new CacheViews(feed, new BlockDevice(dev.name(), dev.size(), 4096, dev::stats,
                scenario::kindOf));
        views.setWorkingsetCounters(() -> new WorkingsetCounters(kernel.pageCache().evictions(),
                kernel.pageCache().refaults()));
        views.writeback().setKupdateIntervalNanos(kernel.tunables().dirtyWritebackCentisecs() * 10_000_000L);
        show(stage, views, narration, TITLE);
        Thread driver = new Thread(scenario, "vfscope-viz-demo");
        driver.setDaemon(true);
        driver.start();
    }

    /** The views over a recording, under a timeline scrubber; starts playing from the beginning. */
    private void startReplay(Stage stage, RecordedSnapshotSource recorded) {
        Playback playback = new Playback();
        Replay player = new Replay(recorded, playback);
        feed = new SnapshotFeed(player, playback);
        RecordingHeader.Device d = recorded.header().devices().isEmpty() ? null : recorded.header().devices().get(0);
        CacheViews views = new CacheViews(feed, d == null ? BlockDevice.of("none", 0, 4096)
                : BlockDevice.of(d.name(), d.sizeBytes(), d.blockSize()));
        views.useReplay(player);
        Label narration = new Label(String.format(java.util.Locale.ROOT,
                "replaying %s: %d keyframes, %d events", recorded.path().getFileName(), recorded.keyframeCount(),
                recorded.eventCount()));
        narration.setId("viz-demo-narration");
        narration.setFont(Font.font(16));
        narration.setPadding(new Insets(6, 12, 8, 12));
        show(stage, views, narration, TITLE + " (replay)");
    }

    private void show(Stage stage, CacheViews views, Label narration, String title) {
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

        stage.setTitle(title);
        stage.setScene(new Scene(root, 1600, 1000));
        stage.show();
        feed.start();
    }

    @Override
    public void stop() {
        if (scenario != null) {
            scenario.stop();
        }
        if (feed != null) {
            feed.close();
        }
        if (recording != null) {
            recording.close();
            TraceRecorder r = recording.recorder();
            System.err.printf(java.util.Locale.ROOT, "vfscope: recorded %d keyframes and %d events (%d bytes) to %s%s%n",
                    r.keyframes(), r.events(), r.bytesWritten(), recordTo, recording.stopped() ? " (stopped at the size limit)" : "");
        }
        if (replay != null) {
            try {
                replay.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
