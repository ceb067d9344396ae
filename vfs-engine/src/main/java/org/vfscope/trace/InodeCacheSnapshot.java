package org.vfscope.trace;

import java.util.List;
import java.util.Objects;
import org.vfscope.vfs.icache.InodeStats;

/** Every cached inode, ordered by (dev, ino), with the inode-state counters of the same instant. */
public record InodeCacheSnapshot(List<InodeInfo> inodes, InodeStats stats) {

    public InodeCacheSnapshot {
        inodes = SnapshotList.immutable(inodes); // snapshots share their unchanged chunks
        Objects.requireNonNull(stats, "stats");
    }
}
