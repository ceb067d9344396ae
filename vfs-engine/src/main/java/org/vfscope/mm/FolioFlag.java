package org.vfscope.mm;

/** The page flags of include/linux/page-flags.h that the page-cache model shows. */
public enum FolioFlag {
    LOCKED,
    UPTODATE,
    DIRTY,
    WRITEBACK,
    REFERENCED,
    ACTIVE,
    WORKINGSET,
    LRU,
    /** PG_readahead (shares its bit with PG_reclaim in Linux). */
    READAHEAD,
    RECLAIM,
    UNEVICTABLE
}
