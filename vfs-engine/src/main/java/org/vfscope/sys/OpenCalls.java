package org.vfscope.sys;

import static org.vfscope.vfs.OpenFlags.O_ACCMODE;
import static org.vfscope.vfs.OpenFlags.O_CLOEXEC;
import static org.vfscope.vfs.OpenFlags.O_CREAT;
import static org.vfscope.vfs.OpenFlags.O_DIRECTORY;
import static org.vfscope.vfs.OpenFlags.O_EXCL;
import static org.vfscope.vfs.OpenFlags.O_NOATIME;
import static org.vfscope.vfs.OpenFlags.O_NOFOLLOW;
import static org.vfscope.vfs.OpenFlags.O_PATH;
import static org.vfscope.vfs.OpenFlags.O_TMPFILE;
import static org.vfscope.vfs.OpenFlags.O_TRUNC;

import org.vfscope.vfs.Attr;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.Mount;
import org.vfscope.vfs.MountFlags;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.Path;
import org.vfscope.vfs.Permission;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.vfs.lock.LockClass;
import org.vfscope.vfs.namei.DirectoryOps;
import org.vfscope.vfs.namei.LastType;
import org.vfscope.vfs.namei.LookupFlags;
import org.vfscope.vfs.namei.ParentLookup;
import org.vfscope.vfs.namei.PathWalk;

/** open(2) and the working directory (fs/open.c, the open half of fs/namei.c, fs/d_path.c). */
final class OpenCalls {
    /** The __O_TMPFILE bit alone, which O_TMPFILE combines with O_DIRECTORY. */
    private static final int TMPFILE_BIT = O_TMPFILE & ~O_DIRECTORY;
    private static final int O_PATH_FLAGS = O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC;

    private final Process p;

    OpenCalls(Process p) {
        this.p = p;
    }

    int openat(int dirfd, String path, int flags, int mode) {
        return p.call(() -> {
            OpenFile f = doOpen(dirfd, path, flags, mode);
            try {
                return p.fds().install(f);
            } catch (VfsException e) {
                f.put();
                throw e;
            }
        });
    }

    /** build_open_flags + path_openat. */
    private OpenFile doOpen(int dirfd, String path, int flagsIn, int mode) {
        int flags = flagsIn;
        boolean tmpfile = (flags & TMPFILE_BIT) != 0;
        // O_TMPFILE_MASK includes O_CREAT: O_TMPFILE|O_CREAT is EINVAL, as build_open_flags says.
        if (tmpfile && (flags & (O_TMPFILE | O_CREAT)) != O_TMPFILE) {
            throw new VfsException(Errno.EINVAL, path);
        }
        if (tmpfile && !OpenFlags.writable(flags)) {
            throw new VfsException(Errno.EINVAL, path);
        }
        if (!tmpfile && (flags & O_CREAT) != 0 && (flags & O_DIRECTORY) != 0) {
            throw new VfsException(Errno.EINVAL, path);
        }
        if ((flags & O_PATH) != 0) {
            flags &= O_PATH_FLAGS;
        }
        if ((flags & O_CREAT) != 0 && (flags & O_EXCL) != 0) {
            flags |= O_NOFOLLOW;
        }
        int acc = accMode(flags);
        int createMode = ((mode & FileMode.S_IALLUGO) & ~p.currentUmask()) | FileMode.S_IFREG;
        PathWalk w = p.walker(dirfd);
        try {
            if (tmpfile) {
                return openTmpfile(w, path, flags, createMode);
            }
            if ((flags & O_CREAT) == 0) {
                int lookup = ((flags & O_DIRECTORY) != 0 ? LookupFlags.DIRECTORY : 0)
                        | ((flags & O_NOFOLLOW) == 0 ? LookupFlags.FOLLOW : 0);
                return finishOpen(w.lookup(path, lookup), flags, acc, false);
            }
            return openCreate(w, path, flags, acc, createMode);
        } catch (VfsException e) {
            throw e.where() == null ? new VfsException(e.errno(), path) : e;
        }
    }

