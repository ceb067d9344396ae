package org.vfscope.visualizer.inode;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.InodeIoList;
import org.vfscope.trace.SnapshotSource;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.Palette;
import org.vfscope.visualizer.Selection;
import org.vfscope.visualizer.SnapshotFeed;
import org.vfscope.visualizer.Theme;
import org.vfscope.visualizer.canvas.CanvasView;
import org.vfscope.visualizer.canvas.CellRaster;
import org.vfscope.visualizer.canvas.Counter;
import org.vfscope.visualizer.canvas.Format;
import org.vfscope.visualizer.canvas.Hit;
import org.vfscope.visualizer.canvas.LegendEntry;
import org.vfscope.visualizer.canvas.Texts;

/**
 * The inode cache: the inode LRU strip, the writeback lists (b_dirty, b_io, b_more_io,
 * b_dirty_time) with each inode's age since it was dirtied, and a table of every cached inode with
 * count, nlink, size, cached and dirty pages, its list, and its i_state bits as chips. Inodes
 * with cached pages stay off the LRU, as in Linux: the table shows why.
 */
public final class InodeCacheView extends CanvasView<InodeCacheModel> {
    private static final Font CHIP_FONT = Font.font("System", FontWeight.BOLD, 12);
    private static final Color LRU_FILL = Palette.SKY_BLUE;

    private final InodeCacheModelBuilder builder = new InodeCacheModelBuilder();
    private final CellRaster raster = new CellRaster();

    public InodeCacheView(SnapshotSource source) {
        this(new SnapshotFeed(source), true);
    }

    public InodeCacheView(SnapshotFeed feed) {
        this(feed, false);
    }

    private InodeCacheView(SnapshotFeed feed, boolean ownsFeed) {
        super(feed, ownsFeed, InodeCacheModel.empty());
        getStyleClass().add("inode-cache-view");
        legend().setEntries(List.of(
                LegendEntry.fill("on the LRU", LRU_FILL),
                LegendEntry.cell("I_REFERENCED", (r, x, y, s, t) -> paintLruCell(r, x, y, s, true)),
                LegendEntry.fill("dirty bits", InodeStateStyle.color(InodeState.I_DIRTY_PAGES)),
                LegendEntry.fill("DIRTY_TIME", InodeStateStyle.color(InodeState.I_DIRTY_TIME)),
                LegendEntry.fill("SYNC / SYNC_QUEUED", InodeStateStyle.color(InodeState.I_SYNC)),
                LegendEntry.fill("NEW", InodeStateStyle.color(InodeState.I_NEW)),
                LegendEntry.fill("WILL_FREE / FREEING / CLEAR", InodeStateStyle.color(InodeState.I_FREEING))));
    }

    @Override
    protected InodeCacheModel buildModel(Frame frame, InodeCacheModel previous) {
        return builder.build(frame);
    }

    public InodeCacheLayout cellLayout() {
        InodeCacheModel m = model();
        InodeCacheLayout l = InodeCacheLayout.of(m.lru().size(), m.inodes().size(), canvasWidth(), canvasHeight(),
                viewport().zoom());
        viewport().setExtent(l.contentHeight(), l.tableHeight());
        return l;
    }

    static List<Counter> counters(InodeCacheModel m) {
        List<Counter> c = new ArrayList<>();
        c.add(Counter.of("nr_inodes", m.stats().nrInodes()));
        c.add(Counter.of("nr_unused (on LRU)", m.stats().nrUnused()));
        c.add(Counter.of("dirty", m.dirtyInodes()));
        for (InodeIoList l : InodeCacheModelBuilder.LISTS) {
            c.add(Counter.of(l.name().toLowerCase(java.util.Locale.ROOT), m.list(l).size()));
        }
        return c;
    }

    @Override
    protected void paint(GraphicsContext g, InodeCacheModel m, double w, double h, long now) {
        Theme theme = getTheme();
        InodeCacheLayout l = cellLayout();
        Texts.header(g, theme, counters(m), InodeCacheLayout.MARGIN, 0, w - InodeCacheLayout.MARGIN);
        paintLru(g, m, l, w, theme);
        paintLists(g, m, l, theme);
        paintTable(g, m, l, w, theme);
    }

    private static void paintLruCell(CellRaster r, int x, int y, int s, boolean referenced) {
        r.fill(x, y, s, s, Palette.argb(LRU_FILL));
        if (referenced && s >= 6) {
            int dot = Math.max(2, s / 4);
            r.fill(x + 2, y + 2, dot, dot, Palette.argb(Palette.inkOn(LRU_FILL)));
        }
    }

