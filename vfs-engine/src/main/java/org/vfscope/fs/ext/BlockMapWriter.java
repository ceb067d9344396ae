package org.vfscope.fs.ext;

/**
 * ext4_map_blocks with create, and truncate: the write half of a block map. Two schemes sit
 * behind it, chosen per inode by EXTENTS_FL: {@link IndirectMapWriter} (ext2/3 pointers) and
 * {@link ExtentMapWriter} (the ext4 extent tree). Callers hold the inode's truncate mutex;
 * every block taken or given back is counted in i_blocks.
 */
interface BlockMapWriter {

    /** The physical block of {@code logical}, or 0 for a hole; an unwritten block counts as mapped. */
    long lookup(ExtInode inode, long logical);

    /** The physical block of {@code logical}, allocated (with any map blocks on its path) if missing. */
    long getOrAllocate(ExtInode inode, long logical);

    /**
     * The block {@code logical}'s data is about to be written to: as {@link #lookup}, but an
     * unwritten block becomes written (its extent is split), since it will hold data now.
     */
    default long mapForWrite(ExtInode inode, long logical) {
        return lookup(inode, logical);
    }

    /** Whether {@code logical} is preallocated but unwritten (reads as zeros, has no data to keep). */
    default boolean isUnwritten(ExtInode inode, long logical) {
        return false;
    }

    /**
     * Allocates the holes in [{@code from}, {@code from + count}) with as few allocator calls as
     * the bitmaps allow (ext2_get_blocks / ext4_map_blocks for a run). Best effort: where space
     * runs out it stops without an error, and {@link #getOrAllocate} reports ENOSPC at the block.
     * Returns the end of the run from {@code from} that is now mapped ({@code from} if none).
     */
    long allocateRange(ExtInode inode, long from, long count);

    /** Frees every block mapping logical block {@code from} or later. */
    void truncate(ExtInode inode, long from);
}
