package org.vfscope.fs.ext;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.vfscope.mm.Bio;
import org.vfscope.mm.Folio;
import org.vfscope.mm.WritebackControl;
import org.vfscope.vfs.AddressSpaceOperations;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FallocateFlags;
import org.vfscope.vfs.FileOperations;
import org.vfscope.vfs.GenericFile;
import org.vfscope.vfs.Iattr;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.InodeOperations;
import org.vfscope.vfs.Kiocb;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.vfs.lock.LockClass;

/**
 * ext regular files, all through the page cache. Reads: {@code ->read_folio} (ext4_read_folio /
 * ext4_mpage_readpages) maps each block of the page and reads the physical blocks, coalescing
 * runs; holes, unwritten extents and the part past EOF read as zeros; inline-data files copy
 * from the inode. Writes: generic_perform_write, whose write_begin allocates the blocks under
 * the bytes written (ext2_get_block / ext4_map_blocks, so ENOSPC and EFBIG come from write()),
 * freeing what a failed write allocated past EOF (ext2_write_failed); {@code ->writepage}
 * writes the page's mapped blocks to the device. Truncate frees the blocks past the new size
 * and zeroes the tail of the last block; fallocate mode 0 allocates and zeroes through the cache
 * on ext2/3, and makes unwritten extents (mode 0 or KEEP_SIZE) on extent files, which writepage
 * turns into written ones block by block. An inline-data file is converted to a block-mapped one
 * before any write, fallocate or writeback reaches its blocks ({@link InlineDataWriter}); a
 * truncate keeps it inline.
 */
final class ExtFileOps implements FileOperations, AddressSpaceOperations, InodeOperations {
    private final ExtSuper sup;

    ExtFileOps(ExtSuper sup) {
        this.sup = sup;
    }

    private int bs() {
        return sup.info().blockSize();
    }

    // ---- file_operations -------------------------------------------------------------------

    @Override
    public int read(Kiocb iocb, ByteBuffer dst) {
        return GenericFile.read(iocb, dst);
    }

    @Override
    public int write(Kiocb iocb, ByteBuffer src) {
        if (!sup.canWrite()) {
            throw sup.readOnly("inode " + iocb.file().inode().ino());
        }
        return GenericFile.write(iocb, src);
    }

    /**
     * ext2_fsync: the file's pages and inode (generic_file_fsync), then the metadata blocks they
     * dirtied (block map, bitmaps, descriptors, the inode table block) to the device.
     */
    @Override
    public void fsync(OpenFile file, long start, long end, boolean datasync) {
        GenericFile.fsync(file, start, end, datasync);
        if (sup.canWrite() && !file.inode().sb().isReadOnly()) {
            sup.fs().commitSuper();
            sup.fs().cache().sync();
        }
    }

    /**
     * Mode 0 only: the range's holes get blocks, zeroed through the page cache, and the size
     * grows to cover it. ext2 has no unwritten extents to keep a size (KEEP_SIZE) or to punch or
     * zero a range with, so every other mode is EOPNOTSUPP.
     */
    @Override
    public void fallocate(OpenFile file, int mode, long offset, long length) {
        Inode inode = file.inode();
        if (!sup.canWrite()) {
            throw sup.readOnly("inode " + inode.ino());
        }
        ExtInode ei = (ExtInode) inode;
        // An inline file is converted below, to an extent file when the filesystem has extents.
        boolean extents = (ei.flags() & ExtInodeRaw.FL_EXTENTS) != 0
                || (ei.hasInlineData() && sup.info().hasIncompat(ExtFeatures.INCOMPAT_EXTENTS));
        if (mode != 0 && !(extents && mode == FallocateFlags.FALLOC_FL_KEEP_SIZE)) {
            throw new VfsException(Errno.EOPNOTSUPP, "inode " + inode.ino(), extents
                    ? "fallocate supports mode 0 and KEEP_SIZE only (no hole punching or zeroing yet)"
                    : "ext2/ext3 fallocate supports mode 0 only (no unwritten extents)");
        }
        long end = offset + length;
        if (end < 0 || end > inode.sb().maxBytes()) {
            throw new VfsException(Errno.EFBIG, "inode " + inode.ino());
        }
        unInline(ei);
        if (extents) {
            preallocate((ExtInode) inode, offset, end, mode == 0);
            return;
        }
        inode.rwsem().lockExclusive(LockClass.I_RWSEM_NORMAL);
        try {
            for (long index = offset >> Folio.PAGE_SHIFT; index <= (end - 1) >> Folio.PAGE_SHIFT; index++) {
                long pageStart = index << Folio.PAGE_SHIFT;
                long from = Math.max(offset, pageStart);
                long to = Math.min(end, pageStart + Folio.PAGE_SIZE);
                int off = (int) (from - pageStart);
                // A whole-page write_begin would not read the page in; one byte short still maps every block.
                int len = (int) Math.min(to - from, Folio.PAGE_SIZE - 1L);
                Folio folio = inode.mapping().writeBegin(index, off, len);
                inode.mapping().writeEnd(folio);
                if (to > inode.size()) {
                    inode.setSize(to);
                }
                inode.sb().kernel().writeback().balanceDirtyPagesRatelimited();
            }
            GenericFile.fileModified(inode);
        } finally {
            inode.rwsem().unlockExclusive();
        }
    }

