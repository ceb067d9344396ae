package org.vfscope.sys;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.vfscope.mm.WritebackControl;
import org.vfscope.vfs.DirContext;
import org.vfscope.vfs.DirEntry;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FallocateFlags;
import org.vfscope.vfs.GenericFile;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kiocb;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.lock.LockClass;

/** read, write, lseek, getdents, fsync, syncfs, fallocate (fs/read_write.c, readdir.c, sync.c, open.c). */
final class IoCalls {
    private final Process p;

    IoCalls(Process p) {
        this.p = p;
    }

    /** A descriptor's file for I/O: EBADF for O_PATH descriptors, as fdget_pos gives. */
    private OpenFile ioFile(int fd) {
        OpenFile f = p.fds().get(fd);
        if (f.isPathOnly()) {
            f.put();
            throw new VfsException(Errno.EBADF);
        }
        return f;
    }

    /** read / pread ({@code offset >= 0}): EBADF unless open for reading, EISDIR on a directory. */
    int read(int fd, ByteBuffer dst, long offset) {
        return p.call(() -> {
            OpenFile f = ioFile(fd);
            try {
                if (!f.isReadable()) {
                    throw new VfsException(Errno.EBADF);
                }
                if (f.inode().isDir()) {
                    throw new VfsException(Errno.EISDIR);
                }
                if (!dst.hasRemaining()) {
                    return 0;
                }
                if (offset >= 0 || offset == -1) {
                    return offset >= 0 ? readAt(f, dst, offset) : readAtPos(f, dst);
                }
                throw new VfsException(Errno.EINVAL);
            } finally {
                f.put();
            }
        });
    }

    /** rw_verify_area: EINVAL when the end of the request would overflow a file offset. */
    private static void verifyArea(long pos, int count) {
        if (pos + count < 0) {
            throw new VfsException(Errno.EINVAL);
        }
    }

    private static int readAt(OpenFile f, ByteBuffer dst, long offset) {
        verifyArea(offset, dst.remaining());
        Kiocb iocb = new Kiocb(f, offset, false);
        return f.fop().read(iocb, dst);
    }

    private static int readAtPos(OpenFile f, ByteBuffer dst) {
        f.posLock().lock();
        try {
            verifyArea(f.pos(), dst.remaining());
            Kiocb iocb = new Kiocb(f, f.pos(), false);
            int n = f.fop().read(iocb, dst);
            f.setPos(iocb.pos());
            return n;
        } finally {
            f.posLock().unlock();
        }
    }

    /**
     * write / pwrite ({@code offset >= 0}): EBADF unless open for writing. With O_APPEND Linux
     * appends even for pwrite. O_SYNC / O_DSYNC write the range through before returning.
     */
    int write(int fd, ByteBuffer src, long offset) {
        return p.call(() -> {
            OpenFile f = ioFile(fd);
            try {
                if (!f.isWritable()) {
                    throw new VfsException(Errno.EBADF);
                }
                if (offset < -1) {
                    throw new VfsException(Errno.EINVAL);
                }
                if (!src.hasRemaining()) {
                    return 0;
                }
                f.inode().sb().startWrite();
                try {
                    int n;
                    long start;
                    if (offset >= 0) {
                        verifyArea(offset, src.remaining());
                        Kiocb iocb = new Kiocb(f, offset, f.isAppend());
                        n = f.fop().write(iocb, src);
                        start = iocb.pos() - n;
                    } else {
                        f.posLock().lock();
                        try {
                            verifyArea(f.pos(), src.remaining());
                            Kiocb iocb = new Kiocb(f, f.pos(), f.isAppend());
                            n = f.fop().write(iocb, src);
                            f.setPos(iocb.pos());
                            start = iocb.pos() - n;
                        } finally {
                            f.posLock().unlock();
                        }
                    }
                    if ((f.flags() & OpenFlags.O_DSYNC) != 0 && n > 0) {
                        boolean full = (f.flags() & OpenFlags.O_SYNC) == OpenFlags.O_SYNC;
                        f.fop().fsync(f, start, start + n - 1, !full);
                    }
                    return n;
                } finally {
                    f.inode().sb().endWrite();
                }
            } finally {
                f.put();
            }
        });
    }

    long lseek(int fd, long offset, int whence) {
        return p.call(() -> {
            OpenFile f = ioFile(fd);
            try {
                f.posLock().lock();
                try {
                    long pos = f.fop().llseek(f, offset, whence);
                    f.setPos(pos);
                    return pos;
                } finally {
                    f.posLock().unlock();
                }
            } finally {
                f.put();
            }
        });
    }

    /**
     * getdents64 via iterate_dir: ENOTDIR for a file, EINVAL for no room, ENOENT in a removed
     * directory; the directory's i_rwsem is held shared while the filesystem emits entries.
     */
    List<DirEntry> getdents(int fd, int maxEntries) {
        return p.call(() -> {
            OpenFile f = ioFile(fd);
            try {
                Inode inode = f.inode();
                if (!inode.isDir()) {
                    throw new VfsException(Errno.ENOTDIR);
                }
                if (maxEntries < 1) {
                    throw new VfsException(Errno.EINVAL);
                }
                List<DirEntry> out = new ArrayList<>();
                f.posLock().lock();
                inode.rwsem().lockShared(LockClass.I_RWSEM_NORMAL);
                try {
                    if (inode.isDeadDir()) {
                        throw new VfsException(Errno.ENOENT);
                    }
                    DirContext ctx = new DirContext(f.pos()) {
                        @Override
                        public boolean emit(String name, long ino, int dtype) {
                            if (out.size() >= maxEntries) {
                                return false;
                            }
                            out.add(new DirEntry(name, ino, dtype, pos()));
                            return true;
                        }
                    };
                    f.fop().iterate(f, ctx);
                    f.setPos(ctx.pos());
                } finally {
                    inode.rwsem().unlockShared();
                    f.posLock().unlock();
                }
                GenericFile.fileAccessed(f);
                return out;
            } finally {
                f.put();
            }
        });
    }

