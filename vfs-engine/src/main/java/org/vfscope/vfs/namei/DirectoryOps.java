package org.vfscope.vfs.namei;

import org.vfscope.vfs.Credentials;
import org.vfscope.vfs.CurrentCredentials;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.RenameFlags;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.Dcache;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.vfs.lock.LockClass;

/**
 * The {@code vfs_*} directory operations of fs/namei.c: the checks the VFS makes before it calls
 * a filesystem's inode operation ({@code may_create}, {@code may_delete}, the rename rules) and
 * the dcache updates after it. Callers hold the directory locks locking.rst prescribes; the
 * victim and rename locks are taken here.
 */
public final class DirectoryOps {
    private final Dcache dcache;

    public DirectoryOps(Kernel kernel) {
        this.dcache = kernel.dcache();
    }

    /** may_create: EEXIST if the name is taken, ENOENT in a removed directory, else write+search. */
    public static void mayCreate(Inode dir, Dentry child, Credentials cred) {
        if (child.isPositive()) {
            throw new VfsException(Errno.EEXIST);
        }
        if (dir.isDeadDir()) {
            throw new VfsException(Errno.ENOENT);
        }
        dir.iop().permission(dir, FileMode.MAY_WRITE | FileMode.MAY_EXEC, cred);
    }

    /**
     * may_delete: the victim exists, the directory is writable and searchable, the sticky bit
     * is honoured, and the victim's type matches the call (ENOTDIR / EISDIR); a filesystem root
     * cannot be removed (EBUSY).
     */
    public static void mayDelete(Inode dir, Dentry victim, boolean isDir, Credentials cred) {
        Inode inode = victim.inode();
        if (inode == null) {
            throw new VfsException(Errno.ENOENT);
        }
        dir.iop().permission(dir, FileMode.MAY_WRITE | FileMode.MAY_EXEC, cred);
        if ((dir.mode() & FileMode.S_ISVTX) != 0 && !cred.isRoot() && cred.uid() != inode.uid()
                && cred.uid() != dir.uid()) {
            throw new VfsException(Errno.EPERM);
        }
        if (isDir) {
            if (!inode.isDir()) {
                throw new VfsException(Errno.ENOTDIR);
            }
            if (victim.isRoot()) {
                throw new VfsException(Errno.EBUSY);
            }
        } else if (inode.isDir()) {
            throw new VfsException(Errno.EISDIR);
        }
        if (dir.isDeadDir()) {
            throw new VfsException(Errno.ENOENT);
        }
    }

    /** vfs_create: a regular file. The caller holds {@code dir} exclusive. */
    public void create(Inode dir, Dentry dentry, int mode, boolean excl, Credentials cred) {
        mayCreate(dir, dentry, cred);
        withCred(cred, () -> dir.iop().create(dir, dentry, (mode & FileMode.S_IALLUGO) | FileMode.S_IFREG, excl));
    }

    /** vfs_mkdir. The caller holds {@code dir} exclusive. */
    public void mkdir(Inode dir, Dentry dentry, int mode, Credentials cred) {
        mayCreate(dir, dentry, cred);
        int m = (mode & (FileMode.S_IRWXUGO | FileMode.S_ISVTX)) | FileMode.S_IFDIR;
        withCred(cred, () -> dir.iop().mkdir(dir, dentry, m));
    }

    /** vfs_mknod: device nodes need CAP_MKNOD (root). The caller holds {@code dir} exclusive. */
    public void mknod(Inode dir, Dentry dentry, int mode, long rdev, Credentials cred) {
        mayCreate(dir, dentry, cred);
        int type = mode & FileMode.S_IFMT;
        if ((type == FileMode.S_IFCHR || type == FileMode.S_IFBLK) && !cred.isRoot()) {
            throw new VfsException(Errno.EPERM);
        }
        withCred(cred, () -> dir.iop().mknod(dir, dentry, mode, rdev));
    }

    /** vfs_symlink. The caller holds {@code dir} exclusive. */
    public void symlink(Inode dir, Dentry dentry, String target, Credentials cred) {
        mayCreate(dir, dentry, cred);
        withCred(cred, () -> dir.iop().symlink(dir, dentry, target));
    }

    /**
     * vfs_link: no hard links to directories (EPERM) or across filesystems (EXDEV); an inode
     * already unlinked cannot be linked again unless it is an O_TMPFILE marked linkable.
     * The caller holds {@code dir} exclusive; the source inode is locked here.
     */
    public void link(Dentry oldDentry, Inode dir, Dentry newDentry, Credentials cred) {
        Inode inode = oldDentry.inode();
        if (inode == null) {
            throw new VfsException(Errno.ENOENT);
        }
        mayCreate(dir, newDentry, cred);
        if (dir.sb() != inode.sb()) {
            throw new VfsException(Errno.EXDEV);
        }
        if (inode.isDir()) {
            throw new VfsException(Errno.EPERM);
        }
        inode.rwsem().lockExclusive(LockClass.I_RWSEM_NORMAL);
        try {
            if (inode.nlink() == 0 && !inode.hasState(InodeState.I_LINKABLE)) {
                throw new VfsException(Errno.ENOENT);
            }
            withCred(cred, () -> dir.iop().link(oldDentry, dir, newDentry));
            inode.clearState(InodeState.I_LINKABLE);
        } finally {
            inode.rwsem().unlockExclusive();
        }
    }

    /**
     * vfs_unlink: the victim is locked, must not be a mountpoint (EBUSY); afterwards d_delete
     * turns the dentry negative or unhashes it. The caller holds {@code dir} exclusive.
     */
    public void unlink(Inode dir, Dentry dentry, Credentials cred) {
        mayDelete(dir, dentry, false, cred);
        Inode target = dentry.inode();
        target.rwsem().lockExclusive(LockClass.I_RWSEM_NORMAL);
        try {
            if (dentry.isMountpoint()) {
                throw new VfsException(Errno.EBUSY);
            }
            withCred(cred, () -> dir.iop().unlink(dir, dentry));
        } finally {
            target.rwsem().unlockExclusive();
        }
        dcache.delete(dentry);
    }

