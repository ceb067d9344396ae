package org.vfscope.vfs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.vfscope.vfs.dcache.Dentry;

/**
 * {@code struct mount} / {@code vfsmount}: a superblock's tree attached at a mountpoint. Holds a
 * reference on its root dentry and on the mountpoint dentry. {@link #users()} counts what pins it
 * (open files, working directories), which makes umount fail with EBUSY.
 */
public final class Mount {
    private final SuperBlock sb;
    private final Dentry root;
    private final String source;
    private volatile int flags;
    private volatile Mount parent;
    private volatile Dentry mountpoint;
    private final List<Mount> children = new ArrayList<>();
    private final AtomicInteger users = new AtomicInteger();
    private final AtomicInteger writers = new AtomicInteger();

    Mount(SuperBlock sb, Dentry root, String source, int flags) {
        this.sb = sb;
        this.root = root;
        this.source = source;
        this.flags = flags;
    }

    public SuperBlock sb() {
        return sb;
    }

    /** mnt_root. */
    public Dentry root() {
        return root;
    }

    /** The device or source string given to mount. */
    public String source() {
        return source;
    }

    /** The per-mount flags (MountFlags bits). */
    public int flags() {
        return flags;
    }

    void setFlags(int flags) {
        this.flags = flags;
    }

    /** mnt_parent; a namespace root is its own parent. */
    public Mount parent() {
        return parent;
    }

    /** mnt_mountpoint: the dentry in the parent this mount covers. */
    public Dentry mountpoint() {
        return mountpoint;
    }

    void attach(Mount parent, Dentry mountpoint) {
        this.parent = parent;
        this.mountpoint = mountpoint;
    }

    List<Mount> children() {
        return children;
    }

    /** __mnt_is_readonly: read-only here or for the whole superblock. */
    public boolean isReadOnly() {
        return (flags & MountFlags.RDONLY) != 0 || sb.isReadOnly();
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Open files and working directories pinning this mount. */
    public int users() {
        return users.get();
    }

    public void pin() {
        users.incrementAndGet();
    }

    public void unpin() {
        users.decrementAndGet();
    }

    /** mnt_want_write without the freeze part: EROFS on a read-only mount. */
    public void wantWrite() {
        if (isReadOnly()) {
            throw readOnlyError();
        }
    }

    /** The EROFS for a write here: with the driver's reason when it made a read-write mount read-only. */
    public VfsException readOnlyError() {
        String why = sb.readOnlyReason();
        if (why != null && (flags & MountFlags.RDONLY) == 0 && sb.isReadOnly()) {
            return new VfsException(Errno.EROFS, source, why);
        }
        return new VfsException(Errno.EROFS, source);
    }

    /** Files open for writing, which keep a remount read-only from succeeding (EBUSY). */
    public int writers() {
        return writers.get();
    }

    public void addWriter() {
        writers.incrementAndGet();
    }

    public void dropWriter() {
        writers.decrementAndGet();
    }

    @Override
    public String toString() {
        return source + " (" + sb.type().name() + ")";
    }
}
