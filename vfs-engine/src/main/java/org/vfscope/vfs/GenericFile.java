package org.vfscope.vfs;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.vfscope.mm.Filemap;
import org.vfscope.mm.Folio;
import org.vfscope.mm.WritebackControl;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.vfs.lock.LockClass;

/**
 * The generic helpers filesystems plug into their tables (mm/filemap.c, fs/read_write.c,
 * fs/inode.c): buffered read and write through the page cache, lseek, fsync, atime updates.
 */
public final class GenericFile {
    private static final Duration RELATIME_WINDOW = Duration.ofDays(1);

    private GenericFile() {
    }

    /**
     * generic_file_llseek_size: SEEK_DATA and SEEK_HOLE treat the whole file as data with a hole
     * at the end; an offset at or past the end is ENXIO for both.
     */
    public static long llseek(OpenFile file, long offset, int whence, long eof) {
        long result;
        try {
            result = switch (whence) {
                case Seek.SEEK_SET -> offset;
                case Seek.SEEK_CUR -> Math.addExact(file.pos(), offset);
                case Seek.SEEK_END -> Math.addExact(eof, offset);
                case Seek.SEEK_DATA, Seek.SEEK_HOLE -> {
                    if (offset < 0 || offset >= eof) {
                        throw new VfsException(Errno.ENXIO);
                    }
                    yield whence == Seek.SEEK_DATA ? offset : eof;
                }
                default -> throw new VfsException(Errno.EINVAL);
            };
        } catch (ArithmeticException overflow) {
            throw new VfsException(Errno.EINVAL);
        }
        if (result < 0 || result > file.inode().sb().maxBytes()) {
            throw new VfsException(Errno.EINVAL);
        }
        return result;
    }

    /** generic_file_read_iter: {@link Filemap#read} at the iocb's position, then atime. */
    public static int read(Kiocb iocb, ByteBuffer dst) {
        OpenFile file = iocb.file();
        Inode inode = file.inode();
        long start = iocb.pos();
        int total = Filemap.read(inode.mapping(), file.ra(), file, start, dst);
        iocb.setPos(start + total);
        fileAccessed(file);
        return total;
    }

    /**
     * generic_file_write_iter: under the inode's i_rwsem, checks limits, drops set-id bits,
     * updates times, then copies through write_begin / write_end so pages end up dirty.
     */
    public static int write(Kiocb iocb, ByteBuffer src) {
        OpenFile file = iocb.file();
        Inode inode = file.inode();
        inode.rwsem().lockExclusive(LockClass.I_RWSEM_NORMAL);
        try {
            if (iocb.append()) {
                iocb.setPos(inode.size());
            }
            long pos = iocb.pos();
            int len = src.remaining();
            if (len == 0) {
                return 0;
            }
            long limit = inode.sb().maxBytes();
            if (pos >= limit) {
                throw new VfsException(Errno.EFBIG);
            }
            len = (int) Math.min(len, limit - pos);
            removePrivileges(inode);
            inode.touchMtimeCtime();
            inode.markDirty(InodeState.I_DIRTY_SYNC);
            AddressSpaceOperations aops = inode.mapping().aops();
            long start = pos;
            if (aops != null) {
                aops.writeRangeBegin(inode, start, len);
            }
            int written = 0;
            try {
                while (written < len) {
                    long index = pos >> Folio.PAGE_SHIFT;
                    int offset = (int) (pos & (Folio.PAGE_SIZE - 1));
                    int n = Math.min(len - written, Folio.PAGE_SIZE - offset);
                    Folio folio;
                    try {
                        folio = inode.mapping().writeBegin(index, offset, n);
                    } catch (VfsException e) {
                        if (written > 0 && e.errno() == Errno.ENOSPC) {
                            break; // a short write, as Linux returns when the disk fills mid-way
                        }
                        throw e;
                    }
                    src.get(folio.data(), offset, n);
                    inode.mapping().writeEnd(folio);
                    pos += n;
                    written += n;
                    if (pos > inode.size()) {
                        inode.setSize(pos);
                        inode.markDirty(InodeState.I_DIRTY_DATASYNC);
                    }
                    inode.sb().kernel().writeback().balanceDirtyPagesRatelimited();
                }
            } finally {
                if (aops != null) {
                    aops.writeRangeEnd(inode, start, len, written);
                }
            }
            iocb.setPos(pos);
            return written;
        } finally {
            inode.rwsem().unlockExclusive();
        }
    }

    /** file_modified: what a write does to the inode besides the data; callers hold i_rwsem exclusive. */
    public static void fileModified(Inode inode) {
        removePrivileges(inode);
        inode.touchMtimeCtime();
        inode.markDirty(InodeState.I_DIRTY_SYNC);
    }

    /** file_remove_privs: a write by someone without CAP_FSETID clears set-user-ID and set-group-ID. */
    private static void removePrivileges(Inode inode) {
        int mode = inode.mode();
        if (!FileMode.isReg(mode)) {
            return;
        }
        Credentials cred = CurrentCredentials.get();
        int kill = mode & FileMode.S_ISUID;
        // setattr_should_drop_sgid: group-executable, or the writer is not in the file's group.
        if ((mode & FileMode.S_ISGID) != 0 && ((mode & 010) != 0 || !cred.inGroup(inode.gid()))) {
            kill |= FileMode.S_ISGID;
        }
        if (kill != 0 && !cred.isRoot()) {
            inode.setMode(mode & ~kill);
        }
    }

    /**
     * generic_file_fsync: data in range, then metadata unless a datasync does not need it; then
     * file_check_and_advance_wb_err: a writeback error since this file last looked is reported
     * once (EIO), and the next fsync returns 0.
     */
    public static void fsync(OpenFile file, long start, long end, boolean datasync) {
        Inode inode = file.inode();
        inode.sb().kernel().writeback().writebackSingleInode(inode, WritebackControl.syncRange(start, end), datasync);
        Errno err = file.checkAndAdvanceWbErr();
        if (err != null) {
            throw new VfsException(err);
        }
    }

    /** file_accessed / touch_atime with the mount's noatime, nodiratime and relatime rules. */
    public static void fileAccessed(OpenFile file) {
        if ((file.flags() & OpenFlags.O_NOATIME) != 0) {
            return;
        }
        touchAtime(file.path(), file.inode());
    }

    public static void touchAtime(Path path, Inode inode) {
        Mount mnt = path.mnt();
        if (mnt.isReadOnly() || mnt.has(MountFlags.NOATIME)
                || (inode.isDir() && mnt.has(MountFlags.NODIRATIME))) {
            return;
        }
        Instant now = inode.currentTime();
        if (mnt.has(MountFlags.RELATIME) && !relatimeNeedsUpdate(inode, now)) {
            return;
        }
        if (now.equals(inode.atime())) {
            return;
        }
        inode.setAtime(now);
        inode.markDirty(mnt.has(MountFlags.LAZYTIME) ? InodeState.I_DIRTY_TIME : InodeState.I_DIRTY_SYNC);
    }

    /** relatime_need_update. */
    private static boolean relatimeNeedsUpdate(Inode inode, Instant now) {
        Instant atime = inode.atime();
        return !atime.isAfter(inode.mtime()) || !atime.isAfter(inode.ctime())
                || Duration.between(atime, now).compareTo(RELATIME_WINDOW) >= 0;
    }
}
