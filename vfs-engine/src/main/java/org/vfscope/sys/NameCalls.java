package org.vfscope.sys;

import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.GenericFile;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Mount;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.Path;
import org.vfscope.vfs.RenameFlags;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.lock.LockClass;
import org.vfscope.vfs.namei.DirectoryOps;
import org.vfscope.vfs.namei.LastType;
import org.vfscope.vfs.namei.ParentLookup;
import org.vfscope.vfs.namei.PathWalk;

/** The directory-changing calls of fs/namei.c: mkdir, mknod, symlink, link, unlink, rmdir, rename. */
final class NameCalls {
    private final Process p;
    private final DirectoryOps ops;

    NameCalls(Process p) {
        this.p = p;
        this.ops = new DirectoryOps(p.kernel());
    }

    /** What to create once {@link #create} has a locked parent and a negative dentry. */
    @FunctionalInterface
    private interface Creator {
        void create(Path dir, Dentry dentry);
    }

    /**
     * filename_create + the create + done_path_create: EEXIST for "." ".." "/" or a taken name,
     * ENOENT for a trailing slash on a non-directory, EROFS after those.
     */
    private void create(PathWalk w, String path, boolean isDir, Creator creator) {
        ParentLookup pl = w.parent(path);
        try {
            if (pl.type() != LastType.NORM) {
                throw new VfsException(Errno.EEXIST);
            }
            Mount mnt = pl.dir().mnt();
            boolean gotWrite = !mnt.isReadOnly();
            if (gotWrite) {
                mnt.sb().startWrite();
            }
            Inode dir = pl.dir().inode();
            dir.rwsem().lockExclusive(LockClass.I_RWSEM_PARENT);
            try {
                Dentry d = w.lookupLocked(pl.dir().dentry(), pl.last());
                try {
                    if (d.isPositive()) {
                        throw new VfsException(Errno.EEXIST);
                    }
                    if (pl.trailingSlash() && !isDir) {
                        throw new VfsException(Errno.ENOENT);
                    }
                    if (!gotWrite) {
                        throw mnt.readOnlyError();
                    }
                    creator.create(pl.dir(), d);
                } finally {
                    d.put();
                }
            } finally {
                dir.rwsem().unlockExclusive();
                if (gotWrite) {
                    mnt.sb().endWrite();
                }
            }
        } finally {
            pl.put();
        }
    }

    void mkdir(String path, int mode) {
        p.run(() -> namedRun(path, () -> create(p.walker(), path, true,
                (dir, d) -> ops.mkdir(dir.inode(), d, mode & ~p.currentUmask(), p.credentials()))));
    }

    /** mknod(2): S_IFDIR is EPERM (use mkdir), unknown types EINVAL, type 0 a regular file. */
    void mknod(String path, int mode, long dev) {
        p.run(() -> namedRun(path, () -> {
            int type = mode & FileMode.S_IFMT;
            int fullMode = switch (type) {
                case 0 -> FileMode.S_IFREG | (mode & FileMode.S_IALLUGO);
                case FileMode.S_IFREG, FileMode.S_IFCHR, FileMode.S_IFBLK, FileMode.S_IFIFO, FileMode.S_IFSOCK -> mode;
                case FileMode.S_IFDIR -> throw new VfsException(Errno.EPERM);
                default -> throw new VfsException(Errno.EINVAL);
            };
            int m = (fullMode & FileMode.S_IFMT) | ((fullMode & FileMode.S_IALLUGO) & ~p.currentUmask());
            create(p.walker(), path, false, (dir, d) -> {
                if (FileMode.isReg(m)) {
                    ops.create(dir.inode(), d, m, true, p.credentials());
                } else {
                    ops.mknod(dir.inode(), d, m, dev, p.credentials());
                }
            });
        }));
    }

