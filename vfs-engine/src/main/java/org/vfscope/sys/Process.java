package org.vfscope.sys;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.vfscope.vfs.Credentials;
import org.vfscope.vfs.CurrentCredentials;
import org.vfscope.vfs.DirEntry;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.Mount;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.Path;
import org.vfscope.vfs.Stat;
import org.vfscope.vfs.StatFs;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.namei.PathWalk;

/**
 * The system-call facade: a process with credentials, umask, root and working directory, and a
 * descriptor table, offering the file system calls of Linux with its argument conventions and
 * its errors (every call throws {@link VfsException} carrying the {@link Errno} Linux returns).
 * The work is done by the per-area classes beside this one, named after the kernel files they
 * follow: {@link OpenCalls} (fs/open.c), {@link NameCalls} (fs/namei.c), {@link IoCalls}
 * (fs/read_write.c, fs/readdir.c, fs/sync.c), {@link AttrCalls} (fs/stat.c, fs/attr.c),
 * {@link XattrCalls} (fs/xattr.c) and {@link MountCalls} (fs/namespace.c, fs/super.c).
 */
public final class Process {
    /** AT_FDCWD: a *at call relative to the working directory. */
    public static final int AT_FDCWD = -100;
    public static final int F_OK = 0;
    public static final int X_OK = 1;
    public static final int W_OK = 2;
    public static final int R_OK = 4;
    public static final int POSIX_FADV_NORMAL = 0;
    public static final int POSIX_FADV_RANDOM = 1;
    public static final int POSIX_FADV_SEQUENTIAL = 2;
    public static final int POSIX_FADV_WILLNEED = 3;
    public static final int POSIX_FADV_DONTNEED = 4;
    public static final int POSIX_FADV_NOREUSE = 5;

    private final Kernel kernel;
    private final Credentials cred;
    private final FdTable fds = new FdTable();
    private volatile int umask = 022;
    private Path root;
    private Path cwd;

    private final OpenCalls open;
    private final NameCalls names;
    private final IoCalls io;
    private final AttrCalls attrs;
    private final XattrCalls xattrs;
    private final MountCalls mounts;

    private Process(Kernel kernel, Credentials cred, Path root, Path cwd) {
        this.kernel = kernel;
        this.cred = cred;
        this.root = root;
        this.cwd = cwd;
        this.open = new OpenCalls(this);
        this.names = new NameCalls(this);
        this.io = new IoCalls(this);
        this.attrs = new AttrCalls(this);
        this.xattrs = new XattrCalls(this);
        this.mounts = new MountCalls(this);
        root.mnt().pin();
        cwd.mnt().pin();
    }

    /** The first process: root credentials, at the root of the namespace. */
    public static Process init(Kernel kernel) {
        return init(kernel, Credentials.ROOT);
    }

    /** A process with {@code cred} at the root of the namespace. */
    public static Process init(Kernel kernel, Credentials cred) {
        Mount m = kernel.namespace().root();
        if (m == null) {
            throw new VfsException(Errno.ENOENT, "/", "no root filesystem mounted");
        }
        Path r = new Path(m, m.root()).get();
        Path c = new Path(m, m.root()).get();
        return new Process(kernel, cred, r, c);
    }

    /** fork with new credentials: same root, working directory and umask; no descriptors. */
    public synchronized Process fork(Credentials newCred) {
        Process child = new Process(kernel, newCred, root.get(), cwd.get());
        child.umask = umask;
        return child;
    }

    public Kernel kernel() {
        return kernel;
    }

    public Credentials credentials() {
        return cred;
    }

    /** umask(2): sets the creation mask and returns the old one. */
    public int umask(int mask) {
        int old = umask;
        umask = mask & 0777;
        return old;
    }

    int currentUmask() {
        return umask;
    }

    FdTable fds() {
        return fds;
    }

    synchronized Path root() {
        return root;
    }

    synchronized Path cwd() {
        return cwd;
    }

    synchronized void setCwd(Path newCwd) {
        Path old = cwd;
        newCwd.mnt().pin();
        cwd = newCwd;
        old.mnt().unpin();
        old.put();
    }

    /** A path walk for one call, relative to {@code dirfd} (or the cwd for AT_FDCWD). */
    PathWalk walker(int dirfd) {
        if (dirfd == AT_FDCWD) {
            return new PathWalk(kernel, root(), cwd(), cred);
        }
        OpenFile f = fds.get(dirfd);
        try {
            return new PathWalk(kernel, root(), f.path(), cred);
        } finally {
            f.put();
        }
    }

    PathWalk walker() {
        return walker(AT_FDCWD);
    }

    /**
     * Runs a call with this process's credentials current, as the kernel's current_cred(), and
     * lets reclaim run on the way out if the caches grew past their bounds.
     */
    <T> T call(Supplier<T> body) {
        Credentials old = CurrentCredentials.set(cred);
        try {
            return body.get();
        } finally {
            CurrentCredentials.set(old);
            kernel.reclaimIfOverLimits();
        }
    }

