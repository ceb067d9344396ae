package org.vfscope.fs.ext;

import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vfscope.block.BlockDevice;
import org.vfscope.mm.BufferCache;
import org.vfscope.mm.WritebackControl;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.MountFlags;
import org.vfscope.vfs.MountOptions;
import org.vfscope.vfs.StatFs;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.SuperOperations;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.icache.InodeCache;
import org.vfscope.vfs.icache.InodeState;

/**
 * ext2/3/4's super_operations and fill_super (fs/ext4/super.c): reading and checking the
 * superblock, the mount-time sweep of the group descriptors, turning on-disk inodes into VFS
 * inodes with the right operation tables ({@link #iget}), statfs and show_options. Read-only in
 * this build: every superblock is SB_RDONLY and every write entry point is EROFS.
 */
public final class ExtSuper implements SuperOperations {
    private static final Logger LOG = LoggerFactory.getLogger(ExtSuper.class);
    public static final long EXT_SUPER_MAGIC = 0xEF53L;
    public static final long ROOT_INO = 2;
    static final String READ_ONLY_WHY = "ext driver is read-only in this build";

    private final ExtFs fs;
    private final ExtMountOptions options;
    private final ExtGroupSweep sweep;
    private final ExtDirOps dirOps = new ExtDirOps(this);
    private final ExtFileOps fileOps = new ExtFileOps(this);
    private final ExtSymlinkOps symlinkOps = new ExtSymlinkOps(this);
    private final ExtSpecialOps specialOps = new ExtSpecialOps();

    private ExtSuper(ExtFs fs, ExtMountOptions options, ExtGroupSweep sweep) {
        this.fs = fs;
        this.options = options;
        this.sweep = sweep;
    }

    /** The driver's shared state: superblock values, tables, problems, counters. */
    public ExtFs fs() {
        return fs;
    }

    public ExtSuperBlockInfo info() {
        return fs.info();
    }

    /** Everything found wrong so far on this filesystem. */
    public List<ExtProblem> problems() {
        return fs.problems().list();
    }

    public ExtStats stats() {
        return fs.stats();
    }

    public ExtMountOptions options() {
        return options;
    }

    /** The ext driver behind {@code sb}, or null when it is not an ext filesystem. */
    public static ExtSuper of(SuperBlock sb) {
        return sb.ops() instanceof ExtSuper s ? s : null;
    }

    /** The EROFS every write gets, saying why. */
    static VfsException readOnly(String what) {
        return new VfsException(Errno.EROFS, what, READ_ONLY_WHY);
    }

    // ---- fill_super ------------------------------------------------------------------------

