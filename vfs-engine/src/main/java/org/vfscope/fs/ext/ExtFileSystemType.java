package org.vfscope.fs.ext;

import java.util.concurrent.atomic.AtomicBoolean;
import org.vfscope.fs.FsProbe;
import org.vfscope.fs.Mkfs;
import org.vfscope.vfs.FileSystemType;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.MountOptions;
import org.vfscope.vfs.SuperBlock;

/**
 * The "ext2", "ext3" and "ext4" filesystem types: one driver behind three names, as fs/ext4
 * serves all three; the name only decides which feature sets the mount accepts. The features
 * in the superblock decide how the image is read.
 */
public final class ExtFileSystemType implements FileSystemType {
    public static final String EXT2 = "ext2";
    public static final String EXT3 = "ext3";
    public static final String EXT4 = "ext4";
    private static final AtomicBoolean PROBER_REGISTERED = new AtomicBoolean();

    private final String name;

    public ExtFileSystemType(String name) {
        this.name = name;
    }

    /** Registers ext2, ext3 and ext4 with {@code kernel}, and the ext prober and the ext2 and ext4 mkfs (once per JVM). */
    public static void registerAll(Kernel kernel) {
        kernel.filesystems().register(new ExtFileSystemType(EXT2));
        kernel.filesystems().register(new ExtFileSystemType(EXT3));
        kernel.filesystems().register(new ExtFileSystemType(EXT4));
        if (PROBER_REGISTERED.compareAndSet(false, true)) {
            FsProbe.register(ExtProbe::probe);
            Mkfs.register(EXT2, new ExtMkfs());
            Mkfs.register(EXT4, new Ext4Mkfs());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean requiresDevice() {
        return true;
    }

    /**
     * ext2 and ext3 images mount read-write when asked; anything with ext4 features mounts
     * read-only with a warning (writes then get EROFS saying why); an ext3 whose journal needs
     * recovery refuses read-write.
     */
    @Override
    public SuperBlock mount(Kernel kernel, String source, int sbFlags, MountOptions options) {
        return ExtSuper.mount(this, kernel, source, sbFlags, options);
    }
}