    void run(Runnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }

    /** exit: closes every descriptor and lets go of the root and working directory. */
    public synchronized void exit() {
        for (OpenFile f : fds.removeAll()) {
            f.put();
        }
        cwd.mnt().unpin();
        cwd.put();
        root.mnt().unpin();
        root.put();
    }

    /** Open descriptors. */
    public int openFileCount() {
        return fds.openCount();
    }

    // ---- fs/open.c ----------------------------------------------------------------------------

    public int open(String path, int flags) {
        return open.openat(AT_FDCWD, path, flags, 0);
    }

    public int open(String path, int flags, int mode) {
        return open.openat(AT_FDCWD, path, flags, mode);
    }

    public int openat(int dirfd, String path, int flags, int mode) {
        return open.openat(dirfd, path, flags, mode);
    }

    /** creat(2): open with O_CREAT|O_WRONLY|O_TRUNC. */
    public int creat(String path, int mode) {
        return open.openat(AT_FDCWD, path, org.vfscope.vfs.OpenFlags.O_CREAT | org.vfscope.vfs.OpenFlags.O_WRONLY
                | org.vfscope.vfs.OpenFlags.O_TRUNC, mode);
    }

    public void close(int fd) {
        run(() -> fds.remove(fd).put());
    }

    /** dup(2): the lowest free descriptor sharing the open file (and its offset). */
    public int dup(int fd) {
        return call(() -> {
            OpenFile f = fds.get(fd);
            try {
                return fds.install(f.get());
            } catch (VfsException e) {
                f.put();
                throw e;
            } finally {
                f.put();
            }
        });
    }

    public void chdir(String path) {
        open.chdir(path);
    }

    public void fchdir(int fd) {
        open.fchdir(fd);
    }

    /** getcwd(2): ENOENT once the working directory has been removed. */
    public String getcwd() {
        return open.getcwd();
    }

    public void truncate(String path, long length) {
        attrs.truncate(path, length);
    }

    public void ftruncate(int fd, long length) {
        attrs.ftruncate(fd, length);
    }

    public void fallocate(int fd, int mode, long offset, long length) {
        io.fallocate(fd, mode, offset, length);
    }

    public void access(String path, int mode) {
        attrs.access(path, mode);
    }

    // ---- fs/read_write.c, fs/readdir.c, fs/sync.c -------------------------------------------

    public int read(int fd, ByteBuffer dst) {
        return io.read(fd, dst, -1);
    }

    /** read(2) into a byte array; returns bytes read, 0 at end of file. */
    public int read(int fd, byte[] buf, int off, int len) {
        return io.read(fd, ByteBuffer.wrap(buf, off, len), -1);
    }

    public int pread(int fd, ByteBuffer dst, long offset) {
        if (offset < 0) {
            // ksys_pread64 checks the offset before the descriptor; -1 must not mean "at f_pos".
            throw new VfsException(Errno.EINVAL);
        }
        return io.read(fd, dst, offset);
    }

    public int write(int fd, ByteBuffer src) {
        return io.write(fd, src, -1);
    }

    public int write(int fd, byte[] buf) {
        return io.write(fd, ByteBuffer.wrap(buf), -1);
    }

    public int pwrite(int fd, ByteBuffer src, long offset) {
        if (offset < 0) {
            // ksys_pwrite64 checks the offset before the descriptor; -1 must not mean "at f_pos".
            throw new VfsException(Errno.EINVAL);
        }
        return io.write(fd, src, offset);
    }

    public long lseek(int fd, long offset, int whence) {
        return io.lseek(fd, offset, whence);
    }

    /** getdents64(2): up to {@code maxEntries} entries from the directory's offset; empty at the end. */
    public List<DirEntry> getdents(int fd, int maxEntries) {
        return io.getdents(fd, maxEntries);
    }

    /**
     * posix_fadvise(fd, 0, 0, advice) for the whole file: RANDOM turns readahead off,
     * SEQUENTIAL doubles its window, NORMAL restores it, WILLNEED reads the file in, DONTNEED
     * starts writeback of its dirty pages and drops the clean ones; NOREUSE is accepted and does
     * nothing, as in Linux.
     */
    public void fadvise(int fd, int advice) {
        io.fadvise(fd, advice);
    }

    public void fsync(int fd) {
        io.fsync(fd, false);
    }

    public void fdatasync(int fd) {
        io.fsync(fd, true);
    }

    public void sync() {
        run(kernel::sync);
    }

    public void syncfs(int fd) {
        io.syncfs(fd);
    }

    // ---- fs/namei.c ---------------------------------------------------------------------------

    public void mkdir(String path, int mode) {
        names.mkdir(path, mode);
    }

    public void rmdir(String path) {
        names.rmdir(path);
    }

    public void unlink(String path) {
        names.unlink(path);
    }

