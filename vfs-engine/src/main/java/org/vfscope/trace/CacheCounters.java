package org.vfscope.trace;

import java.util.List;

/**
 * The cache counters a scenario step reports: the dcache's dentry-state, the inode cache, the
 * page cache lists and flags, the readahead windows issued since the last sample (in pages, in
 * order), block I/O requests, and the workingset refault and eviction counts.
 */
public record CacheCounters(
        long dentries,
        long dentriesUnused,
        long dentriesNegative,
        long inodes,
        long inodesDirty,
        long pages,
        long pagesActive,
        long pagesInactive,
        long pagesReferenced,
        long pagesDirty,
        long pagesWriteback,
        List<Integer> readaheadWindows,
        long blockReads,
        long blockWrites,
        long refaults,
        long evictions) {

    public CacheCounters {
        readaheadWindows = List.copyOf(readaheadWindows);
    }
}
