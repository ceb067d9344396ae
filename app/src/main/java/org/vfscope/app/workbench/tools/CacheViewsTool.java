package org.vfscope.app.workbench.tools;

import java.time.Duration;
import java.util.function.BiConsumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

import org.vfscope.app.image.Machine;
import org.vfscope.app.workbench.task.FxThread;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.LiveSnapshotSource;
import org.vfscope.trace.TraceEvent;
import org.vfscope.visualizer.CacheViews;
import org.vfscope.visualizer.SnapshotFeed;
import org.vfscope.visualizer.Theme;
import org.vfscope.visualizer.block.BlockDevice;
import org.vfscope.visualizer.page.WorkingsetCounters;

/**
 * The slot of the five cache views: they follow the primary volume's kernel through one
 * {@link SnapshotFeed}, whose frames also feed the event log, the inspector's cache rows and the
 * status bar's dirty-page count.
 */
public final class CacheViewsTool extends StackPane {
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final BiConsumer<java.util.List<TraceEvent>, Long> events;
    private SnapshotFeed feed;
    private CacheViews views;
    private volatile EngineSnapshot latest;

    public CacheViewsTool(BiConsumer<java.util.List<TraceEvent>, Long> events) {
        this.events = events;
        setId("cache-views");
        showPlaceholder();
    }

    private void showPlaceholder() {
        Label l = new Label("Open an image to watch its dentry, inode and page caches at work.");
        l.getStyleClass().add("text-muted");
        getChildren().setAll(l);
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** The latest snapshot the feed took, or null: cheap, for the inspector and the status bar. */
    public EngineSnapshot latest() {
        return latest;
    }

    public CacheViews views() {
        return views;
    }

    public SnapshotFeed feed() {
        return feed;
    }

    /** Follows {@code m}'s kernel (call on the FX thread). */
    public void attach(Machine m) {
        detach();
        m.kernel().setTraceLookups(true);
        feed = new SnapshotFeed(new LiveSnapshotSource(m.kernel(), m.kernel().trace(), Duration.ofMillis(50)));
        feed.subscribe(frame -> {
            latest = frame.snapshot();
            java.util.List<TraceEvent> ev = frame.events();
            long missed = frame.missedEvents();
            if (!ev.isEmpty() || missed > 0) {
                FxThread.run(() -> events.accept(ev, missed));
            }
        });
        BlockDevice dev = m.device().map(CacheViewsTool::blockDevice).orElse(BlockDevice.of("ramfs", 0, 4096));
        views = new CacheViews(feed, dev);
        views.setWorkingsetCounters(() -> new WorkingsetCounters(m.kernel().pageCache().evictions(),
                m.kernel().pageCache().refaults()));
        views.themeProperty().bind(theme);
        getChildren().setAll(views);
        feed.start();
    }

    private static BlockDevice blockDevice(InstrumentedDevice d) {
        return new BlockDevice(d.name(), d.size(), 4096, d::stats, null);
    }

    public void detach() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
        if (views != null) {
            views.themeProperty().unbind();
            views = null;
        }
        latest = null;
        showPlaceholder();
    }

    public void show(CacheViews.Kind kind) {
        if (views != null) {
            views.show(kind);
        }
    }
}
