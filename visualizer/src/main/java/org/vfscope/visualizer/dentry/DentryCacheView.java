package org.vfscope.visualizer.dentry;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.vfscope.trace.CacheShrink;
import org.vfscope.trace.DentryInfo;
import org.vfscope.trace.DentryLookup;
import org.vfscope.trace.DentryState;
import org.vfscope.trace.SnapshotSource;
import org.vfscope.vfs.dcache.DentryFlag;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.Palette;
import org.vfscope.visualizer.Selection;
import org.vfscope.visualizer.SnapshotFeed;
import org.vfscope.visualizer.Theme;
import org.vfscope.visualizer.canvas.CanvasView;
import org.vfscope.visualizer.canvas.CellRaster;
import org.vfscope.visualizer.canvas.Counter;
import org.vfscope.visualizer.canvas.Flashes;
import org.vfscope.visualizer.canvas.Format;
import org.vfscope.visualizer.canvas.Hit;
import org.vfscope.visualizer.canvas.LegendEntry;
import org.vfscope.visualizer.canvas.Texts;

/**
 * The dentry cache: the dentry-state counters, the LRU as a strip from head (scanned first by
 * the shrinker) to tail, and every cached dentry in a tree outline coloured by state. Lookups
 * reported by the engine flash on their row: hit, miss and negative hit each in its own colour
 * and word; a shrinker pass brackets the part of the LRU it scanned.
 */
public final class DentryCacheView extends CanvasView<DentryCacheModel> {
    private static final long FLASH_NANOS = 1_200_000_000L;
    private static final long SHRINK_NANOS = 2_500_000_000L;
    private static final Font ROW_FONT = Font.font("System", 15);
    private static final Font FLASH_FONT = Font.font("System", FontWeight.BOLD, 13);

    private final DentryCacheModelBuilder builder = new DentryCacheModelBuilder();
    private final Flashes<DentryKey, DentryLookup.Result> lookups = new Flashes<>(FLASH_NANOS);
    private final CellRaster raster = new CellRaster();
    private CacheShrink lastShrink;
    private long lastShrinkAt;

    public DentryCacheView(SnapshotSource source) {
        this(new SnapshotFeed(source), true);
    }

    public DentryCacheView(SnapshotFeed feed) {
        this(feed, false);
    }

    private DentryCacheView(SnapshotFeed feed, boolean ownsFeed) {
        super(feed, ownsFeed, DentryCacheModel.empty());
        getStyleClass().add("dentry-cache-view");
        List<LegendEntry> legend = new ArrayList<>();
        for (DentryState s : List.of(DentryState.POSITIVE_IN_USE, DentryState.POSITIVE_UNUSED,
                DentryState.NEGATIVE_IN_USE, DentryState.NEGATIVE_UNUSED, DentryState.IN_LOOKUP,
                DentryState.UNHASHED)) {
            legend.add(LegendEntry.cell(DentryStyle.label(s), (r, x, y, sz, t) -> DentryCellPainter.paint(r, x, y, sz,
                    sample(s, false))));
        }
        legend.add(LegendEntry.cell("REFERENCED", (r, x, y, sz, t) -> DentryCellPainter.paint(r, x, y, sz,
                sample(DentryState.POSITIVE_UNUSED, true))));
        for (DentryLookup.Result res : DentryLookup.Result.values()) {
            legend.add(LegendEntry.fill("lookup " + DentryStyle.label(res).toLowerCase(java.util.Locale.ROOT),
                    DentryStyle.of(res)));
        }
        legend().setEntries(legend);
    }

    private static DentryInfo sample(DentryState s, boolean referenced) {
        return new DentryInfo(1, 0, "x", 0, s.isNegative() ? -1 : 1, s, 0,
                referenced ? java.util.EnumSet.of(DentryFlag.REFERENCED) : java.util.EnumSet.noneOf(DentryFlag.class),
                -1);
    }

    @Override
    protected DentryCacheModel buildModel(Frame frame, DentryCacheModel previous) {
        return builder.build(frame);
    }

    @Override
    protected void frameSkipped(Frame frame) {
        builder.absorbEvents(frame);
    }

