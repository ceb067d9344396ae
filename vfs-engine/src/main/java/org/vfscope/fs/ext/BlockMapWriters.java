package org.vfscope.fs.ext;

/**
 * The block map writer each inode's flags call for: the extent tree for EXTENTS_FL inodes,
 * the indirect map for the rest (ext2/3 files, and ext4 files made without extents).
 */
final class BlockMapWriters implements BlockMapWriter {
    private final IndirectMapWriter indirect;
    private final ExtentMapWriter extents;

    BlockMapWriters(ExtFs fs) {
        this.indirect = new IndirectMapWriter(fs);
        this.extents = new ExtentMapWriter(fs);
    }

    private BlockMapWriter of(ExtInode inode) {
        return (inode.flags() & ExtInodeRaw.FL_EXTENTS) != 0 ? extents : indirect;
    }

    ExtentMapWriter extents() {
        return extents;
    }

    @Override
    public long lookup(ExtInode inode, long logical) {
        return of(inode).lookup(inode, logical);
    }

    @Override
    public long getOrAllocate(ExtInode inode, long logical) {
        return of(inode).getOrAllocate(inode, logical);
    }

    @Override
    public long mapForWrite(ExtInode inode, long logical) {
        return of(inode).mapForWrite(inode, logical);
    }

    @Override
    public boolean isUnwritten(ExtInode inode, long logical) {
        return of(inode).isUnwritten(inode, logical);
    }

    @Override
    public long allocateRange(ExtInode inode, long from, long count) {
        return of(inode).allocateRange(inode, from, count);
    }

    @Override
    public void truncate(ExtInode inode, long from) {
        of(inode).truncate(inode, from);
    }
}
