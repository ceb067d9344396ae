package org.vfscope.trace;

import java.util.List;
import java.util.Objects;
import org.vfscope.vfs.dcache.DentryStats;

/**
 * Every live dentry with the dentry-state counters taken in the same instant. Per superblock,
 * the dentries on its LRU come first, head to tail, then the rest of its tree, parents before
 * children; look parents up by id.
 */
public record DcacheSnapshot(List<DentryInfo> dentries, DentryStats stats) {

    public DcacheSnapshot {
        dentries = List.copyOf(dentries);
        Objects.requireNonNull(stats, "stats");
    }
}