    /** ext4_fill_super for the {@code personality} ("ext2", "ext3", "ext4") the mount asked for. */
    static SuperBlock mount(ExtFileSystemType type, Kernel kernel, String source, int sbFlags, MountOptions opts) {
        ExtMountOptions options = ExtMountOptions.parse(opts);
        opts.rejectUnknown(type.name());
        BlockDevice device = kernel.blockDevice(source);
        BufferCache cache = kernel.openBlockDevice(device, ExtSuperBlockInfo.SIZE);
        SuperBlock sb = null;
        try {
            ExtSuperBlockInfo info = ExtSuperBlockInfo.parse(cache.bread(1).copy());
            checkFeatures(type.name(), info);
            info.validate();
            cache.setBlockSize(info.blockSize());
            ExtFs fs = new ExtFs(info, cache, source);
            checkSuperblock(fs, device);
            ExtGroupSweep sweep = new ExtGroupSweep();
            sweep.run(fs);
            if ((sbFlags & MountFlags.RDONLY) == 0) {
                LOG.warn("{}: {}; mounting read-only", source, READ_ONLY_WHY);
            }
            ExtSuper ops = new ExtSuper(fs, options, sweep);
            sb = new SuperBlock(kernel, type, ops, source, sbFlags | MountFlags.RDONLY);
            sb.setMagic(EXT_SUPER_MAGIC);
            sb.setBlockSize(info.blockSize());
            sb.setMaxBytes(maxBytes(info));
            sb.setTimeGranularityNanos(info.inodeSize() > ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE ? 1 : 1_000_000_000L);
            if (options.userXattr()) {
                sb.xattrHandlers().add(new ExtXattrHandler(ops, "user."));
            }
            sb.xattrHandlers().add(new ExtXattrHandler(ops, "trusted."));
            sb.xattrHandlers().add(new ExtXattrHandler(ops, "security."));
            if (options.acl()) {
                sb.xattrHandlers().add(new ExtXattrHandler(ops, "system."));
            }
            Inode root = ops.iget(sb, ROOT_INO);
            if (!root.isDir()) {
                kernel.icache().iput(root);
                throw new VfsException(Errno.EUCLEAN, "inode 2", "root inode is not a directory");
            }
            sb.setRoot(kernel.dcache().makeRoot(sb, root));
            return sb;
        } catch (RuntimeException e) {
            if (sb != null) {
                kernel.icache().evictAll(sb);
            }
            kernel.closeBlockDevice(cache);
            if (e instanceof VfsException) {
                throw e;
            }
            LOG.error("{}: mount failed unexpectedly", source, e);
            throw new VfsException(Errno.EIO, source, "mount failed: " + e);
        }
    }

    /** ext4_feature_set_ok and the ext2/ext3 personality checks of ext4_fill_super. */
    private static void checkFeatures(String personality, ExtSuperBlockInfo info) {
        if (info.hasIncompat(ExtFeatures.INCOMPAT_JOURNAL_DEV)) {
            throw new VfsException(Errno.EINVAL, "superblock", "an external journal device, not a filesystem");
        }
        int unknown = info.incompat() & ~ExtFeatures.INCOMPAT_SUPPORTED;
        if (unknown != 0) {
            throw new VfsException(Errno.EINVAL, "superblock", "unsupported incompat features "
                    + ExtFeatures.names(0, unknown, 0));
        }
        if (personality.equals("ext2") && (info.incompat() & ~ExtFeatures.EXT2_INCOMPAT) != 0) {
            throw new VfsException(Errno.EINVAL, "superblock", "couldn't mount as ext2 due to feature incompatibilities");
        }
        if (personality.equals("ext3") && ((info.incompat() & ~ExtFeatures.EXT3_INCOMPAT) != 0
                || !info.hasCompat(ExtFeatures.COMPAT_HAS_JOURNAL))) {
            throw new VfsException(Errno.EINVAL, "superblock", "couldn't mount as ext3 due to feature incompatibilities");
        }
    }

    /** What is wrong but does not stop a read-only mount: recorded as problems. */
    private static void checkSuperblock(ExtFs fs, BlockDevice device) {
        ExtSuperBlockInfo info = fs.info();
        if (info.hasMetadataCsum()) {
            int want = ExtChecksums.superblock(info.raw());
            if (want != (int) info.checksum()) {
                fs.problems().report(ExtProblem.Code.SUPERBLOCK_CHECKSUM, 0, -1, String.format(
                        "superblock checksum 0x%08x, computed 0x%08x", info.checksum(), want));
            }
        }
        long deviceBlocks = device.size() / info.blockSize();
        if (info.blocksCount() > deviceBlocks) {
            fs.problems().report(ExtProblem.Code.SUPERBLOCK_GEOMETRY, 0, -1, "block count " + info.blocksCount()
                    + " exceeds the device's " + deviceBlocks + " blocks (truncated image?)");
        }
        if (info.hasIncompat(ExtFeatures.INCOMPAT_RECOVER)) {
            fs.problems().report(ExtProblem.Code.NEEDS_RECOVERY, 0, -1,
                    "journal needs recovery; reading without replaying it (recent changes may be missing)");
        }
        int knownRo = ExtFeatures.RO_COMPAT_SPARSE_SUPER | ExtFeatures.RO_COMPAT_LARGE_FILE
                | ExtFeatures.RO_COMPAT_BTREE_DIR | ExtFeatures.RO_COMPAT_HUGE_FILE | ExtFeatures.RO_COMPAT_GDT_CSUM
                | ExtFeatures.RO_COMPAT_DIR_NLINK | ExtFeatures.RO_COMPAT_EXTRA_ISIZE | ExtFeatures.RO_COMPAT_QUOTA
                | ExtFeatures.RO_COMPAT_BIGALLOC | ExtFeatures.RO_COMPAT_METADATA_CSUM
                | ExtFeatures.RO_COMPAT_READONLY | ExtFeatures.RO_COMPAT_PROJECT
                | ExtFeatures.RO_COMPAT_ORPHAN_PRESENT;
        int unknownRo = info.roCompat() & ~knownRo;
        if (unknownRo != 0) {
            fs.problems().report(ExtProblem.Code.UNKNOWN_RO_COMPAT, 0, -1, "ro_compat features not understood: "
                    + ExtFeatures.names(0, 0, unknownRo));
        }
    }

