package org.vfscope.visualizer.block;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.vfscope.block.IoStats;
import org.vfscope.trace.BlockIo;
import org.vfscope.trace.SnapshotSource;
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
 * Block I/O on one device: a map of its blocks (metadata, data, free, as the filesystem says)
 * where each completed read and write flashes; the latency histogram in log2 buckets; and the
 * deepest queue seen per frame over the last minute. Counters come from the device's IoStats
 * when given, else from the events.
 */
public final class BlockIoView extends CanvasView<BlockIoModel> {
    static final Color READ = Palette.BLUISH_GREEN;
    static final Color WRITE = Palette.ORANGE;
    static final Color FAILED = Palette.VERMILLION;
    private static final long FLASH_NANOS = 900_000_000L;
    /** Histogram buckets shown: 2^8 ns (256 ns) to 2^33 ns (8.6 s). */
    static final int FIRST_BUCKET = 8;
    static final int BUCKETS = 26;

    /** How a cell flashes. */
    public enum IoFlash { READ, WRITE, FAILED }

    private final BlockIoModelBuilder builder = new BlockIoModelBuilder();
    private final Flashes<Integer, IoFlash> flashes = new Flashes<>(FLASH_NANOS);
    private final CellRaster raster = new CellRaster();

    public BlockIoView(SnapshotSource source, BlockDevice device) {
        this(new SnapshotFeed(source), true, device);
    }

    public BlockIoView(SnapshotFeed feed, BlockDevice device) {
        this(feed, false, device);
    }

    private BlockIoView(SnapshotFeed feed, boolean ownsFeed, BlockDevice device) {
        super(feed, ownsFeed, BlockIoModel.empty());
        builder.setDevice(device);
        getStyleClass().add("block-io-view");
        List<LegendEntry> legend = new ArrayList<>();
        for (BlockKind k : BlockKind.values()) {
            legend.add(new LegendEntry(k.label(), (g, s, t) -> {
                g.setFill(k.color(t));
                g.fillRect(1, 1, s - 2, s - 2);
            }));
        }
        legend.add(LegendEntry.fill("read", READ));
        legend.add(LegendEntry.fill("write", WRITE));
        legend.add(LegendEntry.fill("failed I/O", FAILED));
        legend().setEntries(legend);
    }

    /** Maps another device from the next frame on. */
    public void setDevice(BlockDevice device) {
        builder.setDevice(device);
    }

    @Override
    protected BlockIoModel buildModel(Frame frame, BlockIoModel previous) {
        return builder.build(frame);
    }

    /** Its model is a history of every frame: built while hidden too (it is cheap). */
    @Override
    protected boolean skipsWhileHidden() {
        return false;
    }

    @Override
    protected void adopted(BlockIoModel m, long now) {
        for (BlockIo io : m.recent()) {
            int[] cells = m.cellsOf(io);
            IoFlash kind = io.failed() ? IoFlash.FAILED : io.write() ? IoFlash.WRITE : IoFlash.READ;
            for (int c = cells[0]; c <= cells[1]; c++) {
                flashes.add(c, kind, now);
            }
        }
    }

    @Override
    protected boolean animating(long now) {
        return flashes.prune(now);
    }

    /** The flash on a map cell now, or null; for tests. */
    public IoFlash flashOn(int cell) {
        Flashes.Flash<IoFlash> f = flashes.get(cell, System.nanoTime());
        return f == null ? null : f.kind();
    }

    public BlockIoLayout mapLayout() {
        BlockIoLayout l = BlockIoLayout.of(model().cells(), canvasWidth(), canvasHeight(), viewport().zoom());
        viewport().setExtent(l.contentHeight(), l.mapHeight());
        return l;
    }

    static List<Counter> counters(BlockIoModel m) {
        IoTotals t = m.totals();
        return List.of(
                Counter.of("reads", t.reads()),
                Counter.of("writes", t.writes()),
                new Counter("read", Format.bytes(t.bytesRead())),
                new Counter("written", Format.bytes(t.bytesWritten())),
                Counter.of("errors", t.errors()),
                Counter.of(m.fromStats() ? "in flight" : "queue depth", t.inFlight()),
                Counter.of("max in flight", t.maxInFlight()),
                new Counter("mean latency", Format.latency(t.meanLatencyNanos())),
                new Counter("p99 ≤", Format.latency(t.p99LatencyNanos())));
    }

