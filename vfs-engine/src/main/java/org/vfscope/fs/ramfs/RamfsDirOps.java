package org.vfscope.fs.ramfs;

import java.time.Instant;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.InodeOperations;
import org.vfscope.vfs.RenameFlags;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.icache.InodeState;

/**
 * ramfs's inode_operations for directories, on the directory entries of the RAM disk (the
 * simple_* helpers of fs/libfs.c, with the directory contents kept below the dcache).
 * The VFS holds the locks locking.rst lists for each method.
 */
final class RamfsDirOps implements InodeOperations {
    private final RamfsSuper fs;

    RamfsDirOps(RamfsSuper fs) {
        this.fs = fs;
    }

    private static RamNode node(Inode inode) {
        return ((RamfsInode) inode).node();
    }

    @Override
    public Inode lookup(Inode dir, Dentry dentry, int flags) {
        Long ino;
        synchronized (fs.store()) {
            ino = node(dir).entries.get(dentry.name());
        }
        return ino == null ? null : fs.iget(dir.sb(), ino);
    }

    private void makeNode(Inode dir, Dentry dentry, int mode, long rdev, String target) {
        RamfsInode inode = fs.newInode(dir, mode, rdev);
        long linkSize = target == null ? 0 : target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        synchronized (fs.store()) {
            if (target != null) {
                inode.node().target = target;
                inode.node().size = linkSize;
            }
            node(dir).addEntry(dentry.name(), inode.ino());
        }
        if (target != null) {
            inode.setCachedLink(target);
            inode.setSize(linkSize);
        }
        if (FileMode.isDir(mode)) {
            dir.incNlink();
        }
        dir.touchMtimeCtime();
        dir.markDirty(InodeState.I_DIRTY_SYNC);
        dentry.sb().kernel().dcache().instantiate(dentry, inode);
    }

    @Override
    public void create(Inode dir, Dentry dentry, int mode, boolean excl) {
        makeNode(dir, dentry, mode, 0, null);
    }

    @Override
    public void mkdir(Inode dir, Dentry dentry, int mode) {
        makeNode(dir, dentry, mode, 0, null);
    }

    @Override
    public void mknod(Inode dir, Dentry dentry, int mode, long rdev) {
        makeNode(dir, dentry, mode, rdev, null);
    }

    @Override
    public void symlink(Inode dir, Dentry dentry, String target) {
        makeNode(dir, dentry, FileMode.S_IFLNK | 0777, 0, target);
    }

    @Override
    public void tmpfile(Inode dir, Dentry dentry, int mode) {
        RamfsInode inode = fs.newInode(dir, mode, 0);
        inode.setNlink(0);
        inode.sb().kernel().icache().unhash(inode);
        dentry.sb().kernel().dcache().instantiate(dentry, inode);
    }

    /** simple_link. */
    @Override
    public void link(Dentry oldDentry, Inode dir, Dentry newDentry) {
        Inode inode = oldDentry.inode();
        synchronized (fs.store()) {
            node(dir).addEntry(newDentry.name(), inode.ino());
        }
        Instant now = inode.currentTime();
        inode.incNlink();
        inode.setCtime(now);
        inode.markDirty(InodeState.I_DIRTY_SYNC);
        dir.setMtime(now);
        dir.setCtime(now);
        dir.markDirty(InodeState.I_DIRTY_SYNC);
        dir.sb().kernel().icache().ihold(inode);
        if (!inode.isHashed()) {
            // An O_TMPFILE file getting its first name becomes an ordinary cached inode.
            dir.sb().kernel().icache().insertHash(inode);
        }
        newDentry.sb().kernel().dcache().instantiate(newDentry, inode);
    }

    /** simple_unlink. */
    @Override
    public void unlink(Inode dir, Dentry dentry) {
        Inode inode = dentry.inode();
        synchronized (fs.store()) {
            node(dir).removeEntry(dentry.name());
        }
        Instant now = inode.currentTime();
        inode.setCtime(now);
        dir.setMtime(now);
        dir.setCtime(now);
        inode.dropNlink();
        inode.markDirty(InodeState.I_DIRTY_SYNC);
        dir.markDirty(InodeState.I_DIRTY_SYNC);
    }

    /** simple_rmdir: ENOTEMPTY unless the directory holds nothing. */
    @Override
    public void rmdir(Inode dir, Dentry dentry) {
        Inode inode = dentry.inode();
        if (!isEmpty(inode)) {
            throw new VfsException(Errno.ENOTEMPTY);
        }
        unlink(dir, dentry);
        inode.dropNlink();
        dir.dropNlink();
    }

    private boolean isEmpty(Inode dir) {
        synchronized (fs.store()) {
            return node(dir).entries.isEmpty();
        }
    }

    /** simple_rename and simple_rename_exchange, with the directory link counts they keep. */
    @Override
    public void rename(Inode oldDir, Dentry oldDentry, Inode newDir, Dentry newDentry, int flags) {
        if ((flags & ~(RenameFlags.RENAME_NOREPLACE | RenameFlags.RENAME_EXCHANGE)) != 0) {
            throw new VfsException(Errno.EINVAL);
        }
        Inode source = oldDentry.inode();
        Inode target = newDentry.inode();
        if ((flags & RenameFlags.RENAME_EXCHANGE) != 0) {
            exchange(oldDir, oldDentry, newDir, newDentry);
            return;
        }
        boolean isDir = source.isDir();
        if (target != null && target.isDir() && !isEmpty(target)) {
            throw new VfsException(Errno.ENOTEMPTY);
        }
        synchronized (fs.store()) {
            node(newDir).removeEntry(newDentry.name());
            node(oldDir).removeEntry(oldDentry.name());
            node(newDir).addEntry(newDentry.name(), source.ino());
            node(source).parent = newDir.ino();
        }
        if (target != null) {
            target.dropNlink();
            if (isDir) {
                target.dropNlink();
                oldDir.dropNlink();
            }
            target.setCtime(target.currentTime());
            target.markDirty(InodeState.I_DIRTY_SYNC);
        } else if (isDir) {
            oldDir.dropNlink();
            newDir.incNlink();
        }
        touchRename(oldDir, newDir, source);
    }

    private void exchange(Inode oldDir, Dentry oldDentry, Inode newDir, Dentry newDentry) {
        Inode a = oldDentry.inode();
        Inode b = newDentry.inode();
        synchronized (fs.store()) {
            node(oldDir).removeEntry(oldDentry.name());
            node(newDir).removeEntry(newDentry.name());
            node(oldDir).addEntry(oldDentry.name(), b.ino());
            node(newDir).addEntry(newDentry.name(), a.ino());
            node(a).parent = newDir.ino();
            node(b).parent = oldDir.ino();
        }
        if (oldDir != newDir && a.isDir() != b.isDir()) {
            if (a.isDir()) {
                oldDir.dropNlink();
                newDir.incNlink();
            } else {
                newDir.dropNlink();
                oldDir.incNlink();
            }
        }
        touchRename(oldDir, newDir, a);
        b.setCtime(b.currentTime());
        b.markDirty(InodeState.I_DIRTY_SYNC);
    }

    private static void touchRename(Inode oldDir, Inode newDir, Inode moved) {
        Instant now = moved.currentTime();
        oldDir.setMtime(now);
        oldDir.setCtime(now);
        newDir.setMtime(now);
        newDir.setCtime(now);
        moved.setCtime(now);
        oldDir.markDirty(InodeState.I_DIRTY_SYNC);
        newDir.markDirty(InodeState.I_DIRTY_SYNC);
        moved.markDirty(InodeState.I_DIRTY_SYNC);
    }
}