    /** s_maxbytes: what the block map can address (and i_blocks count without huge_file). */
    private static long maxBytes(ExtSuperBlockInfo info) {
        long bs = info.blockSize();
        if (info.hasIncompat(ExtFeatures.INCOMPAT_EXTENTS)) {
            return (1L << 32) * bs - 1;
        }
        long per = bs / 4;
        long blocks = IndirectMap.NDIR + per + per * per + per * per * per;
        long max = blocks * bs;
        if (!info.hasRoCompat(ExtFeatures.RO_COMPAT_HUGE_FILE)) {
            max = Math.min(max, ((1L << 32) - 1) * 512);
        }
        return max;
    }

    // ---- inodes ----------------------------------------------------------------------------

    @Override
    public Inode allocInode(SuperBlock sb, long ino) {
        return new ExtInode(sb, ino);
    }

    /** ext4_iget: the cached inode, or read from the inode table and set up. */
    public ExtInode iget(SuperBlock sb, long ino) {
        InodeCache icache = sb.kernel().icache();
        Inode inode = icache.iget(sb, ino);
        if (!inode.hasState(InodeState.I_NEW)) {
            return (ExtInode) inode;
        }
        try {
            ExtInodeRaw raw = guard(ino, () -> fs.inodes().read(ino));
            fs.stats().inodesRead.incrementAndGet();
            guard(ino, () -> {
                fill((ExtInode) inode, raw);
                return null;
            });
        } catch (RuntimeException e) {
            icache.igetFailed(inode);
            throw e;
        }
        icache.unlockNew(inode);
        return (ExtInode) inode;
    }