    @Override
    protected void paint(GraphicsContext g, BlockIoModel m, double w, double h, long now) {
        Theme theme = getTheme();
        BlockIoLayout l = mapLayout();
        Texts.header(g, theme, counters(m), BlockIoLayout.MARGIN, 0, w - BlockIoLayout.MARGIN);
        if (m.device() == null) {
            Texts.title(g, theme, "Block I/O", "no device to show", BlockIoLayout.MARGIN, l.mapTitleY());
            return;
        }
        Texts.title(g, theme, "Device " + m.device().name(), Format.bytes(m.device().sizeBytes()) + " · "
                + Format.count(m.device().blocks()) + " blocks of " + Format.bytes(m.device().blockSize())
                + (m.blocksPerCell() > 1 ? " · " + m.blocksPerCell() + " blocks per cell" : ""), BlockIoLayout.MARGIN,
                l.mapTitleY());
        paintMap(g, m, l, w, theme, now);
        paintHistogram(g, m, l, theme);
        paintQueue(g, m, l, theme);
    }

    private void paintMap(GraphicsContext g, BlockIoModel m, BlockIoLayout l, double w, Theme theme, long now) {
        double scroll = viewport().scrollY();
        int viewH = (int) l.mapHeight();
        raster.reset((int) w, viewH, Palette.argb(theme.background()));
        int s = (int) l.map().cell();
        int[] kindArgb = new int[BlockKind.values().length];
        for (BlockKind k : BlockKind.values()) {
            kindArgb[k.ordinal()] = Palette.argb(k.color(theme));
        }
        int first = l.map().firstIndexAtOrBelow(scroll);
        int end = l.map().endIndexAtOrAbove(scroll + viewH);
        for (int i = first; i < end; i++) {
            raster.fill((int) l.map().cellX(i), (int) (l.map().cellY(i) - scroll), s, s,
                    kindArgb[m.cellKinds()[i].ordinal()]);
        }
        // Flashes are few: painted over the map, not looked up for each of its cells.
        for (Integer i : flashes.all().keySet()) {
            Flashes.Flash<IoFlash> f = i >= first && i < end ? flashes.get(i, now) : null;
            if (f != null) {
                Color c = switch (f.kind()) {
                    case READ -> READ;
                    case WRITE -> WRITE;
                    case FAILED -> FAILED;
                };
                int argb = blend(kindArgb[m.cellKinds()[i].ordinal()], Palette.argb(c),
                        0.35 + 0.65 * flashes.strength(f, now));
                raster.fill((int) l.map().cellX(i), (int) (l.map().cellY(i) - scroll), s, s, argb);
            }
        }
        raster.drawTo(g, 0, l.mapTop());
        if (getSelection() instanceof Selection.Block sel && sel.device().equals(m.device().name())) {
            int i = (int) (sel.block() / m.blocksPerCell());
            double y = l.mapTop() + l.map().cellY(i) - scroll;
            if (i < m.cells() && y >= l.mapTop() && y < l.mapTop() + viewH) {
                g.setStroke(theme.selection());
                g.setLineWidth(2.5);
                g.strokeRect(l.map().cellX(i) - 1.5, y - 1.5, s + 3, s + 3);
            }
        }
    }

    static int blend(int under, int over, double a) {
        int r = mix(under >> 16 & 0xff, over >> 16 & 0xff, a);
        int gr = mix(under >> 8 & 0xff, over >> 8 & 0xff, a);
        int b = mix(under & 0xff, over & 0xff, a);
        return 0xff000000 | r << 16 | gr << 8 | b;
    }

    private static int mix(int u, int o, double a) {
        return (int) Math.round(u + (o - u) * a);
    }