    @Override
    protected void adopted(DentryCacheModel m, long now) {
        m.lookups().forEach((key, result) -> lookups.add(key, result, now));
        if (!m.shrinks().isEmpty()) {
            lastShrink = m.shrinks().get(m.shrinks().size() - 1);
            lastShrinkAt = now;
        }
    }

    @Override
    protected boolean animating(long now) {
        boolean shrinkShowing = lastShrink != null && now - lastShrinkAt < SHRINK_NANOS;
        return lookups.prune(now) || shrinkShowing;
    }

    /** The lookup flash showing on a dentry now, or null; for tests. */
    public DentryLookup.Result flashOn(DentryInfo d) {
        Flashes.Flash<DentryLookup.Result> f = lookups.get(new DentryKey(d.parentId(), d.name()), System.nanoTime());
        return f == null ? null : f.kind();
    }

    public DentryCacheLayout cellLayout() {
        DentryCacheModel m = model();
        DentryCacheLayout l = DentryCacheLayout.of(m.lru().size(), m.rows().size(), canvasWidth(), canvasHeight(),
                viewport().zoom());
        viewport().setExtent(l.contentHeight(), l.treeHeight());
        return l;
    }

    @Override
    protected void paint(GraphicsContext g, DentryCacheModel m, double w, double h, long now) {
        Theme theme = getTheme();
        DentryCacheLayout l = cellLayout();
        Texts.header(g, theme, counters(m), DentryCacheLayout.MARGIN, 0, w - DentryCacheLayout.MARGIN);
        paintLru(g, m, l, w, theme, now);
        paintTree(g, m, l, w, theme, now);
    }

    static List<Counter> counters(DentryCacheModel m) {
        return List.of(
                Counter.of("nr_dentry", m.stats().nrDentry()),
                Counter.of("nr_unused (on LRU)", m.stats().nrUnused()),
                Counter.of("nr_negative (on LRU)", m.stats().nrNegative()),
                Counter.of("lookup hits", m.stats().hits()),
                Counter.of("negative hits", m.stats().negativeHits()),
                Counter.of("misses", m.stats().misses()));
    }

