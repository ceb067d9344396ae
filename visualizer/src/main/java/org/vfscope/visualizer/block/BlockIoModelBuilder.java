package org.vfscope.visualizer.block;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.vfscope.block.IoStats;
import org.vfscope.trace.BlockIo;
import org.vfscope.trace.TraceEvent;
import org.vfscope.visualizer.Frame;

/**
 * Builds {@link BlockIoModel}s for one device, accumulating what the events tell when the device
 * gives no statistics of its own. Feed thread.
 */
public final class BlockIoModelBuilder {
    /** The map never has more cells than this: bigger devices put several blocks in a cell. */
    public static final int MAX_CELLS = 1 << 16;
    private static final long QUEUE_WINDOW = 60_000_000_000L;

    private volatile BlockDevice device;
    private final long[] histogram = new long[IoStats.BUCKETS];
    private final Deque<BlockIoModel.QueueSample> queue = new ArrayDeque<>();
    private long reads;
    private long writes;
    private long bytesRead;
    private long bytesWritten;
    private long errors;
    private long latencyTotal;
    private int maxDepth;
    private long lastTime = Long.MIN_VALUE;

    private void forget() {
        Arrays.fill(histogram, 0);
        queue.clear();
        reads = 0;
        writes = 0;
        bytesRead = 0;
        bytesWritten = 0;
        errors = 0;
        latencyTotal = 0;
        maxDepth = 0;
    }

    public void setDevice(BlockDevice device) {
        this.device = device;
    }

    public BlockIoModel build(Frame frame) {
        BlockDevice dev = device;
        if (dev == null) {
            return BlockIoModel.empty();
        }
        long time = frame.snapshot().timeNanos();
        if (time < lastTime) {
            forget(); // a replay went back: what the events added up to is from its future
        }
        lastTime = time;
        List<BlockIo> recent = new ArrayList<>();
        for (TraceEvent e : frame.events()) {
            if (e instanceof BlockIo io && io.device().equals(dev.name())) {
                recent.add(io);
                count(io);
            }
        }
        int depth = maxConcurrent(recent);
        maxDepth = Math.max(maxDepth, depth);
        queue.addLast(new BlockIoModel.QueueSample(frame.wallNanos(), depth));
        while (!queue.isEmpty() && queue.peekFirst().wallNanos() < frame.wallNanos() - QUEUE_WINDOW) {
            queue.removeFirst();
        }

        long blocks = dev.blocks();
        long perCell = Math.max(1, (blocks + MAX_CELLS - 1) / MAX_CELLS);
        BlockKind[] kinds = new BlockKind[(int) ((blocks + perCell - 1) / perCell)];
        for (int c = 0; c < kinds.length; c++) {
            kinds[c] = kindOfCell(dev, c * perCell, Math.min(blocks, (c + 1) * perCell));
        }
        IoStats stats = dev.stats() == null ? null : dev.stats().get();
        long[] hist;
        IoTotals totals;
        if (stats != null) {
            hist = new long[IoStats.BUCKETS];
            for (int i = 0; i < hist.length && i < stats.latencyHistogram().size(); i++) {
                hist[i] = stats.latencyHistogram().get(i);
            }
            totals = new IoTotals(stats.reads(), stats.writes(), stats.bytesRead(), stats.bytesWritten(),
                    stats.errors(), stats.inFlight(), stats.maxInFlight(), stats.meanLatencyNanos(),
                    stats.latencyPercentileNanos(0.99));
        } else {
            hist = Arrays.copyOf(histogram, histogram.length);
            long n = reads + writes;
            totals = new IoTotals(reads, writes, bytesRead, bytesWritten, errors, depth, maxDepth,
                    n == 0 ? 0 : latencyTotal / n, percentile(hist, 0.99));
        }
        return new BlockIoModel(frame.snapshot().seq(), dev, perCell, kinds, recent, hist, List.copyOf(queue), totals,
                stats != null);
    }

    private void count(BlockIo io) {
        if (io.write()) {
            writes++;
        } else {
            reads++;
        }
        if (io.failed()) {
            errors++;
        } else if (io.write()) {
            bytesWritten += io.length();
        } else {
            bytesRead += io.length();
        }
        latencyTotal += io.latencyNanos();
        histogram[IoStats.bucketOf(io.latencyNanos())]++;
    }

    /** Metadata shows over data, data over free: a cell is what its most telling block is. */
    private static BlockKind kindOfCell(BlockDevice dev, long from, long to) {
        BlockKind best = BlockKind.UNKNOWN;
        for (long b = from; b < to; b++) {
            BlockKind k = dev.kindOf(b);
            if (k == BlockKind.METADATA) {
                return k;
            }
            if (k == BlockKind.DATA || best == BlockKind.UNKNOWN) {
                best = k == BlockKind.UNKNOWN ? best : k;
            }
        }
        return best;
    }

    /** The most requests in flight at once among {@code ios}, from their issue times and latencies. */
    static int maxConcurrent(List<BlockIo> ios) {
        int n = ios.size();
        long[] starts = new long[n];
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = ios.get(i).timeNanos();
            ends[i] = ios.get(i).timeNanos() + Math.max(1, ios.get(i).latencyNanos());
        }
        Arrays.sort(starts);
        Arrays.sort(ends);
        int depth = 0;
        int max = 0;
        int e = 0;
        for (int s = 0; s < n; s++) {
            while (e < n && ends[e] <= starts[s]) {
                e++;
                depth--;
            }
            depth++;
            max = Math.max(max, depth);
        }
        return max;
    }

    static long percentile(long[] hist, double q) {
        long total = 0;
        for (long h : hist) {
            total += h;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < hist.length; i++) {
            seen += hist[i];
            if (seen >= rank && seen > 0) {
                return i >= 62 ? Long.MAX_VALUE : (1L << (i + 1)) - 1;
            }
        }
        return 0;
    }
}