    private static int accMode(int flags) {
        if ((flags & O_PATH) != 0) {
            return 0;
        }
        int acc = switch (flags & O_ACCMODE) {
            case OpenFlags.O_RDONLY -> FileMode.MAY_READ;
            case OpenFlags.O_WRONLY -> FileMode.MAY_WRITE;
            default -> FileMode.MAY_READ | FileMode.MAY_WRITE;
        };
        if ((flags & O_TRUNC) != 0) {
            acc |= FileMode.MAY_WRITE;
        }
        return acc;
    }

    /**
     * open_last_lookups with O_CREAT: the parent is locked exclusive, the name looked up and
     * created if negative. A symlink found there is followed (unless O_NOFOLLOW / O_EXCL), which
     * may create the file it points to.
     */
    private OpenFile openCreate(PathWalk w, String path, int flags, int acc, int createMode) {
        ParentLookup pl = w.parent(path);
        while (true) {
            if (pl.type() != LastType.NORM || pl.trailingSlash()) {
                pl.put();
                throw new VfsException(Errno.EISDIR);
            }
            Path dir = pl.dir();
            Inode dirInode = dir.inode();
            boolean gotWrite = tryWantWrite(dir.mnt());
            Path result;
            boolean created = false;
            dirInode.rwsem().lockExclusive(LockClass.I_RWSEM_PARENT);
            try {
                Dentry d = w.lookupLocked(dir.dentry(), pl.last());
                try {
                    if (d.isNegative()) {
                        if (!gotWrite) {
                            throw dir.mnt().readOnlyError();
                        }
                        new DirectoryOps(p.kernel()).create(dirInode, d, createMode, (flags & O_EXCL) != 0,
                                p.credentials());
                        created = true;
                    }
                } catch (VfsException e) {
                    d.put();
                    throw e;
                }
                result = created ? new Path(dir.mnt(), d) : w.followMounts(new Path(dir.mnt(), d));
            } catch (VfsException e) {
                pl.put();
                throw e;
            } finally {
                dirInode.rwsem().unlockExclusive();
                if (gotWrite) {
                    dir.mnt().sb().endWrite();
                }
            }
            Inode inode = result.inode();
            if (!created && inode.isSymlink() && (flags & O_NOFOLLOW) == 0) {
                String body;
                try {
                    body = inode.cachedLink() != null ? inode.cachedLink()
                            : inode.iop().getLink(result.dentry(), inode);
                } finally {
                    result.put();
                }
                ParentLookup next;
                try {
                    next = w.parentThroughLink(dir, body);
                } finally {
                    pl.put();
                }
                pl = next;
                continue;
            }
            pl.put();
            if (!created && (flags & O_EXCL) != 0) {
                result.put();
                throw new VfsException(Errno.EEXIST);
            }
            if (!created && inode.isDir()) {
                result.put();
                throw new VfsException(Errno.EISDIR);
            }
            return finishOpen(result, flags, acc, created);
        }
    }

    /** do_tmpfile: an unnamed file in the directory the path names. */
    private OpenFile openTmpfile(PathWalk w, String path, int flags, int mode) {
        Path dir = w.lookup(path, LookupFlags.FOLLOW | LookupFlags.DIRECTORY);
        try {
            dir.mnt().wantWrite();
            Inode dirInode = dir.inode();
            dirInode.iop().permission(dirInode, FileMode.MAY_WRITE | FileMode.MAY_EXEC, p.credentials());
            if (dirInode.isDeadDir()) {
                throw new VfsException(Errno.ENOENT);
            }
            Dentry child = p.kernel().dcache().allocTmpfile(dir.dentry());
            SuperBlockWrite sw = new SuperBlockWrite(dir.mnt());
            try {
                dirInode.iop().tmpfile(dirInode, child, mode);
            } catch (VfsException e) {
                child.put();
                throw e;
            } finally {
                sw.close();
            }
            if ((flags & O_EXCL) == 0) {
                child.inode().setState(InodeState.I_LINKABLE);
            }
            // O_TMPFILE carries O_DIRECTORY, which named the directory, not the new file (do_tmpfile skips that check).
            return finishOpen(new Path(dir.mnt(), child), flags & ~(O_TRUNC | O_DIRECTORY), 0, true);
        } finally {
            dir.put();
        }
    }

