package org.vfscope.vfs.lock;

/**
 * A lockdep class with subclass: all locks of one kind taken in one role share it, so ordering
 * rules are checked between roles ("parent directory before child"), not between instances.
 */
public record LockClass(String name) {
    public static final LockClass S_VFS_RENAME_MUTEX = new LockClass("s_vfs_rename_mutex");
    public static final LockClass S_UMOUNT = new LockClass("s_umount");
    /** i_rwsem subclasses of include/linux/fs.h {@code enum inode_i_mutex_lock_class}. */
    public static final LockClass I_RWSEM_NORMAL = new LockClass("i_rwsem");
    public static final LockClass I_RWSEM_PARENT = new LockClass("i_rwsem/I_MUTEX_PARENT");
    public static final LockClass I_RWSEM_PARENT2 = new LockClass("i_rwsem/I_MUTEX_PARENT2");
    public static final LockClass I_RWSEM_CHILD = new LockClass("i_rwsem/I_MUTEX_CHILD");
    public static final LockClass I_RWSEM_NONDIR = new LockClass("i_rwsem/I_MUTEX_NONDIR");
    public static final LockClass I_RWSEM_NONDIR2 = new LockClass("i_rwsem/I_MUTEX_NONDIR2");

    @Override
    public String toString() {
        return name;
    }
}
