package org.vfscope.visualizer;

import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.vfscope.visualizer.block.BlockDevice;
import org.vfscope.visualizer.block.BlockIoView;
import org.vfscope.visualizer.canvas.CanvasView;
import org.vfscope.visualizer.dentry.DentryCacheView;
import org.vfscope.visualizer.inode.InodeCacheView;
import org.vfscope.visualizer.page.PageCacheView;
import org.vfscope.visualizer.page.WorkingsetCounters;
import org.vfscope.visualizer.writeback.WritebackView;

/**
 * The five cache views over one feed, as tabs under a playback bar and a theme switch, with one
 * selection shared by all: picking a page or an inode anywhere shows its file in the page map.
 * Keys 1 to 5 switch views; Space pauses.
 */
public final class CacheViews extends BorderPane {
    /** The views, in tab order. */
    public enum Kind { DENTRIES, INODES, PAGES, WRITEBACK, BLOCKS }

    private final SnapshotFeed feed;
    private final DentryCacheView dentries;
    private final InodeCacheView inodes;
    private final PageCacheView pages;
    private final WritebackView writeback;
    private final BlockIoView blocks;
    private final TabPane tabs = new TabPane();
    private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>(this, "selection");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final Label selected = new Label("Click a dentry, inode, page or block to select it.");
    private final PlaybackBar playbackBar;
    private final HBox top;
    private TimelineScrubber scrubber;

    public CacheViews(SnapshotFeed feed, BlockDevice device) {
        this.feed = feed;
        this.playbackBar = new PlaybackBar(feed.playback());
        dentries = new DentryCacheView(feed);
        inodes = new InodeCacheView(feed);
        pages = new PageCacheView(feed);
        writeback = new WritebackView(feed);
        blocks = new BlockIoView(feed, device);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().setAll(List.of(tab("1 Dentries", dentries), tab("2 Inodes", inodes), tab("3 Page cache", pages),
                tab("4 Writeback", writeback), tab("5 Block I/O", blocks)));
        for (CanvasView<?> v : views()) {
            v.themeProperty().bind(theme);
            v.selectionProperty().addListener((obs, old, now) -> {
                if (now != null) {
                    selection.set(now);
                }
            });
        }
        selection.addListener((obs, old, now) -> {
            for (CanvasView<?> v : views()) {
                v.selectionProperty().set(now);
            }
            if (now instanceof Selection.Page p) {
                pages.mapFileProperty().set(new InodeKey(p.page().dev(), p.page().ino()));
            } else if (now instanceof Selection.Inode i) {
                pages.mapFileProperty().set(new InodeKey(i.inode().dev(), i.inode().ino()));
            }
            selected.setText(now == null ? "" : "Selected: " + now.describe());
        });

        ToggleButton dark = new ToggleButton("Dark");
        dark.setId("theme-dark");
        dark.selectedProperty().addListener((obs, was, now) -> theme.set(now ? Theme.DARK : Theme.LIGHT));
        theme.addListener((obs, was, now) -> {
            dark.setSelected(now == Theme.DARK);
            setStyle(now == Theme.DARK ? "-fx-base: #2b2d30; -fx-background: #17181b;" : "");
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        top = new HBox(8, playbackBar, spacer, selected, dark);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 8, 0, 0));
        setTop(top);
        setCenter(tabs);
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode().isDigitKey() && e.getText().length() == 1) {
                int i = e.getText().charAt(0) - '1';
                if (i >= 0 && i < Kind.values().length) {
                    show(Kind.values()[i]);
                    e.consume();
                }
            } else if (e.getCode() == KeyCode.SPACE) {
                if (scrubber != null) {
                    scrubber.togglePlay();
                } else {
                    feed.playback().setPaused(!feed.playback().isPaused());
                }
                e.consume();
            }
        });
    }

    private static Tab tab(String title, CanvasView<?> view) {
        Tab t = new Tab(title, view);
        t.setClosable(false);
        return t;
    }

    /**
     * Shows a timeline scrubber for a replayed trace in place of the live pause/step bar; the
     * feed must be polling {@code replay}, with the same playback.
     */
    public TimelineScrubber useReplay(Replay replay) {
        if (replay.playback() != feed.playback()) {
            throw new IllegalArgumentException("the replay must share the feed's playback");
        }
        top.getChildren().remove(playbackBar);
        scrubber = new TimelineScrubber(replay);
        // At the bottom, as in a video player: the full width for the timeline.
        setBottom(scrubber);
        return scrubber;
    }

    /** The scrubber, once {@link #useReplay} installed it; null in live mode. */
    public TimelineScrubber scrubber() {
        return scrubber;
    }

    public List<CanvasView<?>> views() {
        return List.of(dentries, inodes, pages, writeback, blocks);
    }

    public void show(Kind kind) {
        tabs.getSelectionModel().select(kind.ordinal());
    }

    public SnapshotFeed feed() {
        return feed;
    }

    public DentryCacheView dentries() {
        return dentries;
    }

    public InodeCacheView inodes() {
        return inodes;
    }

    public PageCacheView pages() {
        return pages;
    }

    public WritebackView writeback() {
        return writeback;
    }

    public BlockIoView blocks() {
        return blocks;
    }

    public ObjectProperty<Selection> selectionProperty() {
        return selection;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** Where the page view's evictions and refaults come from. */
    public void setWorkingsetCounters(Supplier<WorkingsetCounters> counters) {
        pages.setWorkingsetCounters(counters);
    }
}
