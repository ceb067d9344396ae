package org.vfscope.vfs;

import java.util.concurrent.atomic.AtomicInteger;
import org.vfscope.mm.Errseq;
import org.vfscope.mm.FileRaState;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code struct file}: an open file description. Shared by duplicated descriptors; the last
 * {@link #put()} calls {@code ->release}, drops the path and unpins the mount.
 */
public final class OpenFile {
    private final Path path;
    private final Inode inode;
    private final int flags;
    private final FileOperations fop;
    private final AtomicInteger refs = new AtomicInteger(1);
    /** f_pos_lock: read, write and lseek on one description are serialised. */
    private final ReentrantLock posLock = new ReentrantLock();
    private long pos;
    private volatile Object privateData;
    /** f_ra. */
    private final FileRaState ra = new FileRaState();
    /** f_wb_err and f_sb_err: the errseq samples fsync and syncfs compare against. */
    private long wbErrSince;
    private long sbErrSince;

    /** Takes over the caller's reference on {@code path} and pins its mount. */
    public OpenFile(Path path, Inode inode, int flags) {
        this.path = path;
        this.inode = inode;
        this.flags = flags;
        this.fop = inode.fop();
        this.wbErrSince = inode.mapping().wbErr().sample();
        this.sbErrSince = inode.sb().wbErr().sample();
        path.mnt().pin();
        if (isWritable()) {
            path.mnt().addWriter();
        }
    }

    public Path path() {
        return path;
    }

    public Inode inode() {
        return inode;
    }

    /** The open flags (O_*), after open's adjustments. */
    public int flags() {
        return flags;
    }

    public FileOperations fop() {
        return fop;
    }

    public boolean isReadable() {
        return !isPathOnly() && OpenFlags.readable(flags);
    }

    public boolean isWritable() {
        return !isPathOnly() && OpenFlags.writable(flags);
    }

    public boolean isAppend() {
        return (flags & OpenFlags.O_APPEND) != 0;
    }

    /** O_PATH: a location only, no I/O. */
    public boolean isPathOnly() {
        return (flags & OpenFlags.O_PATH) != 0;
    }

    public ReentrantLock posLock() {
        return posLock;
    }

    /** f_pos; read and written under {@link #posLock()}. */
    public long pos() {
        return pos;
    }

    public void setPos(long pos) {
        this.pos = pos;
    }

    /** f_ra: this open file's readahead state. */
    public FileRaState ra() {
        return ra;
    }

    /** file_check_and_advance_wb_err: the writeback error to report now, at most once. */
    public synchronized Errno checkAndAdvanceWbErr() {
        Errseq.Result r = inode.mapping().wbErr().checkAndAdvance(wbErrSince);
        wbErrSince = r.sample();
        return r.error();
    }

    /** The same for syncfs, against the superblock's errseq. */
    public synchronized Errno checkAndAdvanceSbErr() {
        Errseq.Result r = inode.sb().wbErr().checkAndAdvance(sbErrSince);
        sbErrSince = r.sample();
        return r.error();
    }

    /** private_data: the filesystem's per-open state (e.g. a directory cursor). */
    public Object privateData() {
        return privateData;
    }

    public void setPrivateData(Object data) {
        this.privateData = data;
    }

    /** get_file. */
    public OpenFile get() {
        refs.incrementAndGet();
        return this;
    }

    /** fput: the last reference releases the file. */
    public void put() {
        if (refs.decrementAndGet() != 0) {
            return;
        }
        try {
            if (!isPathOnly()) {
                fop.release(inode, this);
            }
        } finally {
            if (isWritable()) {
                path.mnt().dropWriter();
            }
            path.mnt().unpin();
            path.put();
        }
    }
}