    void symlink(String target, String linkPath) {
        p.run(() -> namedRun(linkPath, () -> {
            if (target == null || target.isEmpty()) {
                throw new VfsException(Errno.ENOENT);
            }
            if (target.length() >= PathWalk.PATH_MAX) {
                throw new VfsException(Errno.ENAMETOOLONG);
            }
            create(p.walker(), linkPath, false, (dir, d) -> ops.symlink(dir.inode(), d, target, p.credentials()));
        }));
    }

    /** link(2): does not follow a symlink given as the old path. */
    void link(String oldPath, String newPath) {
        p.run(() -> {
            PathWalk w = p.walker();
            Path old = named(oldPath, () -> w.lookup(oldPath, 0));
            try {
                namedRun(newPath, () -> doLink(w, old, newPath));
            } finally {
                old.put();
            }
        });
    }

    void linkFd(int fd, String newPath) {
        p.run(() -> {
            OpenFile f = p.fds().get(fd);
            try {
                namedRun(newPath, () -> doLink(p.walker(), f.path(), newPath));
            } finally {
                f.put();
            }
        });
    }

    private void doLink(PathWalk w, Path old, String newPath) {
        create(w, newPath, false, (dir, d) -> {
            if (old.mnt() != dir.mnt()) {
                throw new VfsException(Errno.EXDEV);
            }
            ops.link(old.dentry(), dir.inode(), d, p.credentials());
        });
    }

    /** unlink(2): EISDIR for "." ".." "/" and directories, ENOTDIR for "file/". */
    void unlink(String path) {
        p.run(() -> namedRun(path, () -> {
            PathWalk w = p.walker();
            ParentLookup pl = w.parent(path);
            try {
                if (pl.type() != LastType.NORM) {
                    throw new VfsException(Errno.EISDIR);
                }
                withVictim(w, pl, (dir, d) -> {
                    if (pl.trailingSlash() || d.isNegative()) {
                        throw new VfsException(d.isNegative() ? Errno.ENOENT
                                : d.isDir() ? Errno.EISDIR : Errno.ENOTDIR);
                    }
                    ops.unlink(dir, d, p.credentials());
                });
            } finally {
                pl.put();
            }
        }));
    }

    /** rmdir(2): ".." is ENOTEMPTY, "." EINVAL, "/" EBUSY. */
    void rmdir(String path) {
        p.run(() -> namedRun(path, () -> {
            PathWalk w = p.walker();
            ParentLookup pl = w.parent(path);
            try {
                switch (pl.type()) {
                    case DOTDOT -> throw new VfsException(Errno.ENOTEMPTY);
                    case DOT -> throw new VfsException(Errno.EINVAL);
                    case ROOT -> throw new VfsException(Errno.EBUSY);
                    default -> {
                    }
                }
                withVictim(w, pl, (dir, d) -> ops.rmdir(dir, d, p.credentials()));
            } finally {
                pl.put();
            }
        }));
    }

    /**
     * The common tail of do_unlinkat and do_rmdir: write access, the parent locked exclusive,
     * the victim looked up under it, then {@code op}.
     */
    private void withVictim(PathWalk w, ParentLookup pl, java.util.function.BiConsumer<Inode, Dentry> op) {
        Mount mnt = pl.dir().mnt();
        mnt.wantWrite();
        withWrite(mnt, () -> {
            Inode dir = pl.dir().inode();
            dir.rwsem().lockExclusive(LockClass.I_RWSEM_PARENT);
            Dentry d = null;
            try {
                d = w.lookupLocked(pl.dir().dentry(), pl.last());
                op.accept(dir, d);
            } finally {
                dir.rwsem().unlockExclusive();
                if (d != null) {
                    d.put();
                }
            }
        });
    }

