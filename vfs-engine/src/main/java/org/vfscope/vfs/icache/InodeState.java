package org.vfscope.vfs.icache;

import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code i_state} bits of include/linux/fs.h. Only the names are modelled; the kernel's bit
 * values change between releases.
 */
public enum InodeState {
    /** Being read in or set up; lookups wait until {@code unlock_new_inode}. */
    I_NEW,
    /** Metadata a sync must write (fdatasync ignores it). */
    I_DIRTY_SYNC,
    /** Metadata fdatasync must write too, such as the size. */
    I_DIRTY_DATASYNC,
    /** The page cache holds dirty pages. */
    I_DIRTY_PAGES,
    /** Only timestamps are dirty (lazytime). */
    I_DIRTY_TIME,
    /** Writeback of this inode is in progress. */
    I_SYNC,
    /** Queued for writeback by the flusher. */
    I_SYNC_QUEUED,
    /** Second chance on the inode LRU. */
    I_REFERENCED,
    /** iput_final is writing it out before freeing. */
    I_WILL_FREE,
    /** Being evicted; lookups must wait and retry. */
    I_FREEING,
    /** Evicted: the filesystem has released everything. */
    I_CLEAR,
    /** An O_TMPFILE inode that may still be linked in. */
    I_LINKABLE,
    /** Evict on last iput rather than cache. */
    I_DONTCACHE;

    /** I_DIRTY_INODE: the metadata dirty bits. */
    public static final Set<InodeState> DIRTY_INODE = EnumSet.of(I_DIRTY_SYNC, I_DIRTY_DATASYNC);
    /** I_DIRTY_ALL: any dirty bit. */
    public static final Set<InodeState> DIRTY_ALL =
            EnumSet.of(I_DIRTY_SYNC, I_DIRTY_DATASYNC, I_DIRTY_PAGES, I_DIRTY_TIME);
}
