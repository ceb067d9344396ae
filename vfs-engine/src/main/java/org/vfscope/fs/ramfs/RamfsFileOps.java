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

    /** SEEK_DATA / SEEK_HOLE by page: data is a page stored or cached, a hole is neither. */
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
                // Skip a run of holes quickly: jump to the next page stored or cached.
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

    private boolean hasData(Inode inode, long index) {
        if (inode.mapping().find(index) != null) {
            return true;
        }
        synchronized (fs.store()) {
            return node(inode).pages.containsKey(index);
        }
    }

    private long nextDataIndex(Inode inode, long from) {
        Long stored;
        synchronized (fs.store()) {
            stored = node(inode).pages.ceilingKey(from);
        }
        long best = stored == null ? -1 : stored;
        for (long idx : inode.mapping().indices()) {
            if (idx >= from && (best < 0 || idx < best)) {
                best = idx;
                break;
            }
        }
        return best;
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
                for (long index = offset >> Folio.PAGE_SHIFT; index <= (end - 1) >> Folio.PAGE_SHIFT; index++) {
                    fs.store().allocatePage(node(inode), index);
                }
                if ((mode & FallocateFlags.FALLOC_FL_KEEP_SIZE) == 0 && end > inode.size()) {
                    inode.setSize(end);
                }
            }
            inode.setCtime(inode.currentTime());
            if ((mode & (FallocateFlags.FALLOC_FL_PUNCH_HOLE | FallocateFlags.FALLOC_FL_ZERO_RANGE)) != 0) {
                inode.setMtime(inode.ctime());
            }
            updateBlocks(inode);
            inode.markDirty(InodeState.I_DIRTY_SYNC);
        } finally {
            inode.rwsem().unlockExclusive();
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
            for (long index = firstWhole; index < endWhole; index++) {
                Folio f = inode.mapping().find(index);
                if (f != null) {
                    f.lock();
                    try {
                        java.util.Arrays.fill(f.data(), (byte) 0);
                    } finally {
                        f.unlock();
                    }
                }
            }
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
