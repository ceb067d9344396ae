package org.vfscope.fs.ramfs;

import java.nio.ByteBuffer;
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
import org.vfscope.vfs.Seek;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.vfs.lock.LockClass;

/**
 * ramfs regular files: buffered I/O through the page cache, with the RAM disk as the backing
 * store ({@code read_folio} copies a stored page in, {@code writepage} copies it back), real holes
 * for SEEK_DATA / SEEK_HOLE, fallocate, and truncate that frees stored pages.
 */
final class RamfsFileOps implements FileOperations, InodeOperations, AddressSpaceOperations {
    private final RamfsSuper fs;

    RamfsFileOps(RamfsSuper fs) {
        this.fs = fs;
    }

    private static RamNode node(Inode inode) {
        return ((RamfsInode) inode).node();
    }

    // ---- file_operations --------------------------------------------------------------------

    @Override
    public int read(Kiocb iocb, ByteBuffer dst) {
        return GenericFile.read(iocb, dst);
    }

    @Override
    public int write(Kiocb iocb, ByteBuffer src) {
        int n = GenericFile.write(iocb, src);
        updateBlocks(iocb.file().inode());
        return n;
    }

    /** SEEK_DATA / SEEK_HOLE by page: data is a page on the RAM disk, a hole is a page not there. */
    @Override
    public long llseek(OpenFile file, long offset, int whence) {
        Inode inode = file.inode();
        if (whence != Seek.SEEK_DATA && whence != Seek.SEEK_HOLE) {
            return GenericFile.llseek(file, offset, whence, inode.size());
        }
        long size = inode.size();
        if (offset < 0 || offset >= size) {
            throw new VfsException(Errno.ENXIO);
        }
        long lastPage = (size - 1) >> Folio.PAGE_SHIFT;
        for (long index = offset >> Folio.PAGE_SHIFT; index <= lastPage; index++) {
            boolean data = hasData(inode, index);
            if (whence == Seek.SEEK_DATA && data) {
                return Math.max(offset, index << Folio.PAGE_SHIFT);
            }
            if (whence == Seek.SEEK_HOLE && !data) {
                return Math.max(offset, index << Folio.PAGE_SHIFT);
            }
            if (whence == Seek.SEEK_DATA) {
                // Skip a run of holes quickly: jump to the next page stored.
                long next = nextDataIndex(inode, index + 1);
                if (next < 0 || next > lastPage) {
                    throw new VfsException(Errno.ENXIO);
                }
                index = next - 1;
            }
        }
        if (whence == Seek.SEEK_DATA) {
            throw new VfsException(Errno.ENXIO);
        }
        return size;
    }

    // Only the store decides: write_begin reserves a stored page before any write, while a cached
    // page without one is a hole read in (or punched) as zeros, which tmpfs does not count as data.
    private boolean hasData(Inode inode, long index) {
        synchronized (fs.store()) {
            return node(inode).pages.containsKey(index);
        }
    }

    private long nextDataIndex(Inode inode, long from) {
        synchronized (fs.store()) {
            Long stored = node(inode).pages.ceilingKey(from);
            return stored == null ? -1 : stored;
        }
    }

    /**
     * fallocate: mode 0 allocates (and extends unless KEEP_SIZE); PUNCH_HOLE frees whole pages
     * and zeroes the partial ends; ZERO_RANGE zeroes and allocates.
     */
    @Override
    public void fallocate(OpenFile file, int mode, long offset, long length) {
        Inode inode = file.inode();
        inode.rwsem().lockExclusive(LockClass.I_RWSEM_NORMAL);
        try {
            long end = offset + length;
            if ((mode & FallocateFlags.FALLOC_FL_PUNCH_HOLE) != 0) {
                zeroRange(inode, offset, end, true);
            } else {
                if ((mode & FallocateFlags.FALLOC_FL_ZERO_RANGE) != 0) {
                    zeroRange(inode, offset, Math.min(end, inode.size()), false);
                }
                allocateRange(inode, offset >> Folio.PAGE_SHIFT, (end - 1) >> Folio.PAGE_SHIFT);
                if ((mode & FallocateFlags.FALLOC_FL_KEEP_SIZE) == 0 && end > inode.size()) {
                    inode.setSize(end);
                }
            }
            // shmem_fallocate ends in file_modified: every mode stamps mtime and ctime, drops set-id bits.
            GenericFile.fileModified(inode);
            updateBlocks(inode);
        } finally {
            inode.rwsem().unlockExclusive();
        }
    }