    /**
     * ext4_fallocate on an extent file: the holes of the range get unwritten extents (they read
     * as zeros, no data is written), and without KEEP_SIZE i_size grows to cover the range.
     */
    private void preallocate(ExtInode inode, long offset, long end, boolean growSize) {
        int bs = bs();
        inode.rwsem().lockExclusive(LockClass.I_RWSEM_NORMAL);
        try {
            long before = inode.blocks();
            sup.guard(inode.ino(), () -> {
                synchronized (inode.truncateMutex()) {
                    sup.mapWriter().extents().preallocate(inode, offset / bs, (end + bs - 1) / bs - offset / bs);
                }
                return null;
            });
            if (growSize && end > inode.size()) {
                inode.setSize(end);
            }
            if (inode.blocks() != before || growSize) {
                GenericFile.fileModified(inode);
            }
            inode.markDirty(InodeState.I_DIRTY_SYNC);
        } finally {
            inode.rwsem().unlockExclusive();
        }
    }

    // ---- inode_operations ------------------------------------------------------------------

    /** ext2_setattr: a size change through ext2_setsize, then the attributes (written by write_inode). */
    @Override
    public void setattr(Dentry dentry, Iattr attr) {
        Inode inode = dentry.inode();
        if (attr.size() != null && attr.size() != inode.size()) {
            if (!sup.canWrite()) {
                throw sup.readOnly(dentry.name());
            }
            long newSize = attr.size();
            sup.guard(inode.ino(), () -> {
                setSize((ExtInode) inode, newSize);
                return null;
            });
        }
        inode.copyAttributes(attr);
        inode.markDirty(InodeState.I_DIRTY_SYNC);
    }

    /**
     * ext2_setsize: growing only moves i_size (the new range is a hole); shrinking drops the
     * pages past it, zeroes the rest of the last block through its page (block_truncate_page),
     * and frees every block past it (ext2_truncate_blocks).
     */
    private void setSize(ExtInode inode, long newSize) {
        if (inode.hasInlineData()) {
            if (newSize < inode.size()) {
                inode.truncatePagecache(newSize);
            }
            sup.inlineData().truncate(inode, newSize);
            inode.setSize(newSize);
            return;
        }
        if (newSize > inode.size()) {
            inode.setSize(newSize);
            return;
        }
        int bs = bs();
        inode.truncatePagecache(newSize);
        inode.setSize(newSize);
        if (newSize % bs != 0) {
            long mapped;
            synchronized (inode.truncateMutex()) {
                mapped = sup.mapWriter().lookup(inode, newSize / bs);
                if (mapped != 0 && sup.mapWriter().isUnwritten(inode, newSize / bs)) {
                    mapped = 0; // reads as zeros already: nothing to zero (ext4_block_zero_page_range)
                }
            }
            if (mapped != 0) {
                int off = (int) (newSize & (Folio.PAGE_SIZE - 1));
                Folio folio = inode.mapping().writeBegin(newSize >> Folio.PAGE_SHIFT, off, 1);
                Arrays.fill(folio.data(), off, Folio.PAGE_SIZE, (byte) 0);
                inode.mapping().writeEnd(folio);
            }
        }
        synchronized (inode.truncateMutex()) {
            sup.mapWriter().truncate(inode, (newSize + bs - 1) / bs);
        }
    }

    // ---- address_space_operations ----------------------------------------------------------

    @Override
    public void readFolio(OpenFile file, Folio folio) {
        ExtInode inode = (ExtInode) folio.mapping().host();
        sup.guard(inode.ino(), () -> {
            fillFolio(inode, folio);
            return null;
        });
    }

    /** mpage_readahead: the batch's blocks read with one request per contiguous run on disk. */
    @Override
    public void readahead(OpenFile file, java.util.List<Folio> folios) {
        ExtInode inode = (ExtInode) folios.get(0).mapping().host();
        sup.guard(inode.ino(), () -> {
            Bio bio = new Bio();
            for (Folio folio : folios) {
                mapFolio(inode, folio, bio);
            }
            bio.submitRead(sup.fs().cache().device());
            for (Folio folio : folios) {
                zeroPastEof(inode, folio);
            }
            return null;
        });
    }

