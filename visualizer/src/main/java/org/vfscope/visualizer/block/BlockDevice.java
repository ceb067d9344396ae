package org.vfscope.visualizer.block;

import java.util.Objects;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.vfscope.block.IoStats;

/**
 * The device the block I/O view maps: its name (as {@link org.vfscope.trace.BlockIo} events name
 * it), size and block size; optionally where its {@link IoStats} come from and what each block
 * holds. Both suppliers are called on the feed thread and must be cheap and thread-safe.
 */
public record BlockDevice(String name, long sizeBytes, int blockSize, Supplier<IoStats> stats,
                          LongFunction<BlockKind> kinds) {

    public BlockDevice {
        Objects.requireNonNull(name, "name");
        if (sizeBytes < 0 || blockSize <= 0) {
            throw new IllegalArgumentException("bad device geometry: " + sizeBytes + " bytes, blocks of " + blockSize);
        }
    }

    /** A device known only by name and size: kinds unknown, statistics from events. */
    public static BlockDevice of(String name, long sizeBytes, int blockSize) {
        return new BlockDevice(name, sizeBytes, blockSize, null, null);
    }

    public long blocks() {
        return (sizeBytes + blockSize - 1) / blockSize;
    }

    public BlockKind kindOf(long block) {
        return kinds == null ? BlockKind.UNKNOWN : kinds.apply(block);
    }
}