    /**
     * vfs_rmdir: the filesystem refuses a non-empty directory (ENOTEMPTY); afterwards the cached
     * children are shrunk away and the directory is marked dead (S_DEAD).
     */
    public void rmdir(Inode dir, Dentry dentry, Credentials cred) {
        mayDelete(dir, dentry, true, cred);
        Inode target = dentry.inode();
        dentry.get();
        target.rwsem().lockExclusive(LockClass.I_RWSEM_NORMAL);
        try {
            if (dentry.isMountpoint()) {
                throw new VfsException(Errno.EBUSY);
            }
            withCred(cred, () -> dir.iop().rmdir(dir, dentry));
            dcache.shrinkParent(dentry);
            target.markDeadDir();
        } finally {
            target.rwsem().unlockExclusive();
            dentry.put();
        }
        dcache.delete(dentry);
    }

    /**
     * lock_rename: one directory is locked as PARENT; two take the superblock's rename mutex,
     * then the ancestor (if one contains the other) or the older inode first, as PARENT and
     * PARENT2. Returns the "trap": the child of the ancestor directory on the way to the other
     * one, which neither side of the rename may be.
     */
    public Dentry lockRename(Dentry p1, Dentry p2) {
        if (p1 == p2) {
            p1.inode().rwsem().lockExclusive(LockClass.I_RWSEM_PARENT);
            return null;
        }
        p1.sb().renameMutex().lock();
        Dentry trap = dcache.ancestorChild(p2, p1);
        if (trap != null) {
            lockTwo(p2.inode(), p1.inode());
            return trap;
        }
        trap = dcache.ancestorChild(p1, p2);
        if (trap != null) {
            lockTwo(p1.inode(), p2.inode());
            return trap;
        }
        if (p1.inode().serial() < p2.inode().serial()) {
            lockTwo(p1.inode(), p2.inode());
        } else {
            lockTwo(p2.inode(), p1.inode());
        }
        return null;
    }

    private static void lockTwo(Inode first, Inode second) {
        first.rwsem().lockExclusive(LockClass.I_RWSEM_PARENT);
        second.rwsem().lockExclusive(LockClass.I_RWSEM_PARENT2);
    }

    /** unlock_rename. */
    public void unlockRename(Dentry p1, Dentry p2) {
        p1.inode().rwsem().unlockExclusive();
        if (p1 != p2) {
            p2.inode().rwsem().unlockExclusive();
            p1.sb().renameMutex().unlock();
        }
    }

    /**
     * vfs_rename with the renameat2 flags; both directories are locked by {@link #lockRename}.
     * Same inode on both sides: nothing to do. Otherwise the source must be deletable, the
     * target creatable or deletable with matching type, a directory moving to a new parent must
     * be writable (its ".." changes), and neither side may be a mountpoint.
     */
    public void rename(Inode oldDir, Dentry oldDentry, Inode newDir, Dentry newDentry, int flags,
                       Credentials cred) {
        Inode source = oldDentry.inode();
        Inode target = newDentry.inode();
        boolean exchange = (flags & RenameFlags.RENAME_EXCHANGE) != 0;
        if (source == target) {
            return;
        }
        boolean isDir = source.isDir();
        mayDelete(oldDir, oldDentry, isDir, cred);
        boolean newIsDir = target != null && target.isDir();
        if (target == null) {
            mayCreate(newDir, newDentry, cred);
        } else {
            mayDelete(newDir, newDentry, exchange ? newIsDir : isDir, cred);
        }
        if (newDir != oldDir) {
            if (isDir) {
                source.iop().permission(source, FileMode.MAY_WRITE, cred);
            }
            if (exchange && newIsDir) {
                target.iop().permission(target, FileMode.MAY_WRITE, cred);
            }
        }
        boolean lockBoth = !isDir || exchange;
        if (target != null && lockBoth) {
            boolean sourceFirst = source.serial() < target.serial();
            (sourceFirst ? source : target).rwsem().lockExclusive(LockClass.I_RWSEM_NONDIR);
            (sourceFirst ? target : source).rwsem().lockExclusive(LockClass.I_RWSEM_NONDIR2);
        } else if (lockBoth) {
            source.rwsem().lockExclusive(LockClass.I_RWSEM_NONDIR);
        } else if (target != null) {
            target.rwsem().lockExclusive(LockClass.I_RWSEM_NORMAL);
        }
        try {
            if (oldDentry.isMountpoint() || newDentry.isMountpoint()) {
                throw new VfsException(Errno.EBUSY);
            }
            withCred(cred, () -> oldDir.iop().rename(oldDir, oldDentry, newDir, newDentry, flags));
            if (!exchange && target != null && isDir) {
                dcache.shrinkParent(newDentry);
                target.markDeadDir();
            }
            if (exchange) {
                dcache.exchange(oldDentry, newDentry);
            } else {
                dcache.move(oldDentry, newDentry);
            }
        } finally {
            if (target != null && lockBoth) {
                source.rwsem().unlockExclusive();
                target.rwsem().unlockExclusive();
            } else if (lockBoth) {
                source.rwsem().unlockExclusive();
            } else if (target != null) {
                target.rwsem().unlockExclusive();
            }
        }
    }

    private static void withCred(Credentials cred, Runnable op) {
        Credentials old = CurrentCredentials.set(cred);
        try {
            op.run();
        } finally {
            CurrentCredentials.set(old);
        }
    }
}
