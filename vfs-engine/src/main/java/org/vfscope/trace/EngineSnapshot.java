package org.vfscope.trace;

import java.util.List;
import java.util.Objects;

/**
 * Everything the visualizer draws, taken at kernel time {@code timeNanos}. {@code seq} numbers
 * the snapshots of one source; events numbered below {@code eventSeq} happened before the
 * snapshot began (events during it may or may not show in it).
 */
public record EngineSnapshot(long seq, long timeNanos, long eventSeq, List<SuperBlockInfo> superBlocks,
                             DcacheSnapshot dcache, InodeCacheSnapshot icache, List<WritebackSnapshot> writeback,
                             PageCacheSnapshot pageCache) {

    public EngineSnapshot {
        superBlocks = List.copyOf(superBlocks);
        Objects.requireNonNull(dcache, "dcache");
        Objects.requireNonNull(icache, "icache");
        writeback = List.copyOf(writeback);
        Objects.requireNonNull(pageCache, "pageCache");
    }
}