    /** fsync / fdatasync: EBADF for O_PATH descriptors, EINVAL where the file cannot be synced. */
    void fsync(int fd, boolean datasync) {
        p.run(() -> {
            OpenFile f = ioFile(fd);
            try {
                f.fop().fsync(f, 0, Long.MAX_VALUE, datasync);
            } finally {
                f.put();
            }
        });
    }

    /** syncfs: fdget, so EBADF for O_PATH descriptors too. */
    void syncfs(int fd) {
        p.run(() -> {
            OpenFile f = ioFile(fd);
            try {
                if (!f.inode().sb().isReadOnly()) {
                    p.kernel().syncFilesystem(f.inode().sb());
                }
                // syncfs reports a writeback error anywhere on the filesystem once per file (5.8+).
                Errno err = f.checkAndAdvanceSbErr();
                if (err != null) {
                    throw new VfsException(err);
                }
            } finally {
                f.put();
            }
        });
    }

    /** generic_fadvise for the whole file. */
    void fadvise(int fd, int advice) {
        p.run(() -> {
            OpenFile f = ioFile(fd);
            try {
                Inode inode = f.inode();
                if ((inode.mode() & org.vfscope.vfs.FileMode.S_IFMT) == org.vfscope.vfs.FileMode.S_IFIFO) {
                    throw new VfsException(Errno.ESPIPE);
                }
                switch (advice) {
                    case Process.POSIX_FADV_NORMAL -> {
                        f.ra().setRandom(false);
                        f.ra().setSequential(false);
                    }
                    case Process.POSIX_FADV_RANDOM -> f.ra().setRandom(true);
                    case Process.POSIX_FADV_SEQUENTIAL -> {
                        f.ra().setRandom(false);
                        f.ra().setSequential(true);
                    }
                    case Process.POSIX_FADV_WILLNEED -> {
                        long pages = (inode.size() + org.vfscope.mm.Folio.PAGE_SIZE - 1) >> org.vfscope.mm.Folio.PAGE_SHIFT;
                        if (inode.isRegular() && pages > 0) {
                            inode.mapping().readahead(f, 0, (int) Math.min(pages, Integer.MAX_VALUE), 0);
                        }
                    }
                    case Process.POSIX_FADV_DONTNEED -> {
                        // generic_fadvise: start writeback of the dirty pages (WB_SYNC_NONE), then drop the clean ones
                        inode.mapping().writeDirty(new WritebackControl(
                                WritebackControl.SyncMode.WB_SYNC_NONE, Long.MAX_VALUE, 0, Long.MAX_VALUE));
                        inode.mapping().invalidateClean();
                    }
                    case Process.POSIX_FADV_NOREUSE -> {
                    }
                    default -> throw new VfsException(Errno.EINVAL);
                }
            } finally {
                f.put();
            }
        });
    }

    /** vfs_fallocate's checks, in its order, then ->fallocate. */
    void fallocate(int fd, int mode, long offset, long length) {
        p.run(() -> {
            // ksys_fallocate: fdget first, so a bad or O_PATH descriptor is EBADF even with bad arguments.
            OpenFile f = ioFile(fd);
            try {
                if (offset < 0 || length <= 0) {
                    throw new VfsException(Errno.EINVAL);
                }
                int supported = FallocateFlags.FALLOC_FL_KEEP_SIZE | FallocateFlags.FALLOC_FL_PUNCH_HOLE
                        | FallocateFlags.FALLOC_FL_ZERO_RANGE;
                if ((mode & ~supported) != 0) {
                    throw new VfsException(Errno.EOPNOTSUPP);
                }
                int both = FallocateFlags.FALLOC_FL_PUNCH_HOLE | FallocateFlags.FALLOC_FL_ZERO_RANGE;
                if ((mode & both) == both) {
                    throw new VfsException(Errno.EOPNOTSUPP);
                }
                if ((mode & FallocateFlags.FALLOC_FL_PUNCH_HOLE) != 0
                        && (mode & FallocateFlags.FALLOC_FL_KEEP_SIZE) == 0) {
                    throw new VfsException(Errno.EOPNOTSUPP);
                }
                if (!f.isWritable()) {
                    throw new VfsException(Errno.EBADF);
                }
                Inode inode = f.inode();
                if ((inode.mode() & org.vfscope.vfs.FileMode.S_IFMT) == org.vfscope.vfs.FileMode.S_IFIFO) {
                    throw new VfsException(Errno.ESPIPE);
                }
                if (inode.isDir()) {
                    throw new VfsException(Errno.EISDIR);
                }
                if (!inode.isRegular()) {
                    throw new VfsException(Errno.ENODEV);
                }
                long end = offset + length;
                if (end < 0 || end > inode.sb().maxBytes()) {
                    throw new VfsException(Errno.EFBIG);
                }
                inode.sb().startWrite();
                try {
                    f.fop().fallocate(f, mode, offset, length);
                } finally {
                    inode.sb().endWrite();
                }
            } finally {
                f.put();
            }
        });
    }
}
