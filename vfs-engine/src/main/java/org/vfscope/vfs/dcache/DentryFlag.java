package org.vfscope.vfs.dcache;

/** The {@code d_flags} of include/linux/dcache.h that the cache model shows. */
public enum DentryFlag {
    /** On its superblock's dentry LRU. */
    LRU_LIST,
    /** Taken off the LRU by the shrinker, about to be killed. */
    SHRINK_LIST,
    /** Used again while on the LRU: survives one shrinker pass. */
    REFERENCED,
    /** Allocated by a lookup that has not finished yet (d_alloc_parallel). */
    PAR_LOOKUP,
    /** Kill on last dput instead of caching. */
    DONTCACHE,
    /** Not connected to the tree (an anonymous or O_TMPFILE dentry). */
    DISCONNECTED,
    /** Something is mounted on it. */
    MOUNTED
}
