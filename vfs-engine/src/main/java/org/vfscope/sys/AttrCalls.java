package org.vfscope.sys;

import java.time.Instant;
import org.vfscope.vfs.Attr;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.Path;
import org.vfscope.vfs.Stat;
import org.vfscope.vfs.StatFs;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.namei.LookupFlags;

/** stat, chmod, chown, utimes, truncate, access, statfs (fs/stat.c, fs/open.c, fs/utimes.c, fs/statfs.c). */
final class AttrCalls {
    private final Process p;

    AttrCalls(Process p) {
        this.p = p;
    }

    private Path resolve(String path, boolean follow) {
        return NameCalls.named(path, () -> p.walker().lookup(path, follow ? LookupFlags.FOLLOW : 0));
    }

    Stat stat(String path, boolean follow) {
        return p.call(() -> {
            Path target = resolve(path, follow);
            try {
                return target.inode().iop().getattr(target.inode());
            } finally {
                target.put();
            }
        });
    }

    /** fstat works on O_PATH descriptors too. */
    Stat fstat(int fd) {
        return p.call(() -> {
            OpenFile f = p.fds().get(fd);
            try {
                return f.inode().iop().getattr(f.inode());
            } finally {
                f.put();
            }
        });
    }

    void chmod(String path, int mode) {
        p.run(() -> onPath(path, true, target -> Attr.chmod(target, mode, p.credentials())));
    }

    void fchmod(int fd, int mode) {
        p.run(() -> onFile(fd, f -> Attr.chmod(f.path(), mode, p.credentials())));
    }

    void chown(String path, int uid, int gid, boolean follow) {
        p.run(() -> onPath(path, follow, target -> Attr.chown(target, uid, gid, p.credentials())));
    }

    void fchown(int fd, int uid, int gid) {
        p.run(() -> onFile(fd, f -> Attr.chown(f.path(), uid, gid, p.credentials())));
    }

    void utimes(String path, Instant atime, Instant mtime, boolean follow) {
        if (atime == Attr.UTIME_OMIT && mtime == Attr.UTIME_OMIT) {
            // sys_utimensat: nothing to do, so not even the path is looked up.
            return;
        }
        p.run(() -> onPath(path, follow, target -> Attr.utimes(target, atime, mtime, p.credentials())));
    }

    void futimens(int fd, Instant atime, Instant mtime) {
        if (atime == Attr.UTIME_OMIT && mtime == Attr.UTIME_OMIT) {
            return;
        }
        p.run(() -> onFile(fd, f -> Attr.utimes(f.path(), atime, mtime, p.credentials())));
    }

    /** vfs_truncate: EINVAL below zero, EISDIR for a directory, EINVAL for other non-files, EROFS, EACCES. */
    void truncate(String path, long length) {
        p.run(() -> {
            if (length < 0) {
                throw new VfsException(Errno.EINVAL, path);
            }
            onPath(path, true, target -> {
                Inode inode = target.inode();
                if (inode.isDir()) {
                    throw new VfsException(Errno.EISDIR);
                }
                if (!inode.isRegular()) {
                    throw new VfsException(Errno.EINVAL);
                }
                target.mnt().wantWrite();
                inode.iop().permission(inode, FileMode.MAY_WRITE, p.credentials());
                Attr.truncate(target.dentry(), length, p.credentials());
            });
        });
    }

    /** do_sys_ftruncate: EINVAL unless a regular file open for writing. */
    void ftruncate(int fd, long length) {
        p.run(() -> {
            if (length < 0) {
                throw new VfsException(Errno.EINVAL);
            }
            OpenFile f = p.fds().get(fd);
            try {
                if (f.isPathOnly()) {
                    throw new VfsException(Errno.EBADF);
                }
                if (!f.inode().isRegular() || !f.isWritable()) {
                    throw new VfsException(Errno.EINVAL);
                }
                Attr.truncate(f.path().dentry(), length, p.credentials());
            } finally {
                f.put();
            }
        });
    }

    /** access(2): EINVAL for unknown bits; EROFS for W_OK on a read-only mount (not for devices). */
    void access(String path, int mode) {
        p.run(() -> {
            if ((mode & ~7) != 0) {
                throw new VfsException(Errno.EINVAL, path);
            }
            onPath(path, true, target -> {
                Inode inode = target.inode();
                if ((mode & Process.W_OK) != 0 && !FileMode.isSpecial(inode.mode()) && target.mnt().isReadOnly()) {
                    throw new VfsException(Errno.EROFS);
                }
                if (mode != 0) {
                    inode.iop().permission(inode, mode, p.credentials());
                }
            });
        });
    }

    StatFs statfs(String path) {
        return p.call(() -> {
            Path target = resolve(path, true);
            try {
                return target.inode().sb().ops().statfs(target.dentry());
            } finally {
                target.put();
            }
        });
    }

    StatFs fstatfs(int fd) {
        return p.call(() -> {
            OpenFile f = p.fds().get(fd);
            try {
                return f.inode().sb().ops().statfs(f.path().dentry());
            } finally {
                f.put();
            }
        });
    }

    private void onPath(String path, boolean follow, java.util.function.Consumer<Path> action) {
        Path target = resolve(path, follow);
        try {
            NameCalls.namedRun(path, () -> action.accept(target));
        } finally {
            target.put();
        }
    }

    private void onFile(int fd, java.util.function.Consumer<OpenFile> action) {
        OpenFile f = p.fds().get(fd);
        try {
            action.accept(f);
        } finally {
            f.put();
        }
    }
}
