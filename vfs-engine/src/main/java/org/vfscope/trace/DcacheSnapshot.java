package org.vfscope.trace;

import java.util.List;
import java.util.Objects;
import org.vfscope.vfs.dcache.DentryStats;

/**
 * Every live dentry with the dentry-state counters taken in the same instant. Per superblock,
 * the dentries on its LRU come first, head to tail, then the rest by id (a parent may come
 * after its children once a rename moved them); look parents up by id.
 */
public record DcacheSnapshot(List<DentryInfo> dentries, DentryStats stats) {

    public DcacheSnapshot {
        dentries = SnapshotList.immutable(dentries); // snapshots share their unchanged chunks
        Objects.requireNonNull(stats, "stats");
    }
}
