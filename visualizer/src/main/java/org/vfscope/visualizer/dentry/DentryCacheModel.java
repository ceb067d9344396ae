package org.vfscope.visualizer.dentry;

import java.util.List;
import java.util.Map;
import org.vfscope.trace.CacheShrink;
import org.vfscope.trace.DentryInfo;
import org.vfscope.trace.DentryLookup;
import org.vfscope.vfs.dcache.DentryStats;
import org.vfscope.visualizer.DcacheNames;

/**
 * What the dentry cache view draws for one snapshot: the dentry-state counters, the LRU head to
 * tail, the tree as an outline (parents before children, siblings by name), and the lookups and
 * shrinker passes reported since the previous frame.
 */
public record DentryCacheModel(long seq, DentryStats stats, List<DentryInfo> lru, List<DentryRow> rows,
                               Map<DentryKey, DentryLookup.Result> lookups, List<CacheShrink> shrinks, DcacheNames names,
                               boolean eventsSeen) {

    public static DentryCacheModel empty() {
        return new DentryCacheModel(-1, new DentryStats(0, 0, 0, 0, 0, 0), List.of(), List.of(), Map.of(),
                List.of(), DcacheNames.empty(), false);
    }
}