    public void rename(String oldPath, String newPath) {
        names.rename(oldPath, newPath, 0);
    }

    /** renameat2(2) with RENAME_NOREPLACE or RENAME_EXCHANGE. */
    public void rename(String oldPath, String newPath, int flags) {
        names.rename(oldPath, newPath, flags);
    }

    public void link(String oldPath, String newPath) {
        names.link(oldPath, newPath);
    }

    /** linkat(fd, "", AT_FDCWD, newPath, AT_EMPTY_PATH): gives an O_TMPFILE file a name. */
    public void linkFd(int fd, String newPath) {
        names.linkFd(fd, newPath);
    }

    public void symlink(String target, String linkPath) {
        names.symlink(target, linkPath);
    }

    public String readlink(String path) {
        return names.readlink(path);
    }

    public void mknod(String path, int mode, long dev) {
        names.mknod(path, mode, dev);
    }

    // ---- fs/stat.c, fs/attr.c, fs/utimes.c --------------------------------------------------

    public Stat stat(String path) {
        return attrs.stat(path, true);
    }

    public Stat lstat(String path) {
        return attrs.stat(path, false);
    }

    public Stat fstat(int fd) {
        return attrs.fstat(fd);
    }

    public void chmod(String path, int mode) {
        attrs.chmod(path, mode);
    }

    public void fchmod(int fd, int mode) {
        attrs.fchmod(fd, mode);
    }

    /** chown(2); -1 leaves the owner or group unchanged. Follows symlinks. */
    public void chown(String path, int uid, int gid) {
        attrs.chown(path, uid, gid, true);
    }

    public void lchown(String path, int uid, int gid) {
        attrs.chown(path, uid, gid, false);
    }

    public void fchown(int fd, int uid, int gid) {
        attrs.fchown(fd, uid, gid);
    }

    /**
     * utimensat(2): {@link org.vfscope.vfs.Attr#UTIME_NOW} and {@link org.vfscope.vfs.Attr#UTIME_OMIT}
     * as in C.
     */
    public void utimes(String path, Instant atime, Instant mtime) {
        attrs.utimes(path, atime, mtime, true);
    }

    public void lutimes(String path, Instant atime, Instant mtime) {
        attrs.utimes(path, atime, mtime, false);
    }

    /** futimens(2): the times of the open file {@code fd}, with UTIME_NOW and UTIME_OMIT as for {@link #utimes}. */
    public void futimens(int fd, Instant atime, Instant mtime) {
        attrs.futimens(fd, atime, mtime);
    }

    public StatFs statfs(String path) {
        return attrs.statfs(path);
    }

    public StatFs fstatfs(int fd) {
        return attrs.fstatfs(fd);
    }

    // ---- fs/xattr.c ---------------------------------------------------------------------------

    public byte[] getxattr(String path, String name) {
        return xattrs.get(path, name, true);
    }

    public byte[] lgetxattr(String path, String name) {
        return xattrs.get(path, name, false);
    }

    public byte[] fgetxattr(int fd, String name) {
        return xattrs.fget(fd, name);
    }

    /**
     * getxattr(2) into {@code buf}: an empty buffer asks for the size; a too small one is ERANGE.
     */
    public int getxattr(String path, String name, byte[] buf) {
        return xattrs.getInto(path, name, buf);
    }

    public void setxattr(String path, String name, byte[] value, int flags) {
        xattrs.set(path, name, value, flags, true);
    }

    public void lsetxattr(String path, String name, byte[] value, int flags) {
        xattrs.set(path, name, value, flags, false);
    }

    public void fsetxattr(int fd, String name, byte[] value, int flags) {
        xattrs.fset(fd, name, value, flags);
    }

    public List<String> listxattr(String path) {
        return xattrs.list(path, true);
    }

    public List<String> llistxattr(String path) {
        return xattrs.list(path, false);
    }

    public List<String> flistxattr(int fd) {
        return xattrs.flist(fd);
    }

    public void removexattr(String path, String name) {
        xattrs.remove(path, name, true);
    }

    public void lremovexattr(String path, String name) {
        xattrs.remove(path, name, false);
    }

    public void fremovexattr(int fd, String name) {
        xattrs.fremove(fd, name);
    }

    // ---- fs/namespace.c, fs/super.c ---------------------------------------------------------

    /** mount(2) of a new filesystem; root only. */
    public void mount(String source, String target, String type, String options) {
        mounts.mount(source, target, type, options);
    }

    /** mount -o remount; root only. */
    public void remount(String target, String options) {
        mounts.remount(target, options);
    }

    public void umount(String target) {
        mounts.umount(target);
    }

    /** ioctl(FIFREEZE) on the filesystem holding {@code path}; root only. */
    public void freeze(String path) {
        mounts.freeze(path);
    }

    /** ioctl(FITHAW). */
    public void thaw(String path) {
        mounts.thaw(path);
    }
}