    private void fillFolio(ExtInode inode, Folio folio) {
        Bio bio = new Bio();
        mapFolio(inode, folio, bio);
        bio.submitRead(sup.fs().cache().device());
        zeroPastEof(inode, folio);
    }

    /** The folio zeroed, inline data copied in, and its mapped blocks added to {@code bio}. */
    private void mapFolio(ExtInode inode, Folio folio, Bio bio) {
        byte[] data = folio.data();
        Arrays.fill(data, (byte) 0);
        long pos = folio.position();
        long size = inode.size();
        if (pos >= size) {
            return;
        }
        synchronized (inode.truncateMutex()) { // not mid-way through a conversion
            if (inode.hasInlineData()) {
                byte[] bytes = InlineData.file(sup.fs(), inode.raw());
                if (pos < bytes.length) {
                    System.arraycopy(bytes, (int) pos, data, 0, (int) Math.min(Folio.PAGE_SIZE, bytes.length - pos));
                }
                return;
            }
        }
        int bs = bs();
        int perPage = Folio.PAGE_SIZE / bs;
        long first = pos / bs;
        BlockMap map = inode.blockMap();
        int i = 0;
        while (i < perPage && (first + i) * bs < size) {
            BlockMapping m;
            synchronized (inode.truncateMutex()) {
                m = map.map(first + i);
            }
            int n = (int) Math.min(m.count(), perPage - i);
            if (!m.readsAsZeros()) {
                bio.add(m.physical() * bs, data, i * bs, n * bs);
            }
            i += n;
        }
    }

    /** The bytes past i_size in the folio's last block read as zeros. */
    private static void zeroPastEof(ExtInode inode, Folio folio) {
        long pos = folio.position();
        long size = inode.size();
        if (pos < size && pos + Folio.PAGE_SIZE > size) {
            Arrays.fill(folio.data(), (int) (size - pos), Folio.PAGE_SIZE, (byte) 0);
        }
    }

    /**
     * ext2_iomap_begin for a buffered write: the blocks under the range that lie past the end of
     * file are allocated in runs (one allocator call and one map edit per run) instead of one by
     * one in write_begin, which then finds them mapped. Holes inside the file are left to
     * write_begin, which zeroes what a failed write leaves in them; what this takes past the
     * end of file and the write does not fill is freed by {@link #writeRangeEnd}.
     */
    @Override
    public void writeRangeBegin(Inode host, long pos, int len) {
        ExtInode inode = (ExtInode) host;
        if (!sup.canWrite() || inode.hasInlineData() || len <= 0) {
            return; // write_begin reports a read-only filesystem; inline data has no blocks to map
        }
        int bs = bs();
        long from = Math.max(pos / bs, (inode.size() + bs - 1) / bs);
        long last = (pos + len - 1) / bs;
        if (from > last) {
            return;
        }
        long before = inode.blocks();
        long mapped = sup.guard(inode.ino(), () -> {
            synchronized (inode.truncateMutex()) {
                return sup.mapWriter().allocateRange(inode, from, last - from + 1);
            }
        });
        inode.mappedFrom = from;
        inode.mappedEnd = mapped;
        if (inode.blocks() != before) {
            inode.markDirty(InodeState.I_DIRTY_SYNC);
        }
    }

    /** The write is over: no block is known mapped any more; after a short or failed one, ext2_write_failed. */
    @Override
    public void writeRangeEnd(Inode host, long pos, int len, int written) {
        ExtInode inode = (ExtInode) host;
        inode.mappedFrom = 0;
        inode.mappedEnd = 0;
        if (written >= len || !sup.canWrite() || inode.hasInlineData()) {
            return;
        }
        int bs = bs();
        long eofBlock = (inode.size() + bs - 1) / bs;
        if ((pos + len - 1) / bs < eofBlock) {
            return; // the range lay inside the file: writeRangeBegin took nothing
        }
        long before = inode.blocks();
        sup.guard(inode.ino(), () -> {
            synchronized (inode.truncateMutex()) {
                sup.mapWriter().truncate(inode, eofBlock);
            }
            return null;
        });
        if (inode.blocks() != before) {
            inode.markDirty(InodeState.I_DIRTY_SYNC);
        }
    }

