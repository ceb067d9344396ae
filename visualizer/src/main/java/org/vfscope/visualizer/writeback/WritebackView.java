package org.vfscope.visualizer.writeback;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.vfscope.trace.InodeIoList;
import org.vfscope.trace.SnapshotSource;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.Palette;
import org.vfscope.visualizer.Selection;
import org.vfscope.visualizer.SnapshotFeed;
import org.vfscope.visualizer.Theme;
import org.vfscope.visualizer.canvas.CanvasView;
import org.vfscope.visualizer.canvas.Counter;
import org.vfscope.visualizer.canvas.Format;
import org.vfscope.visualizer.canvas.Hit;
import org.vfscope.visualizer.canvas.LegendEntry;
import org.vfscope.visualizer.canvas.Texts;

/**
 * Writeback: dirty and under-writeback pages over the last minute against the background and
 * throttle thresholds; kupdate passes and throttle pauses as marks on the time axis, with when the
 * next kupdate pass is due; then each inode in writeback with a bar of its progress (pages
 * written this round, from the flusher's events, against pages still dirty).
 */
public final class WritebackView extends CanvasView<WritebackModel> {
    static final Color DIRTY = Palette.VERMILLION;
    static final Color WRITEBACK = Palette.BLUE;
    static final Color BACKGROUND_LINE = Palette.BLUISH_GREEN;
    static final Color THROTTLE_LINE = Palette.REDDISH_PURPLE;
    static final Color PAUSE = Palette.ORANGE;

    private final WritebackModelBuilder builder = new WritebackModelBuilder();

    public WritebackView(SnapshotSource source) {
        this(new SnapshotFeed(source), true);
    }

    public WritebackView(SnapshotFeed feed) {
        this(feed, false);
    }

    private WritebackView(SnapshotFeed feed, boolean ownsFeed) {
        super(feed, ownsFeed, WritebackModel.empty());
        getStyleClass().add("writeback-view");
        legend().setEntries(List.of(
                LegendEntry.line("dirty pages", DIRTY, false),
                LegendEntry.line("under writeback", WRITEBACK, false),
                LegendEntry.line("background threshold", BACKGROUND_LINE, true),
                LegendEntry.line("throttle threshold", THROTTLE_LINE, true),
                LegendEntry.fill("throttle pause", PAUSE),
                LegendEntry.fill("pages written", Palette.BLUISH_GREEN),
                LegendEntry.fill("still dirty", Palette.SKY_BLUE)));
    }

    /** The flusher's period (dirty_writeback_centisecs), for "next kupdate in ...". */
    public void setKupdateIntervalNanos(long nanos) {
        builder.setKupdateIntervalNanos(nanos);
    }

    @Override
    protected WritebackModel buildModel(Frame frame, WritebackModel previous) {
        return builder.build(frame);
    }

    /** Its model is a history of every frame: built while hidden too (it is cheap). */
    @Override
    protected boolean skipsWhileHidden() {
        return false;
    }

    public WritebackLayout chartLayout() {
        WritebackLayout l = WritebackLayout.of(model().inodes().size(), canvasWidth(), canvasHeight(), viewport().zoom());
        viewport().setExtent(l.contentHeight(), l.rowsHeight());
        return l;
    }

    static List<Counter> counters(WritebackModel m) {
        List<Counter> c = new ArrayList<>();
        c.add(Counter.of("dirty pages", m.latest().dirty()));
        c.add(Counter.of("writeback", m.latest().writeback()));
        c.add(Counter.of("background at", m.backgroundThresh()));
        c.add(Counter.of("throttle at", m.dirtyThresh()));
        c.add(new Counter("written/s", m.throughput() < 0 ? "—" : Format.count(Math.round(m.throughput()))));
        c.add(new Counter("throttle pauses", m.pauses() + (m.pauses() > 0 ? " (" + Format.latency(m.pausedNanos()) + ")" : "")));
        long next = m.nextKupdateNanos();
        c.add(new Counter("next kupdate", next < 0 ? "—" : "in " + Format.age(next - m.nowNanos())));
        c.add(Counter.of("write errors", m.writeErrors()));
        return c;
    }

