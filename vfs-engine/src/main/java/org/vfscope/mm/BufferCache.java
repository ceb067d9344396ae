package org.vfscope.mm;

import org.vfscope.block.BlockDevice;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * The buffer cache of one block device (fs/buffer.c): {@code sb_bread}, {@code mark_buffer_dirty},
 * {@code sync_dirty_buffer} for a filesystem's metadata blocks, in the folios of the device's
 * own mapping. A folio holds {@code PAGE_SIZE / blockSize} buffers; dirtying a buffer dirties
 * its folio, which writeback writes whole.
 */
public final class BufferCache {
    private final BlockDeviceMapping bdev;
    private volatile int blockSize;

    public BufferCache(BlockDeviceMapping bdev, int blockSize) {
        this.bdev = bdev;
        setBlockSize(blockSize);
    }

    public BlockDevice device() {
        return bdev.device();
    }

    /** The block device's inode, whose mapping holds the cached blocks. */
    public BlockDeviceMapping inode() {
        return bdev;
    }

    public int blockSize() {
        return blockSize;
    }

    /** set_blocksize: a power of two from 512 to PAGE_SIZE, and at least the device's sector. */
    public void setBlockSize(int size) {
        if (size < 512 || size > Folio.PAGE_SIZE || Integer.bitCount(size) != 1
                || size < bdev.device().logicalBlockSize()) {
            throw new VfsException(Errno.EINVAL, bdev.device().name(), "block size " + size);
        }
        this.blockSize = size;
    }

    /** Blocks on the device at the current block size. */
    public long blockCount() {
        return bdev.device().size() / blockSize;
    }

    /**
     * sb_bread: the uptodate buffer for {@code block}, read from the device on a miss. EIO for
     * a block beyond the device (a corrupt block number must not be trusted).
     */
    public BufferHead bread(long block) {
        if (block < 0 || block >= blockCount()) {
            throw new VfsException(Errno.EIO, bdev.device().name(),
                    "block " + block + " beyond end of device (" + blockCount() + " blocks)");
        }
        long byteOffset = block * blockSize;
        long index = byteOffset >> Folio.PAGE_SHIFT;
        Folio folio = bdev.mapping().readCached(null, index);
        bdev.sb().kernel().pageCache().markAccessed(folio);
        return new BufferHead(folio, block, (int) (byteOffset & (Folio.PAGE_SIZE - 1)), blockSize);
    }

    /** mark_buffer_dirty: the buffer's folio is dirty and the device inode on b_dirty. */
    public void markDirty(BufferHead bh) {
        bdev.mapping().dirtyFolio(bh.folio());
    }

    /** sync_dirty_buffer: writes the buffer's folio now and waits, reporting an I/O error. */
    public void syncDirty(BufferHead bh) {
        long pos = bh.folio().position();
        bdev.mapping().writeDirty(WritebackControl.syncRange(pos, pos + Folio.PAGE_SIZE - 1));
        var result = bdev.mapping().wbErr().checkAndAdvance(0);
        if (result.error() != null) {
            throw new VfsException(result.error(), bdev.device().name(), "writing " + bh);
        }
    }

    /** sync_blockdev: every dirty block written, then the device flushed. */
    public void sync() {
        bdev.sb().kernel().writeback().writebackSingleInode(bdev, WritebackControl.syncAll(), false);
        bdev.device().flush();
    }

    /** invalidate_bdev: drops the clean cached blocks (the device may have changed beneath). */
    public void invalidate() {
        bdev.mapping().invalidateClean();
    }
}
