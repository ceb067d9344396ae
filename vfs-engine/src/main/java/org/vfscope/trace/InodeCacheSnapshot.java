package org.vfscope.trace;

import java.util.List;
import java.util.Objects;
import org.vfscope.vfs.icache.InodeStats;

/** Every cached inode, ordered by (dev, ino), with the inode-state counters of the same instant. */
public record InodeCacheSnapshot(List<InodeInfo> inodes, InodeStats stats) {

    public InodeCacheSnapshot {
        inodes = List.copyOf(inodes);
        Objects.requireNonNull(stats, "stats");
    }
}
