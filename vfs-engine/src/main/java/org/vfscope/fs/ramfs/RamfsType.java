package org.vfscope.fs.ramfs;

import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.FileSystemType;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.MountOptions;
import org.vfscope.vfs.SuperBlock;

/**
 * ramfs: a filesystem with no device, for exercising the VFS without a disk. Options:
 * {@code mode=} (root directory, default 0755), {@code uid=}, {@code gid=}, {@code size=} (bytes,
 * k/m/g suffixes; default unlimited), {@code nr_inodes=} (default unlimited). Unknown options are
 * EINVAL, as tmpfs answers (Linux's ramfs silently ignores them, which hides typos).
 */
public final class RamfsType implements FileSystemType {
    public static final String NAME = "ramfs";
    /** RAMFS_MAGIC of include/uapi/linux/magic.h. */
    public static final long RAMFS_MAGIC = 0x858458f6L;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SuperBlock mount(Kernel kernel, String source, int sbFlags, MountOptions options) {
        RamfsOptions opts = RamfsOptions.parse(options);
        options.rejectUnknown(NAME);
        RamStore store = new RamStore(opts.sizeBytes(), opts.maxInodes());
        RamfsSuper ops = new RamfsSuper(store, opts);
        SuperBlock sb = new SuperBlock(kernel, this, ops, source, sbFlags);
        ops.fillSuper(sb, FileMode.S_IFDIR | opts.rootMode(), opts.uid(), opts.gid());
        return sb;
    }
}
