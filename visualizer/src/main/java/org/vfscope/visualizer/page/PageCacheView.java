package org.vfscope.visualizer.page;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.GraphicsContext;
import org.vfscope.trace.PageInfo;
import org.vfscope.trace.PageLru;
import org.vfscope.trace.SnapshotSource;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.InodeKey;
import org.vfscope.visualizer.Palette;
import org.vfscope.visualizer.Selection;
import org.vfscope.visualizer.SnapshotFeed;
import org.vfscope.visualizer.Theme;
import org.vfscope.visualizer.canvas.CanvasView;
import org.vfscope.visualizer.canvas.CellGrid;
import org.vfscope.visualizer.canvas.CellRaster;
import org.vfscope.visualizer.canvas.Counter;
import org.vfscope.visualizer.canvas.Format;
import org.vfscope.visualizer.canvas.Hit;
import org.vfscope.visualizer.canvas.LegendEntry;
import org.vfscope.visualizer.canvas.Texts;

/**
 * The page cache: the active and inactive LRU lists as strips of page cells, head (where pages
 * enter) to tail (where reclaim takes them), coloured by owning file and marked with their flags;
 * under them the page map of one file, offset by offset, where readahead windows are seen
 * growing. Clicking a page selects it and shows its file in the map.
 */
public final class PageCacheView extends CanvasView<PageCacheModel> {
    private static final List<LegendEntry> MARKS = List.of(
            mark("dirty", PageCellPainter.DIRTY),
            mark("writeback", PageCellPainter.WRITEBACK),
            mark("referenced", PageCellPainter.REFERENCED),
            mark("readahead mark", PageCellPainter.READAHEAD),
            mark("locked", PageCellPainter.LOCKED),
            LegendEntry.cell("not cached", (r, x, y, s, t) -> PageCellPainter.paintAbsent(r, x, y, s,
                    Palette.argb(t.emptyCell()), Palette.argb(t.grid()))));
    private static final int LEGEND_FILES = 6;

    /** A legend swatch: the mark on a neutral grey, which is no file's colour. */
    private static LegendEntry mark(String label, int mark) {
        return LegendEntry.cell(label, (r, x, y, s, t) -> PageCellPainter.paint(r, x, y, s, Palette.argb(Palette.GREY),
                Palette.argb(Palette.inkOn(Palette.GREY)), mark));
    }

    private final PageCacheModelBuilder builder = new PageCacheModelBuilder();
    private final ObjectProperty<InodeKey> mapFile = new SimpleObjectProperty<>(this, "mapFile");
    private final CellRaster raster = new CellRaster();
    private PageInfo[] mapPages = new PageInfo[0];
    private FilePages mapOf;
    private PageCacheModel mapModel;

    public PageCacheView(SnapshotSource source) {
        this(new SnapshotFeed(source), true);
    }

    public PageCacheView(SnapshotFeed feed) {
        this(feed, false);
    }

    private PageCacheView(SnapshotFeed feed, boolean ownsFeed) {
        super(feed, ownsFeed, PageCacheModel.empty());
        getStyleClass().add("page-cache-view");
        mapFile.addListener((obs, old, now) -> invalidate());
        legend().setEntries(MARKS);
    }

    /** Where evictions and refaults come from; called on the feed thread. */
    public void setWorkingsetCounters(Supplier<WorkingsetCounters> counters) {
        builder.setWorkingset(counters);
    }

    /** The file the page map shows; null for the file with the most cached pages. */
    public ObjectProperty<InodeKey> mapFileProperty() {
        return mapFile;
    }

    /** The file the page map shows now, or null when nothing is cached. */
    public FilePages shownMapFile() {
        ensureMap(model());
        return mapOf;
    }

    @Override
    protected PageCacheModel buildModel(Frame frame, PageCacheModel previous) {
        return builder.build(frame);
    }

    @Override
    protected void frameSkipped(Frame frame) {
        builder.absorbEvents(frame);
    }

    @Override
    protected void adopted(PageCacheModel model, long nowNanos) {
        List<LegendEntry> entries = new ArrayList<>(MARKS);
        for (FilePages f : model.filesByPages().subList(0, Math.min(LEGEND_FILES, model.filesByPages().size()))) {
            entries.add(LegendEntry.fill(f.name(), Palette.FILE_COLORS.get(f.color())));
        }
        legend().setEntries(entries);
    }

