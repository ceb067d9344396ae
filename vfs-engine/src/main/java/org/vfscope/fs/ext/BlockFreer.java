package org.vfscope.fs.ext;

/**
 * Collects the blocks a truncate frees into runs, so the bitmaps and group descriptors are
 * touched once per run (ext4_free_blocks / ext2_free_blocks take a range), and counts them for
 * i_blocks. Used by both block-map writers; call {@link #flush} when done.
 */
final class BlockFreer {
    final ExtInode inode;
    private final ExtFs fs;
    private long start = -1;
    private long len;
    /** Blocks handed to {@link #free} so far. */
    long count;

    BlockFreer(ExtFs fs, ExtInode inode) {
        this.fs = fs;
        this.inode = inode;
    }

    void free(long block) {
        free(block, 1);
    }

    void free(long block, long n) {
        if (n <= 0) {
            return;
        }
        count += n;
        if (start >= 0 && block == start + len) {
            len += n;
            return;
        }
        flush();
        start = block;
        len = n;
    }

    void flush() {
        if (start >= 0) {
            fs.blockAllocator().freeBlocks(inode.ino(), start, len);
        }
        start = -1;
        len = 0;
    }
}