    private void paintHistogram(GraphicsContext g, BlockIoModel m, BlockIoLayout l, Theme theme) {
        Texts.title(g, theme, "Latency", m.fromStats() ? "all requests" : "requests seen", BlockIoLayout.MARGIN,
                l.chartsTitleY());
        long max = 1;
        for (int b = FIRST_BUCKET; b < FIRST_BUCKET + BUCKETS; b++) {
            max = Math.max(max, m.latencyHistogram()[b]);
        }
        double bw = l.histW() / BUCKETS;
        double base = l.chartsTop() + l.chartsHeight();
        g.setFill(theme.surface());
        g.fillRect(l.histX(), l.chartsTop(), l.histW(), l.chartsHeight());
        g.setFill(Palette.BLUE);
        for (int k = 0; k < BUCKETS; k++) {
            long n = m.latencyHistogram()[FIRST_BUCKET + k];
            double bh = l.chartsHeight() * n / max;
            g.fillRect(l.histX() + k * bw + 1, base - bh, bw - 2, bh);
        }
        g.setFill(theme.mutedText());
        g.setFont(Texts.SMALL);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int k = 0; k < BUCKETS; k += 5) {
            g.fillText(Format.latency(IoStats.bucketLowerBoundNanos(FIRST_BUCKET + k)), l.histX() + k * bw + bw / 2,
                    base + 4);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(Format.count(max), l.histX() - 6, l.chartsTop() + 6);
        g.fillText("0", l.histX() - 6, base);
    }

    private void paintQueue(GraphicsContext g, BlockIoModel m, BlockIoLayout l, Theme theme) {
        Texts.title(g, theme, "Queue depth", "deepest per frame · last 60 s", l.queueX() - 40, l.chartsTitleY());
        double base = l.chartsTop() + l.chartsHeight();
        g.setFill(theme.surface());
        g.fillRect(l.queueX(), l.chartsTop(), l.queueW(), l.chartsHeight());
        int max = 1;
        for (BlockIoModel.QueueSample q : m.queueDepth()) {
            max = Math.max(max, q.depth());
        }
        long now = m.queueDepth().isEmpty() ? 0 : m.queueDepth().get(m.queueDepth().size() - 1).wallNanos();
        g.setStroke(Palette.VERMILLION);
        g.setLineWidth(2.5);
        g.beginPath();
        boolean first = true;
        for (BlockIoModel.QueueSample q : m.queueDepth()) {
            double x = l.queueX() + l.queueW() * (1 - (now - q.wallNanos()) / 60e9);
            double y = base - l.chartsHeight() * q.depth() / max;
            if (first) {
                g.moveTo(x, y);
                first = false;
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
        g.setFill(theme.mutedText());
        g.setFont(Texts.SMALL);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(String.valueOf(max), l.queueX() - 6, l.chartsTop() + 6);
        g.fillText("0", l.queueX() - 6, base);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText("−60 s", l.queueX(), base + 4);
        g.fillText("now", l.queueX() + l.queueW(), base + 4);
    }

    @Override
    protected Hit hitAt(BlockIoModel m, double x, double y) {
        if (m.device() == null) {
            return null;
        }
        BlockIoLayout l = mapLayout();
        int cell = l.cellAt(x, y, viewport().scrollY());
        if (cell >= 0) {
            long first = cell * m.blocksPerCell();
            long last = Math.min(m.device().blocks(), first + m.blocksPerCell()) - 1;
            BlockKind kind = m.cellKinds()[cell];
            String text = m.device().name() + " block " + (first == last ? first : first + "–" + last) + "\n"
                    + "bytes " + Format.count(first * m.device().blockSize()) + "–"
                    + Format.count((last + 1) * m.device().blockSize() - 1) + "\n" + kind.label();
            Flashes.Flash<IoFlash> f = flashes.get(cell, System.nanoTime());
            if (f != null) {
                text += " · just " + (f.kind() == IoFlash.READ ? "read" : f.kind() == IoFlash.WRITE ? "written" : "failed");
            }
            return new Hit(text, new Selection.Block(m.device().name(), first, m.device().blockSize(), kind.label()));
        }
        int bucket = l.bucketAt(x, y, FIRST_BUCKET, BUCKETS);
        if (bucket >= 0) {
            return new Hit(Format.count(m.latencyHistogram()[bucket]) + " requests took "
                    + Format.latency(IoStats.bucketLowerBoundNanos(bucket)) + " to "
                    + Format.latency(IoStats.bucketLowerBoundNanos(bucket + 1)), null);
        }
        return null;
    }
}