    private void paintLru(GraphicsContext g, DentryCacheModel m, DentryCacheLayout l, double w, Theme theme, long now) {
        String note = m.lru().isEmpty() ? "empty"
                : Format.count(l.lruTotal()) + " entries · head (scanned first) → tail"
                        + (l.lru().count() < l.lruTotal() ? " · first " + Format.count(l.lru().count()) + " shown" : "");
        Texts.title(g, theme, "LRU", note, DentryCacheLayout.MARGIN, l.lruTitleY());
        if (l.lru().count() > 0) {
            int s = (int) l.lru().cell();
            raster.reset((int) w, (int) Math.ceil(l.lru().height()), Palette.argb(theme.background()));
            for (int i = 0; i < l.lru().count(); i++) {
                DentryCellPainter.paint(raster, (int) l.lru().cellX(i), (int) (l.lru().cellY(i) - l.lru().y()), s,
                        m.lru().get(i));
            }
            raster.drawTo(g, 0, l.lru().y());
        }
        if (lastShrink != null && now - lastShrinkAt < SHRINK_NANOS && l.lru().count() > 0) {
            int scanned = (int) Math.min(l.lru().count(), lastShrink.scanned());
            g.setStroke(theme.selection());
            g.setLineWidth(3);
            double x0 = l.lru().cellX(0) - 2;
            double y0 = l.lru().y() - 3;
            double x1 = scanned > l.lru().columns() ? l.lru().x() + l.lru().width() + 2
                    : l.lru().cellX(Math.max(0, scanned - 1)) + l.lru().cell() + 2;
            g.strokeLine(x0, y0, x1, y0);
            g.strokeLine(x0, y0, x0, y0 + l.lru().cell());
            g.setFill(theme.text());
            g.setFont(Texts.BODY);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.TOP);
            g.fillText("shrinker (" + lastShrink.trigger().name().toLowerCase(java.util.Locale.ROOT) + "): scanned "
                    + lastShrink.scanned() + ", freed " + lastShrink.freed(), w - DentryCacheLayout.MARGIN,
                    l.lruTitleY() + 4);
        }
        if (getSelection() instanceof Selection.Dentry sel && sel.dentry().onLru()) {
            int i = sel.dentry().lruPosition();
            if (i < l.lru().count() && m.lru().get(i).id() == sel.dentry().id()) {
                g.setStroke(theme.selection());
                g.setLineWidth(3);
                g.strokeRect(l.lru().cellX(i) - 1.5, l.lru().cellY(i) - 1.5, l.lru().cell() + 3, l.lru().cell() + 3);
            }
        }
    }

    private void paintTree(GraphicsContext g, DentryCacheModel m, DentryCacheLayout l, double w, Theme theme,
                           long now) {
        Texts.title(g, theme, "Dentry tree", Format.count(m.rows().size()) + " dentries"
                + (m.eventsSeen() ? " · lookups flash" : " · lookups flash when the engine reports them"),
                DentryCacheLayout.MARGIN, l.treeTitleY());
        double scroll = viewport().scrollY();
        g.save();
        g.beginPath();
        g.rect(0, l.treeTop(), w, l.treeHeight());
        g.clip();
        double rh = l.rowHeight();
        double sw = Math.min(16, rh - 6);
        Font font = rh >= 20 ? ROW_FONT : Font.font("System", Math.max(9, rh - 7));
        g.setTextBaseline(VPos.CENTER);
        long selectedId = getSelection() instanceof Selection.Dentry sel ? sel.dentry().id() : Long.MIN_VALUE;
        for (int r = l.firstRow(scroll); r < l.endRow(scroll); r++) {
            DentryRow row = m.rows().get(r);
            DentryInfo d = row.dentry();
            double y = l.rowY(r, scroll);
            double cy = y + rh / 2;
            Flashes.Flash<DentryLookup.Result> flash = lookups.get(new DentryKey(d.parentId(), d.name()), now);
            if (flash != null) {
                Color c = DentryStyle.of(flash.kind());
                g.setFill(c.deriveColor(0, 1, 1, 0.15 + 0.5 * lookups.strength(flash, now)));
                g.fillRect(0, y, w, rh);
            }
            double x = DentryCacheLayout.MARGIN + row.depth() * DentryCacheLayout.INDENT;
            paintSwatch(g, d, x, cy - sw / 2, sw);
            x += sw + 8;
            String name = d.isRoot() ? "/" : d.name();
            g.setTextAlign(TextAlignment.LEFT);
            g.setFont(font);
            g.setFill(theme.text());
            g.fillText(name, x, cy);
            x += Texts.width(name, font) + 14;
            g.setFill(flash != null ? theme.text() : theme.mutedText());
            g.setFont(Texts.BODY);
            g.fillText(DentryTooltips.rowNote(d), x, cy);
            if (flash != null) {
                g.setTextAlign(TextAlignment.RIGHT);
                g.setFont(FLASH_FONT);
                g.setFill(theme.text());
                g.fillText(DentryStyle.label(flash.kind()), w - DentryCacheLayout.MARGIN, cy);
            }
            if (d.id() == selectedId) {
                g.setStroke(theme.selection());
                g.setLineWidth(2);
                g.strokeRect(2, y + 1, w - 4, rh - 2);
            }
        }
        g.restore();
    }

    private static void paintSwatch(GraphicsContext g, DentryInfo d, double x, double y, double s) {
        Color fill = DentryStyle.of(d.state());
        g.setFill(fill);
        g.fillRect(x, y, s, s);
        Color ink = Palette.inkOn(fill);
        if (d.state().isNegative()) {
            g.setStroke(ink);
            g.setLineWidth(2);
            g.strokeLine(x + s - 2, y + 2, x + 2, y + s - 2);
        }
        if (d.flags().contains(DentryFlag.REFERENCED)) {
            g.setFill(ink);
            g.fillRect(x + 2, y + 2, Math.max(2, s / 4), Math.max(2, s / 4));
        }
    }

    @Override
    protected Hit hitAt(DentryCacheModel m, double x, double y) {
        DentryCacheLayout.Target t = cellLayout().hit(x, y, viewport().scrollY());
        if (t == null) {
            return null;
        }
        DentryInfo d = t.part() == DentryCacheLayout.Part.LRU ? m.lru().get(t.index()) : m.rows().get(t.index()).dentry();
        String path = m.names().path(d);
        return new Hit(DentryTooltips.tooltip(d, path, m.lru().size()), new Selection.Dentry(d, path));
    }
}