    /** The layout for the model at the canvas's size and the viewport's zoom. */
    public PageCacheLayout cellLayout() {
        PageCacheModel m = model();
        ensureMap(m);
        PageCacheLayout l = PageCacheLayout.of(m.active().size(), m.inactive().size(), mapPages.length,
                canvasWidth(), canvasHeight(), viewport().zoom());
        viewport().setExtent(l.contentHeight(), l.viewHeight());
        return l;
    }

    private void ensureMap(PageCacheModel m) {
        InodeKey want = mapFile.get() != null && m.files().containsKey(mapFile.get()) ? mapFile.get()
                : m.defaultMapFile();
        FilePages f = want == null ? null : m.files().get(want);
        if (m == mapModel && f == mapOf) {
            return;
        }
        mapModel = m;
        mapOf = f;
        if (f == null) {
            mapPages = new PageInfo[0];
            return;
        }
        mapPages = new PageInfo[(int) Math.min(PageCacheLayout.MAX_MAP_CELLS, f.mapLength())];
        for (PageInfo p : f.pagesByIndex()) {
            if (p.index() < mapPages.length) {
                mapPages[(int) p.index()] = p;
            }
        }
    }

    @Override
    protected void paint(GraphicsContext g, PageCacheModel m, double w, double h, long nowNanos) {
        Theme theme = getTheme();
        PageCacheLayout l = cellLayout();
        double scroll = viewport().scrollY();
        int viewH = (int) Math.max(1, l.viewHeight());
        raster.reset((int) w, viewH, Palette.argb(theme.background()));
        paintStrip(l.active(), m.activeColors(), m.activeMarks(), scroll, viewH);
        paintStrip(l.inactive(), m.inactiveColors(), m.inactiveMarks(), scroll, viewH);
        paintMap(l.map(), scroll, viewH, theme);
        raster.drawTo(g, 0, l.top());

        Texts.header(g, theme, counters(m), PageCacheLayout.MARGIN, 0, w - PageCacheLayout.MARGIN);
        g.save();
        g.beginPath();
        g.rect(0, l.top(), w, l.viewHeight());
        g.clip();
        double base = l.top() - scroll;
        Texts.title(g, theme, "Active list", Format.count(m.active().size()) + " pages · head → tail"
                + (m.active().isEmpty() ? " · (empty)" : ""), PageCacheLayout.MARGIN,
                base + l.active().y() - Texts.TITLE_HEIGHT);
        Texts.title(g, theme, "Inactive list", Format.count(m.inactive().size())
                + " pages · new pages enter at the head, reclaim takes from the tail"
                + (m.inactive().isEmpty() ? " · (empty)" : ""), PageCacheLayout.MARGIN,
                base + l.inactive().y() - Texts.TITLE_HEIGHT);
        Texts.title(g, theme, "Page map", mapOf == null ? "nothing cached"
                : mapOf.name() + " · " + Format.count(mapOf.pagesByIndex().size()) + " of "
                        + Format.count(mapOf.mapLength()) + " pages cached", PageCacheLayout.MARGIN,
                base + l.map().y() - Texts.TITLE_HEIGHT);
        paintSelection(g, m, l, base, theme);
        g.restore();
    }

    private void paintStrip(CellGrid grid, int[] colors, int[] marks, double scroll, int viewH) {
        int s = (int) grid.cell();
        int end = grid.endIndexAtOrAbove(scroll + viewH);
        for (int i = grid.firstIndexAtOrBelow(scroll); i < end; i++) {
            PageCellPainter.paint(raster, (int) grid.cellX(i), (int) (grid.cellY(i) - scroll), s, colors[i], marks[i]);
        }
    }

    private void paintMap(CellGrid grid, double scroll, int viewH, Theme theme) {
        int s = (int) grid.cell();
        int empty = Palette.argb(theme.emptyCell());
        int line = Palette.argb(theme.grid());
        int end = grid.endIndexAtOrAbove(scroll + viewH);
        for (int i = grid.firstIndexAtOrBelow(scroll); i < end; i++) {
            int x = (int) grid.cellX(i);
            int y = (int) (grid.cellY(i) - scroll);
            PageInfo p = mapPages[i];
            if (p == null) {
                PageCellPainter.paintAbsent(raster, x, y, s, empty, line);
            } else {
                PageCellPainter.paint(raster, x, y, s, mapOf.color(), p.flags());
            }
        }
    }