    /** do_open + may_open + vfs_open: checks, then the open file (which takes {@code path}'s reference). */
    private OpenFile finishOpen(Path path, int flagsIn, int accIn, boolean created) {
        int flags = flagsIn;
        int acc = accIn;
        try {
            Inode inode = path.inode();
            if ((flags & O_DIRECTORY) != 0 && !inode.isDir()) {
                throw new VfsException(Errno.ENOTDIR);
            }
            if ((flags & O_PATH) != 0) {
                return new OpenFile(path, inode, flags);
            }
            if (created) {
                flags &= ~O_TRUNC;
                acc = 0;
            }
            boolean truncate = !created && inode.isRegular() && (flags & O_TRUNC) != 0;
            if (truncate) {
                path.mnt().wantWrite();
            }
            mayOpen(path, inode, acc, flags);
            if (OpenFlags.writable(flags) && !FileMode.isSpecial(inode.mode())) {
                path.mnt().wantWrite();
            }
            OpenFile file = new OpenFile(path, inode, flags);
            try {
                inode.fop().open(inode, file);
                if (truncate) {
                    Attr.truncate(path.dentry(), 0, p.credentials());
                }
            } catch (VfsException e) {
                file.put();
                throw e;
            }
            return file;
        } catch (VfsException e) {
            path.put();
            throw e;
        }
    }

    /** may_open. */
    private void mayOpen(Path path, Inode inode, int acc, int flags) {
        int type = inode.mode() & FileMode.S_IFMT;
        switch (type) {
            case FileMode.S_IFLNK -> throw new VfsException(Errno.ELOOP);
            case FileMode.S_IFDIR -> {
                if ((acc & FileMode.MAY_WRITE) != 0) {
                    throw new VfsException(Errno.EISDIR);
                }
            }
            case FileMode.S_IFBLK, FileMode.S_IFCHR -> {
                if (path.mnt().has(MountFlags.NODEV)) {
                    throw new VfsException(Errno.EACCES);
                }
            }
            default -> {
            }
        }
        inode.iop().permission(inode, acc, p.credentials());
        if ((flags & O_NOATIME) != 0 && !Permission.ownerOrCapable(inode, p.credentials())) {
            throw new VfsException(Errno.EPERM);
        }
        if (FileMode.isSpecial(inode.mode())) {
            // No device drivers, pipes or sockets behind special files here: as Linux answers
            // for a device number no driver claims.
            throw new VfsException(Errno.ENXIO);
        }
    }

    /** mnt_want_write that reports instead of failing, for filename_create's error order. */
    private static boolean tryWantWrite(Mount mnt) {
        if (mnt.isReadOnly()) {
            return false;
        }
        mnt.sb().startWrite();
        return true;
    }

    void chdir(String path) {
        p.run(() -> {
            Path target = p.walker().lookup(path, LookupFlags.FOLLOW | LookupFlags.DIRECTORY);
            try {
                target.inode().iop().permission(target.inode(), FileMode.MAY_EXEC, p.credentials());
            } catch (VfsException e) {
                target.put();
                throw new VfsException(e.errno(), path);
            }
            p.setCwd(target);
        });
    }

    void fchdir(int fd) {
        p.run(() -> {
            OpenFile f = p.fds().get(fd);
            try {
                Inode inode = f.inode();
                if (!inode.isDir()) {
                    throw new VfsException(Errno.ENOTDIR);
                }
                inode.iop().permission(inode, FileMode.MAY_EXEC, p.credentials());
                p.setCwd(f.path().get());
            } finally {
                f.put();
            }
        });
    }

    /** getcwd: the path from the process root, crossing mounts; ENOENT if the cwd was removed. */
    String getcwd() {
        return p.call(() -> {
            Path cwd = p.cwd();
            Path root = p.root();
            Dentry d = cwd.dentry();
            if (!d.isRoot() && !d.isHashed()) {
                throw new VfsException(Errno.ENOENT);
            }
            return Kernel.dPath(cwd, root);
        });
    }

    /** sb_start_write / sb_end_write around a filesystem change. */
    private static final class SuperBlockWrite implements AutoCloseable {
        private final Mount mnt;

        SuperBlockWrite(Mount mnt) {
            this.mnt = mnt;
            mnt.sb().startWrite();
        }

        @Override
        public void close() {
            mnt.sb().endWrite();
        }
    }
}
