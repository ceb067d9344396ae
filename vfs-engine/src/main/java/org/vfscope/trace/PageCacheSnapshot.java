package org.vfscope.trace;

import java.util.List;

/**
 * Every page on the page-cache LRU lists (active first, each from head to tail), with the
 * lists' sizes and the pages cached, dirty and under writeback.
 */
public record PageCacheSnapshot(List<PageInfo> pages, long nrActive, long nrInactive, long nrPages, long nrDirty,
                                long nrWriteback) {
    private static final PageCacheSnapshot EMPTY = new PageCacheSnapshot(List.of(), 0, 0, 0, 0, 0);

    public PageCacheSnapshot {
        pages = SnapshotList.immutable(pages); // snapshots share their unchanged chunks
    }

    /** No pages. */
    public static PageCacheSnapshot empty() {
        return EMPTY;
    }
}
