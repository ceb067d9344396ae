package org.vfscope.app.workbench.tools;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import org.vfscope.app.image.Machine;
import org.vfscope.app.workbench.task.FxThread;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.LiveSnapshotSource;
import org.vfscope.trace.TraceEvent;
import org.vfscope.visualizer.CacheViews;
import org.vfscope.visualizer.InodeKey;
import org.vfscope.visualizer.PlaybackBar;
import org.vfscope.visualizer.Selection;
import org.vfscope.visualizer.SnapshotFeed;
import org.vfscope.visualizer.Theme;
import org.vfscope.visualizer.block.BlockDevice;
import org.vfscope.visualizer.block.BlockIoView;
import org.vfscope.visualizer.canvas.CanvasView;
import org.vfscope.visualizer.dentry.DentryCacheView;
import org.vfscope.visualizer.inode.InodeCacheView;
import org.vfscope.visualizer.page.PageCacheView;
import org.vfscope.visualizer.page.WorkingsetCounters;
import org.vfscope.visualizer.writeback.WritebackView;

/**
 * The five cache views as five tool windows over the primary volume's kernel: one
 * {@link SnapshotFeed}, whose frames also feed the event log, the inspector's cache rows and the
 * status bar, and one selection shared by all views (picking a page or an inode anywhere shows its
 * file in the page map). A window's controls are built when it first shows.
 */
public final class CacheWindows {
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>(this, "selection");
    private final BiConsumer<List<TraceEvent>, Long> events;
    private final Map<CacheViews.Kind, StackPane> slots = new EnumMap<>(CacheViews.Kind.class);
    private final Map<CacheViews.Kind, CanvasView<?>> views = new EnumMap<>(CacheViews.Kind.class);
    private SnapshotFeed feed;
    private BlockDevice device;
    private Machine machine;
    private volatile EngineSnapshot latest;

    public CacheWindows(BiConsumer<List<TraceEvent>, Long> events) {
        this.events = events;
        selection.addListener((o, was, now) -> {
            views.values().forEach(v -> v.selectionProperty().set(now));
            if (views.get(CacheViews.Kind.PAGES) instanceof PageCacheView pages) {
                showFileOf(pages, now);
            }
        });
    }

    private static void showFileOf(PageCacheView pages, Selection s) {
        if (s instanceof Selection.Page p) {
            pages.mapFileProperty().set(new InodeKey(p.page().dev(), p.page().ino()));
        } else if (s instanceof Selection.Inode i) {
            pages.mapFileProperty().set(new InodeKey(i.inode().dev(), i.inode().ino()));
        }
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** The latest snapshot the feed took, or null: cheap, for the inspector and the status bar. */
    public EngineSnapshot latest() {
        return latest;
    }

    /** The content of {@code kind}'s tool window: its view with a playback bar, or a hint while no image is open. */
    public StackPane window(CacheViews.Kind kind) {
        return slots.computeIfAbsent(kind, k -> {
            StackPane slot = new StackPane();
            slot.setId("cache-" + k.name().toLowerCase(java.util.Locale.ROOT));
            slot.setMinSize(0, 0);
            fill(k, slot);
            return slot;
        });
    }

    private void fill(CacheViews.Kind kind, StackPane slot) {
        if (feed == null) {
            Label l = new Label("Open an image to watch its dentry, inode and page caches and its block I/O at work.");
            l.getStyleClass().add("text-muted");
            l.setWrapText(true);
            slot.getChildren().setAll(l);
            return;
        }
        CanvasView<?> v = views.get(kind);
        Label selected = new Label();
        selected.getStyleClass().add("text-muted");
        selected.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> selection.get() == null
                ? "Click a dentry, inode, page or block to select it." : "Selected: " + selection.get().describe(), selection));
        PlaybackBar bar = new PlaybackBar(feed.playback());
        bar.setMinWidth(Region.USE_PREF_SIZE);
        // In a narrow side area the selection wraps under the playback bar instead of squeezing it.
        FlowPane top = new FlowPane(8, 0, bar, selected);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 8, 0, 0));
        BorderPane pane = new BorderPane(v);
        pane.setTop(top);
        pane.setMinSize(0, 0);
        slot.getChildren().setAll(pane);
    }

    private CanvasView<?> create(CacheViews.Kind kind) {
        return switch (kind) {
            case DENTRIES -> new DentryCacheView(feed);
            case INODES -> new InodeCacheView(feed);
            case PAGES -> {
                PageCacheView pages = new PageCacheView(feed);
                Machine m = machine;
                pages.setWorkingsetCounters(() -> new WorkingsetCounters(m.kernel().pageCache().evictions(),
                        m.kernel().pageCache().refaults()));
                showFileOf(pages, selection.get());
                yield pages;
            }
            case WRITEBACK -> new WritebackView(feed);
            case BLOCKS -> new BlockIoView(feed, device);
        };
    }

    /** Follows {@code m}'s kernel (call on the FX thread). */
    public void attach(Machine m) {
        detach();
        machine = m;
        m.kernel().setTraceLookups(true);
        feed = new SnapshotFeed(new LiveSnapshotSource(m.kernel(), m.kernel().trace(), Duration.ofMillis(50)));
        feed.subscribe(frame -> {
            latest = frame.snapshot();
            List<TraceEvent> ev = frame.events();
            long missed = frame.missedEvents();
            if (!ev.isEmpty() || missed > 0) {
                FxThread.run(() -> events.accept(ev, missed));
            }
        });
        device = m.device().map(CacheWindows::blockDevice).orElse(BlockDevice.of("ramfs", 0, 4096));
        // All five subscribe before the feed starts: a view subscribing to a running feed gets a
        // frame from inside its own constructor, before its fields are set.
        for (CacheViews.Kind k : CacheViews.Kind.values()) {
            CanvasView<?> v = create(k);
            views.put(k, v);
            v.themeProperty().bind(theme);
            v.selectionProperty().addListener((o, was, now) -> {
                if (now != null) {
                    selection.set(now);
                }
            });
        }
        slots.forEach(this::fill);
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
        views.values().forEach(v -> v.themeProperty().unbind());
        views.clear();
        selection.set(null);
        machine = null;
        latest = null;
        slots.forEach(this::fill);
    }
}
