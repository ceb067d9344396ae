package org.vfscope.vfs;

import java.util.Set;
import org.vfscope.mm.WritebackControl;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.icache.InodeState;

/**
 * {@code struct super_operations}. The {@code s_umount} column of locking.rst is noted on each
 * method; the VFS takes that lock before the call.
 */
public interface SuperOperations {

    /** {@code ->alloc_inode()}: a filesystem's own inode subclass. The default is a plain inode. */
    default Inode allocInode(SuperBlock sb, long ino) {
        return new Inode(sb, ino);
    }

    /** {@code ->destroy_inode()}: after eviction. */
    default void destroyInode(Inode inode) {
    }

    /** {@code ->dirty_inode()}: the VFS marked the inode dirty with {@code flags}. */
    default void dirtyInode(Inode inode, Set<InodeState> flags) {
    }

    /** {@code ->write_inode()}: write the inode's metadata to the backing store. */
    default void writeInode(Inode inode, WritebackControl wbc) {
    }

    /**
     * {@code ->drop_inode()}: whether the last iput evicts instead of caching. Called under
     * i_lock. The default is generic_drop_inode: no links left, or unhashed.
     */
    default boolean dropInode(Inode inode) {
        return inode.nlink() == 0 || !inode.isHashed();
    }

    /** {@code ->evict_inode()}: free what the inode holds; the default truncates its pages. */
    default void evictInode(Inode inode) {
        inode.mapping().truncatePages(0);
    }

    /** {@code ->put_super()}: s_umount held for write. */
    default void putSuper(SuperBlock sb) {
    }

    /** {@code ->sync_fs()}: s_umount held for read. */
    default void syncFs(SuperBlock sb, boolean wait) {
    }

    /** {@code ->freeze_fs()}: s_umount held for write. */
    default void freezeFs(SuperBlock sb) {
    }

    /** {@code ->unfreeze_fs()}: s_umount held for write. */
    default void unfreezeFs(SuperBlock sb) {
    }

    /** {@code ->statfs()}: no s_umount (the path pins the superblock). */
    StatFs statfs(Dentry dentry);

    /**
     * {@code ->remount_fs()}: s_umount held for write. {@code options} holds the
     * filesystem-specific options; the VFS has already parsed the generic ones.
     */
    default void remountFs(SuperBlock sb, int sbFlags, MountOptions options) {
        options.rejectUnknown(sb.type().name());
    }

    /**
     * {@code ->show_options()}: append ",opt" or ",opt=value" for every active option that is not
     * at its default (Mount Options rules of vfs.rst). Called without s_umount.
     */
    default void showOptions(SuperBlock sb, StringBuilder out) {
    }
}