    /**
     * __block_write_begin with ext2_get_block(create): every block under the bytes about to be
     * written gets mapped, allocated if it is a hole. On failure the blocks past EOF this write
     * took are given back (ext2_write_failed), so nothing is left beyond i_size.
     */
    @Override
    public void blockWriteBegin(Folio folio, int offset, int len) {
        ExtInode inode = (ExtInode) folio.mapping().host();
        if (!sup.canWrite()) {
            throw sup.readOnly("inode " + inode.ino());
        }
        unInline(inode); // ext4_write_begin: the kernel may write inline while it fits; this driver always converts
        int bs = bs();
        long start = folio.position() + offset;
        long first = start / bs;
        long last = (start + Math.max(len, 1) - 1) / bs;
        long before = inode.blocks();
        sup.guard(inode.ino(), () -> {
            synchronized (inode.truncateMutex()) {
                java.util.List<Long> fresh = new java.util.ArrayList<>();
                try {
                    for (long l = first; l <= last; l++) {
                        if (l >= inode.mappedFrom && l < inode.mappedEnd) {
                            continue; // this write's writeRangeBegin mapped it
                        }
                        // One walk of the map per block: getOrAllocate returns a mapped block as
                        // it is, and only an allocation moves i_blocks.
                        long had = inode.blocks();
                        sup.mapWriter().getOrAllocate(inode, l);
                        if (inode.blocks() != had) {
                            fresh.add(l);
                        }
                    }
                } catch (VfsException e) {
                    writeFailed(inode, fresh);
                    throw e;
                }
            }
            return null;
        });
        if (inode.blocks() != before) {
            inode.markDirty(InodeState.I_DIRTY_SYNC);
        }
    }

    /**
     * ext2_write_failed: blocks this write allocated past EOF are freed; those inside EOF filled
     * holes whose zeros were never written, so they get zeros now.
     */
    private void writeFailed(ExtInode inode, java.util.List<Long> fresh) {
        int bs = bs();
        sup.mapWriter().truncate(inode, (inode.size() + bs - 1) / bs);
        byte[] zeros = new byte[bs];
        for (long l : fresh) {
            long phys = l * bs < inode.size() ? sup.mapWriter().lookup(inode, l) : 0;
            if (phys != 0) {
                sup.fs().writeData(phys, zeros, 0, 1);
            }
        }
    }

    /**
     * ext2_writepage: the page's blocks inside i_size go to their blocks on the device, in runs.
     * A block that is still a hole holds zeros (truncate up, or a page read over a hole) and
     * stays a hole.
     */
    @Override
    public void writepage(Folio folio, WritebackControl wbc) {
        ExtInode inode = (ExtInode) folio.mapping().host();
        if (!sup.canWrite()) {
            throw sup.readOnly("inode " + inode.ino());
        }
        sup.guard(inode.ino(), () -> {
            sup.inlineData().convertFile(inode); // ext4_do_writepages: inline data goes before a block is written
            writeBlocks(inode, folio);
            return null;
        });
    }

    /** mpage_writepages: the blocks of a run of folios, one request per contiguous run on disk. */
    @Override
    public void writepages(java.util.List<Folio> folios, WritebackControl wbc) {
        ExtInode inode = (ExtInode) folios.get(0).mapping().host();
        if (!sup.canWrite()) {
            throw sup.readOnly("inode " + inode.ino());
        }
        sup.guard(inode.ino(), () -> {
            sup.inlineData().convertFile(inode);
            Bio bio = new Bio();
            for (Folio folio : folios) {
                mapForWrite(inode, folio, bio);
            }
            sup.fs().writeData(bio);
            return null;
        });
    }

    private void writeBlocks(ExtInode inode, Folio folio) {
        Bio bio = new Bio();
        mapForWrite(inode, folio, bio);
        sup.fs().writeData(bio);
    }

    /** The folio's blocks inside i_size added to {@code bio}; a hole holding data gets a block. */
    private void mapForWrite(ExtInode inode, Folio folio, Bio bio) {
        int bs = bs();
        int perPage = Folio.PAGE_SIZE / bs;
        long pos = folio.position();
        long size = inode.size();
        byte[] data = folio.data();
        for (int i = 0; i < perPage && pos + (long) i * bs < size; i++) {
            long phys;
            synchronized (inode.truncateMutex()) {
                phys = sup.mapWriter().mapForWrite(inode, pos / bs + i); // an unwritten block becomes written
                if (phys == 0 && !isZero(data, i * bs, bs)) {
                    phys = sup.mapWriter().getOrAllocate(inode, pos / bs + i); // data the write path did not map
                    inode.markDirty(InodeState.I_DIRTY_SYNC);
                }
            }
            if (phys != 0) {
                bio.add(phys * bs, data, i * bs, bs);
            }
        }
    }

    private void unInline(ExtInode inode) {
        if (inode.hasInlineData()) {
            sup.guard(inode.ino(), () -> {
                sup.inlineData().convertFile(inode);
                return null;
            });
        }
    }

    private static boolean isZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