    private void paintSelection(GraphicsContext g, PageCacheModel m, PageCacheLayout l, double base, Theme theme) {
        if (!(getSelection() instanceof Selection.Page sel)) {
            return;
        }
        PageInfo p = sel.page();
        g.setStroke(theme.selection());
        g.setLineWidth(3);
        PageInfo now = current(m, p);
        if (now != null) {
            outline(g, now.lru() == PageLru.ACTIVE ? l.active() : l.inactive(),
                    indexOf(now.lru() == PageLru.ACTIVE ? m.active() : m.inactive(), now), base);
        }
        if (mapOf != null && mapOf.file().equals(new InodeKey(p.dev(), p.ino())) && p.index() < mapPages.length) {
            outline(g, l.map(), (int) p.index(), base);
        }
    }

    private static void outline(GraphicsContext g, CellGrid grid, int i, double base) {
        if (i >= 0) {
            g.strokeRect(grid.cellX(i) - 1.5, base + grid.cellY(i) - 1.5, grid.cell() + 3, grid.cell() + 3);
        }
    }

    /** The selected page as this model has it (found by index in its file's pages), or null when it left the cache. */
    private static PageInfo current(PageCacheModel m, PageInfo p) {
        FilePages f = m.files().get(new InodeKey(p.dev(), p.ino()));
        if (f == null) {
            return null;
        }
        List<PageInfo> pages = f.pagesByIndex();
        int lo = 0;
        int hi = pages.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            PageInfo q = pages.get(mid);
            if (q.index() < p.index()) {
                lo = mid + 1;
            } else if (q.index() > p.index()) {
                hi = mid - 1;
            } else {
                return q;
            }
        }
        return null;
    }

    /** Where the page is in its list: at its position when the list says so, else found by a scan. */
    private static int indexOf(List<PageInfo> pages, PageInfo p) {
        int at = p.lruPosition();
        if (at >= 0 && at < pages.size()) {
            PageInfo q = pages.get(at);
            if (q.index() == p.index() && q.ino() == p.ino() && q.dev() == p.dev()) {
                return at;
            }
        }
        for (int i = 0; i < pages.size(); i++) {
            PageInfo q = pages.get(i);
            if (q.index() == p.index() && q.ino() == p.ino() && q.dev() == p.dev()) {
                return i;
            }
        }
        return -1;
    }

    static List<Counter> counters(PageCacheModel m) {
        List<Counter> c = new ArrayList<>();
        c.add(Counter.of("pages cached", m.counts().nrPages()));
        c.add(Counter.of("active", m.counts().nrActive()));
        c.add(Counter.of("inactive", m.counts().nrInactive()));
        c.add(Counter.of("dirty", m.counts().nrDirty()));
        c.add(Counter.of("writeback", m.counts().nrWriteback()));
        c.add(Counter.of("files", m.files().size()));
        if (m.workingset() != null) {
            c.add(Counter.of("evictions", m.workingset().evictions()));
            c.add(Counter.of("refaults", m.workingset().refaults()));
        } else if (m.reclaimedByEvents() > 0) {
            c.add(Counter.of("reclaimed", m.reclaimedByEvents()));
        }
        return c;
    }

    @Override
    protected Hit hitAt(PageCacheModel m, double x, double y) {
        PageCacheLayout.Target t = cellLayout().hit(x, y, viewport().scrollY());
        if (t == null) {
            return null;
        }
        PageInfo p = switch (t.part()) {
            case ACTIVE -> m.active().get(t.index());
            case INACTIVE -> m.inactive().get(t.index());
            case MAP -> mapPages[t.index()];
        };
        if (p == null) {
            return new Hit(PageTooltips.absent(mapOf.name(), t.index()), null);
        }
        String name = m.names().nameOf(p.dev(), p.ino());
        long listLength = switch (p.lru()) {
            case ACTIVE -> m.active().size();
            case INACTIVE -> m.inactive().size();
            default -> 0;
        };
        return new Hit(PageTooltips.page(p, name, listLength), new Selection.Page(p, m.names().pathOf(p.dev(), p.ino())));
    }
}
