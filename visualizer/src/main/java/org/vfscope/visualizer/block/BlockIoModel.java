package org.vfscope.visualizer.block;

import java.util.List;
import org.vfscope.trace.BlockIo;

/**
 * What the block I/O view draws for one frame: the device map in cells of {@code blocksPerCell}
 * blocks with each cell's kind, the requests completed since the last frame, the latency
 * histogram (log2 buckets, as {@link org.vfscope.block.IoStats}), the queue depth over the last
 * minute and the counters.
 */
public record BlockIoModel(long seq, BlockDevice device, long blocksPerCell, BlockKind[] cellKinds,
                           List<BlockIo> recent, long[] latencyHistogram, List<QueueSample> queueDepth,
                           IoTotals totals, boolean fromStats) {

    /** The deepest queue seen in one frame, at a wall time. */
    public record QueueSample(long wallNanos, int depth) {
    }

    public static BlockIoModel empty() {
        return new BlockIoModel(-1, null, 1, new BlockKind[0], List.of(), new long[64], List.of(),
                IoTotals.ZERO, false);
    }

    public int cells() {
        return cellKinds.length;
    }

    /** The cells a request touched: first and last, inclusive. */
    public int[] cellsOf(BlockIo io) {
        long first = io.offset() / device.blockSize() / blocksPerCell;
        long last = (io.offset() + Math.max(1, io.length()) - 1) / device.blockSize() / blocksPerCell;
        return new int[] {(int) Math.min(first, cells() - 1), (int) Math.min(last, cells() - 1)};
    }
}
