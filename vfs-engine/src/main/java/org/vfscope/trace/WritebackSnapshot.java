package org.vfscope.trace;

import java.util.List;
import java.util.Objects;

/**
 * One superblock's writeback state: the inode numbers on b_dirty, b_io, b_more_io and
 * b_dirty_time in list order (first queued first); its dirty and under-writeback page totals;
 * and the kernel-wide background and throttle thresholds, in pages.
 */
public record WritebackSnapshot(long dev, String sbId, List<Long> bDirty, List<Long> bIo, List<Long> bMoreIo,
                                List<Long> bDirtyTime, long dirtyPages, long writebackPages,
                                long backgroundThreshPages, long dirtyThreshPages) {

    public WritebackSnapshot {
        Objects.requireNonNull(sbId, "sbId");
        bDirty = List.copyOf(bDirty);
        bIo = List.copyOf(bIo);
        bMoreIo = List.copyOf(bMoreIo);
        bDirtyTime = List.copyOf(bDirtyTime);
    }

    /** The inode numbers on one list. */
    public List<Long> list(InodeIoList which) {
        return switch (which) {
            case B_DIRTY -> bDirty;
            case B_IO -> bIo;
            case B_MORE_IO -> bMoreIo;
            case B_DIRTY_TIME -> bDirtyTime;
            case NONE -> List.of();
        };
    }
}