    @Override
    protected void paint(GraphicsContext g, WritebackModel m, double w, double h, long now) {
        Theme theme = getTheme();
        WritebackLayout l = chartLayout();
        Texts.header(g, theme, counters(m), WritebackLayout.MARGIN, 0, w - WritebackLayout.MARGIN);
        Texts.title(g, theme, "Dirty and writeback pages", "last 60 s" + (m.eventsSeen() ? ""
                : " · flusher passes and pauses show when the engine reports events"), WritebackLayout.MARGIN,
                l.chartTitleY());
        paintChart(g, m, l, theme);
        paintRows(g, m, l, w, theme);
    }

    private void paintChart(GraphicsContext g, WritebackModel m, WritebackLayout l, Theme theme) {
        long yMax = WritebackLayout.yMax(m);
        double x0 = l.chartX();
        double y0 = l.chartY();
        double cw = l.chartW();
        double ch = l.chartH();
        g.setFill(theme.surface());
        g.fillRect(x0, y0, cw, ch);
        g.setFont(Texts.SMALL);
        g.setFill(theme.mutedText());
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setStroke(theme.grid());
        g.setLineWidth(1);
        for (int k = 0; k <= 4; k++) {
            double y = y0 + ch - ch * k / 4;
            g.strokeLine(x0, y, x0 + cw, y);
            g.fillText(Format.count(yMax * k / 4), x0 - 6, y);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int s = 60; s >= 0; s -= 10) {
            double x = x0 + cw * (60 - s) / 60.0;
            g.strokeLine(x, y0 + ch, x, y0 + ch + 4);
            g.fillText(s == 0 ? "now" : "−" + s + " s", x, y0 + ch + 6);
        }
        threshold(g, l, m.backgroundThresh(), yMax, BACKGROUND_LINE, "background " + Format.count(m.backgroundThresh()));
        threshold(g, l, m.dirtyThresh(), yMax, THROTTLE_LINE, "throttle " + Format.count(m.dirtyThresh()));
        series(g, m, l, yMax, DIRTY, true);
        series(g, m, l, yMax, WRITEBACK, false);
        g.setFill(PAUSE);
        for (long t : m.pauseTimes()) {
            double x = l.xOf(t, m.nowNanos());
            g.fillRect(x - 1.5, y0 + ch - 14, 3, 14);
        }
        long next = m.nextKupdateNanos();
        if (next >= 0) {
            g.setStroke(theme.text());
            g.setLineDashes(3, 4);
            double x = x0 + cw - 1;
            g.strokeLine(x, y0, x, y0 + ch);
            g.setLineDashes((double[]) null);
            g.setFill(theme.text());
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.TOP);
            g.setFont(Texts.BODY);
            g.fillText("next kupdate in " + Format.age(next - m.nowNanos()), x0 + cw - 6, y0 + 4);
        }
    }

    private static void threshold(GraphicsContext g, WritebackLayout l, long value, long yMax, Color color,
                                  String label) {
        if (value <= 0) {
            return;
        }
        double y = l.chartY() + l.chartH() - l.chartH() * value / yMax;
        g.setStroke(color);
        g.setLineWidth(2.5);
        g.setLineDashes(8, 5);
        g.strokeLine(l.chartX(), y, l.chartX() + l.chartW(), y);
        g.setLineDashes((double[]) null);
        g.setFill(color);
        g.setFont(Texts.BODY);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(label, l.chartX() + l.chartW() + 6, y);
    }

    private static void series(GraphicsContext g, WritebackModel m, WritebackLayout l, long yMax, Color color,
                               boolean dirty) {
        List<WritebackSample> samples = m.samples();
        if (samples.isEmpty()) {
            return;
        }
        g.setStroke(color);
        g.setLineWidth(3);
        g.beginPath();
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        for (int i = 0; i < samples.size(); i++) {
            WritebackSample s = samples.get(i);
            double x = Math.max(l.chartX(), l.xOf(s.timeNanos(), m.nowNanos()));
            double y = l.chartY() + l.chartH() - l.chartH() * (dirty ? s.dirty() : s.writeback()) / yMax;
            if (i == 0) {
                g.moveTo(x, y);
            } else if (Math.abs(x - lastX) >= 0.5 || Math.abs(y - lastY) >= 0.5 || i == samples.size() - 1) {
                // Polled at 60 Hz, a minute is several samples a pixel: the stroker need not see them all.
                g.lineTo(x, y);
            } else {
                continue;
            }
            lastX = x;
            lastY = y;
        }
        g.stroke();
    }

    private void paintRows(GraphicsContext g, WritebackModel m, WritebackLayout l, double w, Theme theme) {
        Texts.title(g, theme, "Inodes in writeback", m.inodes().isEmpty() ? "none: everything is clean"
                : m.inodes().size() + " · written this round / still dirty", WritebackLayout.MARGIN, l.rowsTitleY());
        double scroll = viewport().scrollY();
        g.save();
        g.beginPath();
        g.rect(0, l.rowsTop(), w, l.rowsHeight());
        g.clip();
        double rh = l.rowHeight();
        for (int r = l.firstRow(scroll); r < l.endRow(scroll); r++) {
            InodeProgress p = m.inodes().get(r);
            double y = l.rowY(r, scroll);
            double cy = y + rh / 2;
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.setFont(Texts.BODY);
            g.setFill(theme.text());
            g.fillText(p.name() + " (ino " + p.inode().ino() + ")", WritebackLayout.MARGIN, cy,
                    WritebackLayout.NAME_W - 10);
            double bx = WritebackLayout.MARGIN + WritebackLayout.NAME_W;
            double bh = Math.min(16, rh - 8);
            g.setFill(Palette.SKY_BLUE);
            g.fillRect(bx, cy - bh / 2, WritebackLayout.BAR_W, bh);
            g.setFill(Palette.BLUISH_GREEN);
            g.fillRect(bx, cy - bh / 2, WritebackLayout.BAR_W * p.fraction(), bh);
            g.setFill(theme.text());
            String status = (p.inode().state().contains(InodeState.I_SYNC) ? "writing · " : "")
                    + (p.inode().ioList() == InodeIoList.NONE ? "" : p.inode().ioList().name().toLowerCase(java.util.Locale.ROOT)
                    + " · ") + Format.count(p.written()) + " written, " + Format.count(p.remaining()) + " dirty · dirtied "
                    + Format.age(m.nowNanos() - p.inode().dirtiedWhen()) + " ago";
            g.fillText(status, bx + WritebackLayout.BAR_W + 12, cy);
            if (getSelection() instanceof Selection.Inode sel && sel.inode().ino() == p.inode().ino()
                    && sel.inode().dev() == p.inode().dev()) {
                g.setStroke(theme.selection());
                g.setLineWidth(2);
                g.strokeRect(2, y + 1, w - 4, rh - 2);
            }
        }
        g.restore();
    }

    @Override
    protected Hit hitAt(WritebackModel m, double x, double y) {
        WritebackLayout l = chartLayout();
        if (l.inChart(x, y)) {
            WritebackSample s = nearest(m, l.timeAt(x, m.nowNanos()));
            if (s == null) {
                return null;
            }
            return new Hit("−" + Format.age(m.nowNanos() - s.timeNanos()) + "\ndirty " + Format.count(s.dirty())
                    + " pages, under writeback " + Format.count(s.writeback()) + "\nbackground threshold "
                    + Format.count(m.backgroundThresh()) + ", throttle " + Format.count(m.dirtyThresh()), null);
        }
        int row = l.rowAt(y, viewport().scrollY());
        if (row < 0) {
            return null;
        }
        InodeProgress p = m.inodes().get(row);
        return new Hit(p.name() + " (ino " + p.inode().ino() + ")\n" + Format.count(p.written())
                + " pages written this round, " + Format.count(p.remaining()) + " still dirty\n"
                + (p.inode().ioList() == InodeIoList.NONE ? "on no writeback list"
                : "on " + p.inode().ioList().name().toLowerCase(java.util.Locale.ROOT)) + ", dirtied "
                + Format.age(m.nowNanos() - p.inode().dirtiedWhen()) + " ago",
                new Selection.Inode(p.inode(), p.name().startsWith("/") ? p.name() : null));
    }

    static WritebackSample nearest(WritebackModel m, long t) {
        WritebackSample best = null;
        for (WritebackSample s : m.samples()) {
            if (best == null || Math.abs(s.timeNanos() - t) < Math.abs(best.timeNanos() - t)) {
                best = s;
            }
        }
        return best;
    }
}