    /** renameat2(2): the checks of do_renameat2, then vfs_rename under lock_rename. */
    void rename(String oldPath, String newPath, int flags) {
        p.run(() -> namedRun(oldPath, () -> {
            int known = RenameFlags.RENAME_NOREPLACE | RenameFlags.RENAME_EXCHANGE | RenameFlags.RENAME_WHITEOUT;
            boolean exchange = (flags & RenameFlags.RENAME_EXCHANGE) != 0;
            if ((flags & ~known) != 0 || (exchange && (flags & ~RenameFlags.RENAME_EXCHANGE) != 0)
                    || (flags & RenameFlags.RENAME_WHITEOUT) != 0) {
                throw new VfsException(Errno.EINVAL);
            }
            PathWalk w = p.walker();
            ParentLookup from = w.parent(oldPath);
            try {
                ParentLookup to = named(newPath, () -> w.parent(newPath));
                try {
                    renameLocked(w, from, to, flags);
                } finally {
                    to.put();
                }
            } finally {
                from.put();
            }
        }));
    }

    private void renameLocked(PathWalk w, ParentLookup from, ParentLookup to, int flags) {
        boolean exchange = (flags & RenameFlags.RENAME_EXCHANGE) != 0;
        boolean noReplace = (flags & RenameFlags.RENAME_NOREPLACE) != 0;
        if (from.dir().mnt() != to.dir().mnt()) {
            throw new VfsException(Errno.EXDEV);
        }
        if (from.type() != LastType.NORM) {
            throw new VfsException(Errno.EBUSY);
        }
        if (to.type() != LastType.NORM) {
            throw new VfsException(noReplace ? Errno.EEXIST : Errno.EBUSY);
        }
        Mount mnt = from.dir().mnt();
        mnt.wantWrite();
        withWrite(mnt, () -> {
            Dentry oldParent = from.dir().dentry();
            Dentry newParent = to.dir().dentry();
            Dentry trap = ops.lockRename(newParent, oldParent);
            Dentry oldD = null;
            Dentry newD = null;
            try {
                oldD = w.lookupLocked(oldParent, from.last());
                if (oldD.isNegative()) {
                    throw new VfsException(Errno.ENOENT);
                }
                newD = w.lookupLocked(newParent, to.last());
                if (noReplace && newD.isPositive()) {
                    throw new VfsException(Errno.EEXIST);
                }
                if (exchange) {
                    if (newD.isNegative()) {
                        throw new VfsException(Errno.ENOENT);
                    }
                    if (!newD.isDir() && to.trailingSlash()) {
                        throw new VfsException(Errno.ENOTDIR);
                    }
                }
                if (!oldD.isDir() && (from.trailingSlash() || (!exchange && to.trailingSlash()))) {
                    throw new VfsException(Errno.ENOTDIR);
                }
                if (oldD == trap) {
                    throw new VfsException(Errno.EINVAL);
                }
                if (newD == trap) {
                    throw new VfsException(exchange ? Errno.EINVAL : Errno.ENOTEMPTY);
                }
                ops.rename(oldParent.inode(), oldD, newParent.inode(), newD, flags, p.credentials());
            } finally {
                ops.unlockRename(newParent, oldParent);
                if (newD != null) {
                    newD.put();
                }
                if (oldD != null) {
                    oldD.put();
                }
            }
        });
    }

    /** readlink(2): EINVAL when the path is not a symlink. */
    String readlink(String path) {
        return p.call(() -> named(path, () -> {
            Path link = p.walker().lookup(path, 0);
            try {
                Inode inode = link.inode();
                if (!inode.isSymlink()) {
                    throw new VfsException(Errno.EINVAL);
                }
                String target = inode.cachedLink() != null ? inode.cachedLink()
                        : inode.iop().getLink(link.dentry(), inode);
                GenericFile.touchAtime(link, inode);
                return target;
            } finally {
                link.put();
            }
        }));
    }

    private static void withWrite(Mount mnt, Runnable body) {
        mnt.sb().startWrite();
        try {
            body.run();
        } finally {
            mnt.sb().endWrite();
        }
    }

    /** Names the path in an error that does not name anything yet, as coreutils messages do. */
    static <T> T named(String path, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (VfsException e) {
            throw e.where() == null ? new VfsException(e.errno(), path) : e;
        }
    }

    static void namedRun(String path, Runnable body) {
        named(path, () -> {
            body.run();
            return null;
        });
    }
}