    /** Stores pages [first, last]; on ENOSPC frees those this call took, as shmem_fallocate undoes. */
    private void allocateRange(Inode inode, long first, long last) {
        if (!fs.store().canAllocate(node(inode), first, last)) {
            throw new VfsException(Errno.ENOSPC);
        }
        java.util.List<Long> taken = new java.util.ArrayList<>();
        try {
            for (long index = first; index <= last; index++) {
                if (fs.store().allocatePage(node(inode), index)) {
                    taken.add(index);
                }
            }
        } catch (VfsException e) {
            for (long index : taken) {
                fs.store().punch(node(inode), index, index);
            }
            throw e;
        }
    }

    /** Zeroes [start, end) in cache and store; with {@code free}, whole pages are released. */
    private void zeroRange(Inode inode, long start, long end, boolean free) {
        if (end <= start) {
            return;
        }
        long firstWhole = (start + Folio.PAGE_SIZE - 1) >> Folio.PAGE_SHIFT;
        long endWhole = end >> Folio.PAGE_SHIFT;
        for (long pos = start; pos < end; ) {
            long index = pos >> Folio.PAGE_SHIFT;
            int off = (int) (pos & (Folio.PAGE_SIZE - 1));
            int n = (int) Math.min(end - pos, Folio.PAGE_SIZE - off);
            boolean whole = n == Folio.PAGE_SIZE;
            if (!(free && whole)) {
                zeroInPage(inode, index, off, n);
            }
            pos += n;
        }
        if (free && firstWhole < endWhole) {
            // Out of the cache, dirty or not: a zeroed dirty page left there would be written back as data.
            inode.mapping().truncatePageRange(firstWhole, endWhole - 1);
            fs.store().punch(node(inode), firstWhole, endWhole - 1);
        }
    }

    private void zeroInPage(Inode inode, long index, int off, int n) {
        Folio f = inode.mapping().find(index);
        if (f != null) {
            f.lock();
            try {
                java.util.Arrays.fill(f.data(), off, off + n, (byte) 0);
            } finally {
                f.unlock();
            }
        }
        synchronized (fs.store()) {
            byte[] page = node(inode).pages.get(index);
            if (page != null) {
                java.util.Arrays.fill(page, off, off + n, (byte) 0);
            }
        }
    }

    private void updateBlocks(Inode inode) {
        synchronized (fs.store()) {
            inode.setBlocks(node(inode).pages.size() * (long) (Folio.PAGE_SIZE / 512));
        }
    }

    // ---- inode_operations -------------------------------------------------------------------

    /** simple_setattr plus freeing the stored pages a shrinking truncate leaves behind. */
    @Override
    public void setattr(Dentry dentry, Iattr attr) {
        Inode inode = dentry.inode();
        if (attr.size() != null && attr.size() != inode.size()) {
            long newSize = attr.size();
            inode.truncatePagecache(newSize);
            fs.store().truncate(node(inode), newSize);
            inode.setSize(newSize);
            updateBlocks(inode);
        }
        inode.copyAttributes(attr);
        inode.markDirty(InodeState.I_DIRTY_SYNC);
    }

    // ---- address_space_operations -----------------------------------------------------------

    @Override
    public void readFolio(OpenFile file, Folio folio) {
        Inode inode = folio.mapping().host();
        synchronized (fs.store()) {
            byte[] page = node(inode).pages.get(folio.index());
            if (page == null) {
                java.util.Arrays.fill(folio.data(), (byte) 0);
            } else {
                System.arraycopy(page, 0, folio.data(), 0, Folio.PAGE_SIZE);
            }
        }
    }

    /** Reserves the stored page a write will need, so a full RAM disk fails at write() time. */
    @Override
    public void writeBegin(Inode host, long index) {
        fs.store().allocatePage(node(host), index);
    }

    @Override
    public void writepage(Folio folio, WritebackControl wbc) {
        Inode inode = folio.mapping().host();
        RamNode n = node(inode);
        fs.store().allocatePage(n, folio.index());
        synchronized (fs.store()) {
            byte[] page = n.pages.get(folio.index());
            System.arraycopy(folio.data(), 0, page, 0, Folio.PAGE_SIZE);
        }
    }
}
