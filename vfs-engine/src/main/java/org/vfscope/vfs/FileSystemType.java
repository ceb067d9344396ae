package org.vfscope.vfs;

/**
 * {@code struct file_system_type}: a filesystem driver the VFS can mount. {@link #mount} stands
 * for the {@code ->mount()} method (or, in today's kernels, get_tree): it returns a superblock
 * with its root dentry set, parsing the filesystem-specific part of {@code options}.
 */
public interface FileSystemType {

    /** The name mount(8) uses: "ramfs", "ext2", "vfat"... */
    String name();

    /** FS_REQUIRES_DEV: the filesystem lives on a block device named by the mount source. */
    default boolean requiresDevice() {
        return false;
    }

    /**
     * {@code ->mount()}: build (or find) the superblock for {@code source}. {@code sbFlags} holds
     * the generic flags that apply to the superblock (read-only...).
     */
    SuperBlock mount(Kernel kernel, String source, int sbFlags, MountOptions options);

    /** {@code ->kill_sb()}: the last mount is gone; release the superblock. */
    default void killSuper(SuperBlock sb) {
        sb.genericShutdown();
    }
}