    private void paintLru(GraphicsContext g, InodeCacheModel m, InodeCacheLayout l, double w, Theme theme) {
        String note = m.lru().isEmpty() ? "empty: inodes in use, dirty or with cached pages stay off it"
                : Format.count(l.lruTotal()) + " unused inodes · head → tail"
                        + (l.lru().count() < l.lruTotal() ? " · first " + Format.count(l.lru().count()) + " shown" : "");
        Texts.title(g, theme, "Inode LRU", note, InodeCacheLayout.MARGIN, l.lruTitleY());
        if (l.lru().count() > 0) {
            int s = (int) l.lru().cell();
            raster.reset((int) w, (int) Math.ceil(l.lru().height()), Palette.argb(theme.background()));
            for (int i = 0; i < l.lru().count(); i++) {
                paintLruCell(raster, (int) l.lru().cellX(i), (int) (l.lru().cellY(i) - l.lru().y()), s,
                        m.lru().get(i).state().contains(InodeState.I_REFERENCED));
            }
            raster.drawTo(g, 0, l.lru().y());
        }
    }

    private static Color listColor(InodeIoList which) {
        return switch (which) {
            case B_DIRTY -> Palette.VERMILLION;
            case B_IO -> Palette.BLUE;
            case B_MORE_IO -> Palette.SKY_BLUE;
            case B_DIRTY_TIME -> Palette.ORANGE;
            case NONE -> Palette.GREY;
        };
    }

    private void paintLists(GraphicsContext g, InodeCacheModel m, InodeCacheLayout l, Theme theme) {
        Texts.title(g, theme, "Writeback lists", "first queued first · age since dirtied", InodeCacheLayout.MARGIN,
                l.listsTitleY());
        g.setTextBaseline(VPos.CENTER);
        for (int k = 0; k < 4; k++) {
            InodeIoList which = InodeCacheLayout.listAt(k);
            List<InodeInfo> on = m.list(which);
            double y = l.listY(k);
            double cy = y + (InodeCacheLayout.LIST_LINE - 4) / 2;
            g.setTextAlign(TextAlignment.LEFT);
            g.setFont(Texts.BODY);
            g.setFill(theme.text());
            g.fillText(which.name().toLowerCase(java.util.Locale.ROOT) + " (" + on.size() + ")", InodeCacheLayout.MARGIN,
                    cy);
            int shown = l.listChipsShown(on.size());
            for (int i = 0; i < shown; i++) {
                InodeInfo inode = on.get(i);
                double x = l.listChipX(i);
                g.setFill(theme.surface());
                g.fillRoundRect(x, y, InodeCacheLayout.LIST_CHIP - 6, InodeCacheLayout.LIST_LINE - 4, 6, 6);
                g.setFill(listColor(which));
                g.fillRect(x, y, 5, InodeCacheLayout.LIST_LINE - 4);
                g.setFill(theme.text());
                g.setFont(Texts.SMALL);
                g.fillText("ino " + inode.ino() + " · " + Format.age(m.timeNanos() - inode.dirtiedWhen()), x + 10, cy,
                        InodeCacheLayout.LIST_CHIP - 20);
                outlineIfSelected(g, inode, x - 1.5, y - 1.5, InodeCacheLayout.LIST_CHIP - 3, InodeCacheLayout.LIST_LINE - 1,
                        theme);
            }
            if (shown < on.size()) {
                g.setFill(theme.mutedText());
                g.setFont(Texts.BODY);
                g.fillText("+" + (on.size() - shown) + " more", l.listChipX(shown), cy);
            }
        }
    }