    private void fill(ExtInode inode, ExtInodeRaw raw) {
        ExtSuperBlockInfo info = fs.info();
        if (raw.linksCount() == 0) {
            throw badInode(raw, "deleted inode referenced (no links)");
        }
        if (!raw.knownType()) {
            throw badInode(raw, String.format("unknown file type in mode 0%o", raw.mode()));
        }
        long size = raw.fileSize();
        if (size < 0) {
            throw badInode(raw, "negative i_size " + size);
        }
        boolean inline = raw.hasFlag(ExtInodeRaw.FL_INLINE_DATA);
        if (inline && !info.hasIncompat(ExtFeatures.INCOMPAT_INLINE_DATA)) {
            throw badInode(raw, "inline data flag without the inline_data feature");
        }
        if (inline && raw.hasFlag(ExtInodeRaw.FL_EXTENTS)) {
            throw badInode(raw, "both inline data and extents flags set");
        }
        int mode = raw.mode();
        inode.setMode(mode);
        inode.setUid(raw.uid());
        inode.setGid(raw.gid());
        inode.setNlink(raw.linksCount());
        inode.setSize(size);
        inode.setAtime(raw.atime());
        inode.setMtime(raw.mtime());
        inode.setCtime(raw.ctime());
        boolean huge = info.hasRoCompat(ExtFeatures.RO_COMPAT_HUGE_FILE);
        long blocks = raw.blocksRaw(huge);
        if (huge && raw.hasFlag(ExtInodeRaw.FL_HUGE_FILE)) {
            blocks *= info.blockSize() / 512;
        }
        inode.setBlocks(blocks);
        BlockMap map = inline ? null : fs.blockMap(raw);
        switch (mode & FileMode.S_IFMT) {
            case FileMode.S_IFDIR -> inode.setOperations(dirOps, dirOps);
            case FileMode.S_IFREG -> {
                inode.setOperations(fileOps, fileOps);
                inode.mapping().setAops(fileOps);
            }
            case FileMode.S_IFLNK -> inode.setOperations(symlinkOps, specialOps);
            case FileMode.S_IFCHR, FileMode.S_IFBLK -> {
                inode.setRdev(raw.rdev());
                inode.setOperations(specialOps, specialOps);
                map = null;
            }
            default -> {
                inode.setOperations(specialOps, specialOps);
                map = null;
            }
        }
        inode.init(raw, map);
    }

    private VfsException badInode(ExtInodeRaw raw, String what) {
        fs.problems().report(ExtProblem.Code.INODE_BAD, raw.ino(), -1, what);
        return new VfsException(Errno.EUCLEAN, "inode " + raw.ino(), what);
    }

    /**
     * Runs driver code for {@code ino} so that only VfsExceptions leave it: anything else is a
     * bug met on hostile data, logged with its stack, recorded, and turned into EIO.
     */
    <T> T guard(long ino, Supplier<T> body) {
        try {
            return body.get();
        } catch (VfsException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("ext: unexpected failure on inode {}", ino, e);
            fs.problems().report(ExtProblem.Code.INTERNAL, ino, -1, e.toString());
            throw new VfsException(Errno.EIO, "inode " + ino, "internal error: " + e);
        }
    }

    // ---- super_operations ------------------------------------------------------------------

    /** Nothing is ever dirty: the superblock is read-only. */
    @Override
    public void writeInode(Inode inode, WritebackControl wbc) {
    }

    @Override
    public void putSuper(SuperBlock sb) {
        sb.kernel().closeBlockDevice(fs.cache());
    }

    /** ext4_statfs: blocks minus overhead, free counts summed from the descriptors. */
    @Override
    public StatFs statfs(Dentry dentry) {
        ExtSuperBlockInfo info = fs.info();
        long blocks = Math.max(0, info.blocksCount() - sweep.overhead);
        long bfree = Math.max(0, sweep.freeBlocks);
        long resv = 0;
        if (info.hasIncompat(ExtFeatures.INCOMPAT_EXTENTS)) {
            resv = Math.min(info.blocksCount() / info.clusterRatio() / 50, 4096) * info.clusterRatio();
        }
        long bavail = Math.max(0, bfree - info.reservedBlocksCount() - resv);
        byte[] u = info.uuid();
        long fsid = Le.u64(u, 0) ^ Le.u64(u, 8);
        return new StatFs(EXT_SUPER_MAGIC, info.blockSize(), blocks, bfree, bavail, info.inodesCount(),
                Math.max(0, sweep.freeInodes), fsid, 255, info.blockSize(), MountFlags.RDONLY);
    }

    @Override
    public void remountFs(SuperBlock sb, int sbFlags, MountOptions opts) {
        ExtMountOptions.parse(opts);
        opts.rejectUnknown(sb.type().name());
        if ((sbFlags & MountFlags.RDONLY) == 0) {
            throw readOnly(sb.id());
        }
    }

    @Override
    public void showOptions(SuperBlock sb, StringBuilder out) {
        options.show(fs.info(), out);
    }
}
