package org.vfscope.vfs;

import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.icache.InodeState;

/**
 * {@code struct inode_operations}: how the VFS manipulates an inode. Each method names the kernel
 * method it stands for and the locks the VFS holds when it calls it (Documentation/filesystems/
 * locking.rst). A method a filesystem does not support keeps its default, which fails with the
 * errno the VFS returns when the kernel pointer is NULL.
 */
public interface InodeOperations {

    /**
     * {@code ->lookup()}: find {@code dentry}'s name in {@code dir}. Returns the inode, referenced,
     * or {@code null} when the name does not exist (the VFS then makes the dentry negative).
     * Caller holds {@code dir}'s i_rwsem <b>shared</b>.
     */
    default Inode lookup(Inode dir, Dentry dentry, int flags) {
        throw new VfsException(Errno.ENOTDIR);
    }

    /** {@code ->create()}: a regular file. i_rwsem of {@code dir} exclusive. NULL in Linux: EACCES. */
    default void create(Inode dir, Dentry dentry, int mode, boolean excl) {
        throw new VfsException(Errno.EACCES);
    }

    /** {@code ->link()}: i_rwsem of {@code dir} and of the source inode exclusive. */
    default void link(Dentry oldDentry, Inode dir, Dentry newDentry) {
        throw new VfsException(Errno.EPERM);
    }

    /** {@code ->unlink()}: i_rwsem of {@code dir} and of the victim exclusive. */
    default void unlink(Inode dir, Dentry dentry) {
        throw new VfsException(Errno.EPERM);
    }

    /** {@code ->symlink()}: i_rwsem of {@code dir} exclusive. */
    default void symlink(Inode dir, Dentry dentry, String target) {
        throw new VfsException(Errno.EPERM);
    }

    /** {@code ->mkdir()}: i_rwsem of {@code dir} exclusive. */
    default void mkdir(Inode dir, Dentry dentry, int mode) {
        throw new VfsException(Errno.EPERM);
    }

    /** {@code ->rmdir()}: i_rwsem of {@code dir} and of the victim exclusive. */
    default void rmdir(Inode dir, Dentry dentry) {
        throw new VfsException(Errno.EPERM);
    }

    /** {@code ->mknod()}: device nodes, fifos and sockets. i_rwsem of {@code dir} exclusive. */
    default void mknod(Inode dir, Dentry dentry, int mode, long rdev) {
        throw new VfsException(Errno.EPERM);
    }

    /**
     * {@code ->rename()} with the renameat2 {@code flags}: i_rwsem of both directories and of
     * source and target exclusive; a cross-directory rename also holds the superblock's
     * {@code s_vfs_rename_mutex}. The VFS moves the dentries afterwards ({@code d_move}).
     */
    default void rename(Inode oldDir, Dentry oldDentry, Inode newDir, Dentry newDentry, int flags) {
        throw new VfsException(Errno.EPERM);
    }

    /** {@code ->get_link()}: a symlink's target. No lock held. */
    default String getLink(Dentry dentry, Inode inode) {
        throw new VfsException(Errno.EINVAL);
    }

    /**
     * {@code ->setattr()}: change attributes after the VFS checked permission (setattr_prepare).
     * i_rwsem of the inode exclusive. The default is simple_setattr.
     */
    default void setattr(Dentry dentry, Iattr attr) {
        Inode inode = dentry.inode();
        if (attr.size() != null && attr.size() != inode.size()) {
            inode.truncatePagecache(attr.size());
            inode.setSize(attr.size());
        }
        inode.copyAttributes(attr);
        inode.markDirty(InodeState.I_DIRTY_SYNC);
    }

    /** {@code ->getattr()}: no lock held. The default is generic_fillattr. */
    default Stat getattr(Inode inode) {
        return inode.fillattr();
    }

    /**
     * {@code ->tmpfile()}: an unnamed regular file in {@code dir} for O_TMPFILE; {@code dentry} is
     * unhashed. No i_rwsem held. NULL in Linux: EOPNOTSUPP.
     */
    default void tmpfile(Inode dir, Dentry dentry, int mode) {
        throw new VfsException(Errno.EOPNOTSUPP);
    }

    /** {@code ->permission()}: no lock. The default is generic_permission. */
    default void permission(Inode inode, int mask, Credentials cred) {
        Permission.generic(inode, mask, cred);
    }
}