    private void paintTable(GraphicsContext g, InodeCacheModel m, InodeCacheLayout l, double w, Theme theme) {
        Texts.title(g, theme, "Cached inodes", Format.count(m.inodes().size()) + " · dirty and queued first, then by device and number",
                InodeCacheLayout.MARGIN, l.tableTitleY());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(Texts.SMALL);
        g.setFill(theme.mutedText());
        double hy = l.tableTop() - InodeCacheLayout.COLUMN_HEADER / 2;
        for (int c = 0; c < InodeCacheLayout.COLUMNS.length; c++) {
            g.fillText(InodeCacheLayout.COLUMN_NAMES.get(c), InodeCacheLayout.COLUMNS[c], hy);
        }
        double scroll = viewport().scrollY();
        g.save();
        g.beginPath();
        g.rect(0, l.tableTop(), w, l.tableHeight());
        g.clip();
        double rh = l.rowHeight();
        for (int r = l.firstRow(scroll); r < l.endRow(scroll); r++) {
            InodeInfo i = m.inodes().get(r);
            double y = l.rowY(r, scroll);
            double cy = y + rh / 2;
            if (r % 2 == 1) {
                g.setFill(theme.surface());
                g.fillRect(0, y, w, rh);
            }
            g.setFill(theme.text());
            g.setFont(Texts.BODY);
            g.fillText(String.valueOf(i.ino()), InodeCacheLayout.COLUMNS[0], cy);
            g.fillText(m.names().nameOf(i.dev(), i.ino()), InodeCacheLayout.COLUMNS[1], cy,
                    InodeCacheLayout.COLUMNS[2] - InodeCacheLayout.COLUMNS[1] - 8);
            g.fillText(InodeTooltips.shortType(i.mode()), InodeCacheLayout.COLUMNS[2], cy);
            g.fillText(String.valueOf(i.count()), InodeCacheLayout.COLUMNS[3], cy);
            g.fillText(String.valueOf(i.nlink()), InodeCacheLayout.COLUMNS[4], cy);
            g.fillText(Format.bytes(i.size()), InodeCacheLayout.COLUMNS[5], cy);
            paintPages(g, i, InodeCacheLayout.COLUMNS[6], cy, theme);
            g.setFill(i.ioList() == InodeIoList.NONE ? theme.mutedText() : theme.text());
            g.setFont(Texts.BODY);
            g.fillText(i.ioList() == InodeIoList.NONE ? "—" : i.ioList().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + Format.age(m.timeNanos() - i.dirtiedWhen()), InodeCacheLayout.COLUMNS[7], cy);
            paintChips(g, i, cy, Math.min(rh - 6, 20));
            outlineIfSelected(g, i, 2, y + 1, w - 4, rh - 2, theme);
        }
        g.restore();
    }

    private static void paintPages(GraphicsContext g, InodeInfo i, double x, double cy, Theme theme) {
        g.setFill(theme.text());
        g.fillText(Format.count(i.cachedPages()) + " / " + Format.count(i.dirtyPages()), x, cy);
        double barX = x + 90;
        double barW = 80;
        if (i.cachedPages() > 0) {
            g.setFill(Palette.SKY_BLUE);
            g.fillRect(barX, cy - 5, barW, 10);
            g.setFill(Palette.VERMILLION);
            g.fillRect(barX, cy - 5, barW * i.dirtyPages() / Math.max(1, i.cachedPages()), 10);
        }
    }

    private static void paintChips(GraphicsContext g, InodeInfo i, double cy, double chipH) {
        List<InodeState> state = List.copyOf(i.state());
        g.setFont(CHIP_FONT);
        for (int k = 0; k < state.size(); k++) {
            InodeState s = state.get(k);
            double x = InodeCacheLayout.chipX(state, k);
            double cw = InodeStateStyle.chipWidth(s);
            Color fill = InodeStateStyle.color(s);
            g.setFill(fill);
            g.fillRoundRect(x, cy - chipH / 2, cw, chipH, 8, 8);
            g.setFill(Palette.inkOn(fill));
            g.fillText(InodeStateStyle.label(s), x + 6, cy);
        }
    }

    private void outlineIfSelected(GraphicsContext g, InodeInfo i, double x, double y, double w, double h, Theme theme) {
        if (getSelection() instanceof Selection.Inode sel && sel.inode().ino() == i.ino()
                && sel.inode().dev() == i.dev()) {
            g.setStroke(theme.selection());
            g.setLineWidth(2);
            g.strokeRect(x, y, w, h);
        }
    }

    @Override
    protected Hit hitAt(InodeCacheModel m, double x, double y) {
        int[] sizes = new int[4];
        for (int k = 0; k < 4; k++) {
            sizes[k] = m.list(InodeCacheLayout.listAt(k)).size();
        }
        InodeCacheLayout.Target t = cellLayout().hit(x, y, viewport().scrollY(), sizes, m.inodes());
        if (t == null) {
            return null;
        }
        InodeInfo i = switch (t.part()) {
            case LRU -> m.lru().get(t.index());
            case LIST -> m.list(InodeCacheLayout.listAt(t.list())).get(t.index());
            case ROW, CHIP -> m.inodes().get(t.index());
        };
        String name = m.names().nameOf(i.dev(), i.ino());
        String text = InodeTooltips.tooltip(i, name, m.timeNanos());
        if (t.chip() != null) {
            text = InodeTooltips.chip(t.chip()) + "\n\n" + text;
        }
        return new Hit(text, new Selection.Inode(i, m.names().pathOf(i.dev(), i.ino())));
    }
}
