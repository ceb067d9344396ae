package org.vfscope.trace;

import java.util.List;
import java.util.Objects;
import org.vfscope.vfs.dcache.DentryStats;

/**
 * Every live dentry, parents before children (each superblock's tree from its root), with the
 * dentry-state counters taken in the same instant.
 */
public record DcacheSnapshot(List<DentryInfo> dentries, DentryStats stats) {

    public DcacheSnapshot {
        dentries = List.copyOf(dentries);
        Objects.requireNonNull(stats, "stats");
    }
}
