package org.vfscope.fs.ext;

import java.time.Instant;
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
 * ext2/3/4's super_operations and fill_super (fs/ext4/super.c, fs/ext2/super.c): reading and
 * checking the superblock, the mount-time sweep of the group descriptors, turning on-disk inodes
 * into VFS inodes with the right operation tables ({@link #iget}), and the write side: new
 * inodes (extent-mapped on ext4, with crtime), write_inode into the inode table's buffer with
 * its metadata_csum checksum, freeing an inode at its last iput, and the superblock counters at
 * sync. ext3 and ext4 are written around their journal, as e2fsprogs does, and only when it
 * needs no recovery. Features the driver cannot write mount read-only, and writes get EROFS
 * saying why ({@link ExtWritability}).
 */
public final class ExtSuper implements SuperOperations {
    private static final Logger LOG = LoggerFactory.getLogger(ExtSuper.class);
    public static final long EXT_SUPER_MAGIC = 0xEF53L;
    public static final long ROOT_INO = 2;
    /** Bits of i_flags a new inode inherits from its directory (EXT2_FL_INHERITED). */
    private static final int FL_INHERITED = 0x1 | 0x2 | 0x4 | 0x8 | 0x40 | 0x80 | 0x4000 | 0x8000 | 0x10000 | 0x20000;
    /** Of those, the ones that mean nothing on a non-directory (DIRSYNC, TOPDIR). */
    private static final int FL_DIR_ONLY = 0x10000 | 0x20000;

    private final ExtFs fs;
    private final ExtMountOptions options;
    private final ExtGroupSweep sweep;
    private final ExtDirOps dirOps = new ExtDirOps(this);
    private final ExtFileOps fileOps = new ExtFileOps(this);
    private final ExtSymlinkOps symlinkOps = new ExtSymlinkOps(this);
    private final ExtSpecialOps specialOps = new ExtSpecialOps();
    /** Why this filesystem cannot be written, or null (ext2/ext3 without needs_recovery). */
    private final String readOnlyWhy;
    private final BlockMapWriters mapWriter;
    private final ExtDirWriter dirWriter;
    private final ExtNamei namei;
    private final ExtXattrWriter xattrWriter;
    private final InlineDataWriter inlineWriter;
    private volatile SuperBlock sb;

    private ExtSuper(ExtFs fs, ExtMountOptions options, ExtGroupSweep sweep, String readOnlyWhy) {
        this.fs = fs;
        this.options = options;
        this.sweep = sweep;
        this.readOnlyWhy = readOnlyWhy;
        this.mapWriter = new BlockMapWriters(fs);
        this.dirWriter = new ExtDirWriter(fs, mapWriter);
        this.namei = new ExtNamei(this, dirWriter, mapWriter);
        this.xattrWriter = new ExtXattrWriter(this);
        this.inlineWriter = new InlineDataWriter(this);
    }

    Kernel kernel() {
        return sb.kernel();
    }

    /** Mounted as "ext4" (the ext4 driver's limits and dir_nlink apply), not "ext2"/"ext3". */
    boolean ext4Personality() {
        return sb != null && sb.type().name().equals(ExtFileSystemType.EXT4);
    }

    /** Whether this driver can write the filesystem (whether or not it is mounted read-write). */
    boolean canWrite() {
        return readOnlyWhy == null;
    }

    BlockMapWriters mapWriter() {
        return mapWriter;
    }

    ExtNamei namei() {
        return namei;
    }

    ExtXattrWriter xattrWriter() {
        return xattrWriter;
    }

    InlineDataWriter inlineData() {
        return inlineWriter;
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

    /** The EROFS a write to a filesystem this driver cannot write gets, saying why. */
    VfsException readOnly(String what) {
        return new VfsException(Errno.EROFS, what, readOnlyWhy == null ? "mounted read-only" : readOnlyWhy);
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
            String why = ExtWritability.whyReadOnly(info);
            int flags = sbFlags;
            if ((sbFlags & MountFlags.RDONLY) == 0) {
                ExtWritability.refuseUnrecovered(info, source);
                if (why == null && device.isReadOnly()) {
                    why = "the device is write-protected";
                }
                if (why != null) {
                    LOG.warn("{}: {}; mounting read-only", source, why);
                    flags |= MountFlags.RDONLY;
                }
            }
            ExtSuper ops = new ExtSuper(fs, options, sweep, why);
            if (why == null) {
                ops.startWriting();
            }
            sb = new SuperBlock(kernel, type, ops, source, flags);
            ops.sb = sb;
            if ((sbFlags & MountFlags.RDONLY) == 0 && why != null) {
                sb.setReadOnlyReason(why);
            }
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
            if ((flags & MountFlags.RDONLY) == 0) {
                ExtOrphans.cleanup(ops, sb);
            }
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
        return iget(sb, ino, false);
    }

    /** ext4_orphan_get: like {@link #iget}, but an inode without links is what is asked for. */
    ExtInode igetOrphan(SuperBlock sb, long ino) {
        return iget(sb, ino, true);
    }

    private ExtInode iget(SuperBlock sb, long ino, boolean orphan) {
        InodeCache icache = sb.kernel().icache();
        Inode inode = icache.iget(sb, ino);
        if (!inode.hasState(InodeState.I_NEW)) {
            return (ExtInode) inode;
        }
        try {
            ExtInodeRaw raw = guard(ino, () -> fs.inodes().read(ino));
            fs.stats().inodesRead.incrementAndGet();
            guard(ino, () -> {
                fill((ExtInode) inode, raw, orphan);
                return null;
            });
        } catch (RuntimeException e) {
            icache.igetFailed(inode);
            throw e;
        }
        icache.unlockNew(inode);
        return (ExtInode) inode;
    }

    private void fill(ExtInode inode, ExtInodeRaw raw, boolean orphan) {
        ExtSuperBlockInfo info = fs.info();
        if (raw.linksCount() == 0 && !orphan) {
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
        if (canWrite()) {
            inode.setWritable(map == null ? null : liveMap(inode));
        }
    }

    /** The block map over the inode's live i_block, as its flags call for. */
    private BlockMap liveMap(ExtInode inode) {
        return (inode.flags() & ExtInodeRaw.FL_EXTENTS) != 0 ? new ExtentMap(fs, inode) : new IndirectMap(fs, inode.ino(), inode.iBlock);
    }

    /**
     * ext4_new_inode: with the extent feature, directories, regular files and symlinks start as
     * an empty extent tree (a fast symlink drops the flag again when it stores its target).
     */
    BlockMap newMap(ExtInode inode) {
        if (fs.info().hasIncompat(ExtFeatures.INCOMPAT_EXTENTS)) {
            inode.setFlags(inode.flags() | ExtInodeRaw.FL_EXTENTS);
            ExtentMapWriter.initRoot(inode);
        }
        return liveMap(inode);
    }

    /** The counters the allocators keep, summed from the descriptors (ext2_count_free_blocks/inodes, dirs). */
    private void startWriting() {
        ExtSuperBlockInfo info = fs.info();
        long dirs = 0;
        long freeBlocks = 0;
        long freeInodes = 0;
        for (long g = 0; g < info.groupCount(); g++) {
            ExtGroupDesc gd = fs.groups().get(g);
            dirs += gd.usedDirs();
            freeBlocks += gd.freeBlocks();
            freeInodes += gd.freeInodes();
        }
        fs.initCounters(freeBlocks, freeInodes, dirs);
    }

    // ---- the write side: new inodes, write_inode, evict ---------------------------------------

    /**
     * ext2_new_inode: a free inode near {@code dir}, zeroed, owned as inode_init_owner says,
     * flags inherited, timestamps now; hashed and I_NEW. The caller adds its directory entry and
     * then calls unlockNew, or {@link #discardNew} when that fails.
     */
    ExtInode newInode(ExtInode dir, int mode, long rdev) {
        if (!canWrite()) {
            throw readOnly("inode " + dir.ino());
        }
        SuperBlock s = dir.sb();
        boolean isDir = FileMode.isDir(mode);
        long ino = fs.inodeAllocator().newInode(dir, isDir);
        ExtInode inode;
        try {
            inode = (ExtInode) s.kernel().icache().insertNew(s, ino);
        } catch (RuntimeException e) {
            fs.inodeAllocator().freeInode(ino, isDir);
            throw e;
        }
        ExtSuperBlockInfo info = fs.info();
        byte[] bytes = ExtInodeCodec.fresh(info.inodeSize(), info.wantExtraIsize());
        ExtInodeCodec.crtime(bytes, inode.currentTime());
        inode.init(new ExtInodeRaw(ino, bytes), null);
        inode.initOwner(dir, mode);
        int flags = dir.flags() & FL_INHERITED;
        inode.setFlags(isDir ? flags : flags & ~FL_DIR_ONLY);
        inode.setGeneration(fs.nextGeneration());
        Instant now = inode.currentTime();
        inode.setAtime(now);
        inode.setMtime(now);
        inode.setCtime(now);
        inode.setNlink(1);
        inode.setSize(0);
        inode.setBlocks(0);
        switch (mode & FileMode.S_IFMT) {
            case FileMode.S_IFDIR -> {
                inode.setOperations(dirOps, dirOps);
                inode.setWritable(newMap(inode));
            }
            case FileMode.S_IFREG -> {
                inode.setOperations(fileOps, fileOps);
                inode.mapping().setAops(fileOps);
                inode.setWritable(newMap(inode));
            }
            case FileMode.S_IFLNK -> {
                inode.setOperations(symlinkOps, specialOps);
                inode.setWritable(newMap(inode));
            }
            case FileMode.S_IFCHR, FileMode.S_IFBLK -> {
                inode.setOperations(specialOps, specialOps);
                inode.setRdev(rdev);
                encodeDevice(inode, rdev);
                inode.setWritable(null);
            }
            default -> {
                inode.setOperations(specialOps, specialOps);
                inode.setWritable(null);
            }
        }
        inode.markDirty(InodeState.I_DIRTY_SYNC);
        return inode;
    }

    /** ext2's device number in i_block: old 8:8 in word 0 when it fits, else new_encode_dev in word 1. */
    private static void encodeDevice(ExtInode inode, long rdev) {
        long major = ExtInodeRaw.major(rdev);
        long minor = ExtInodeRaw.minor(rdev);
        if (major < 256 && minor < 256) {
            inode.iBlock[0] = (major << 8) | minor;
            inode.iBlock[1] = 0;
        } else {
            inode.iBlock[0] = 0;
            inode.iBlock[1] = (minor & 0xff) | (major << 8) | ((minor & ~0xffL) << 12);
        }
    }

    /** A new inode whose directory entry could not be made: unlinked, and freed by its last iput. */
    void discardNew(ExtInode inode) {
        inode.setNlink(0);
        InodeCache icache = inode.sb().kernel().icache();
        icache.unlockNew(inode);
        icache.iput(inode);
    }

    /** Whether the inode's i_block holds block pointers (not inline data, a fast symlink's text or a device number). */
    private boolean hasBlockPointers(ExtInode inode) {
        if (inode.hasInlineData()) {
            return false;
        }
        if (inode.isSymlink()) {
            long ea = inode.fileAcl() != 0 ? fs.info().blockSize() / 512 : 0;
            return inode.blocks() - ea > 0;
        }
        return inode.isRegular() || inode.isDir();
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

    /**
     * ext2_write_inode: the in-memory inode serialised into its slot of the inode table, in the
     * table block's buffer (written back with the other metadata at sync).
     */
    @Override
    public void writeInode(Inode inode, WritebackControl wbc) {
        if (!(inode instanceof ExtInode ei) || !ei.writable() || inode.sb().isReadOnly()) {
            return;
        }
        guard(ei.ino(), () -> {
            writeInodeNow(ei);
            return null;
        });
    }

    private void writeInodeNow(ExtInode ei) {
        byte[] bytes;
        synchronized (ei.truncateMutex()) {
            bytes = ExtInodeCodec.encode(ei); // i_block consistent with the indirect blocks it points to
        }
        if (ei.isRegular() && ei.size() > Integer.MAX_VALUE) {
            fs.addFeature(0, ExtFeatures.RO_COMPAT_LARGE_FILE); // as ext2_update_inode does for a file past 2 GiB
        }
        ExtInodeTable.Location loc = fs.inodes().locate(ei.ino());
        fs.editBlock(loc.block(), b -> System.arraycopy(bytes, 0, b, loc.offset(), bytes.length));
    }

    /**
     * ext2_evict_inode: the cached pages go; an inode without links also loses its blocks and
     * xattr block, gets its dtime, is written with zero links and leaves the inode bitmap.
     */
    @Override
    public void evictInode(Inode inode) {
        inode.mapping().truncatePages(0);
        if (!(inode instanceof ExtInode ei) || !ei.writable() || inode.nlink() != 0 || inode.sb().isReadOnly()) {
            return;
        }
        guard(ei.ino(), () -> {
            if (ei.hasInlineData()) {
                inlineWriter.release(ei);
            } else if (hasBlockPointers(ei)) {
                synchronized (ei.truncateMutex()) {
                    mapWriter.truncate(ei, 0);
                }
            }
            xattrWriter.releaseBlock(ei);
            ei.setSize(0);
            ei.setDtime(Math.max(1, ei.currentTime().getEpochSecond()));
            writeInodeNow(ei);
            fs.inodeAllocator().freeInode(ei.ino(), ei.isDir());
            return null;
        });
    }

    /** ext2_sync_fs: the superblock's counters into its buffer, then every dirty metadata block to the device. */
    @Override
    public void syncFs(SuperBlock sb, boolean wait) {
        if (canWrite() && !sb.isReadOnly()) {
            fs.commitSuper();
            fs.cache().sync();
        }
    }

    @Override
    public void putSuper(SuperBlock sb) {
        if (canWrite() && !sb.isReadOnly()) {
            guard(0, () -> {
                fs.commitSuper();
                return null;
            });
        }
        sb.kernel().closeBlockDevice(fs.cache());
    }

    /** ext4_statfs: blocks minus overhead, free counts summed from the descriptors. */
    @Override
    public StatFs statfs(Dentry dentry) {
        ExtSuperBlockInfo info = fs.info();
        long blocks = Math.max(0, info.blocksCount() - sweep.overhead);
        long bfree = Math.max(0, canWrite() ? fs.freeBlocks() : sweep.freeBlocks);
        long resv = 0;
        if (info.hasIncompat(ExtFeatures.INCOMPAT_EXTENTS)) {
            resv = Math.min(info.blocksCount() / info.clusterRatio() / 50, 4096) * info.clusterRatio();
        }
        long bavail = Math.max(0, bfree - info.reservedBlocksCount() - resv);
        byte[] u = info.uuid();
        long fsid = Le.u64(u, 0) ^ Le.u64(u, 8);
        return new StatFs(EXT_SUPER_MAGIC, info.blockSize(), blocks, bfree, bavail, info.inodesCount(),
                Math.max(0, canWrite() ? fs.freeInodes() : sweep.freeInodes), fsid, 255, info.blockSize(),
                dentry.sb().isReadOnly() ? MountFlags.RDONLY : 0);
    }

    /** ext2_remount: read-write only for what this driver can write; going read-only writes everything out first. */
    @Override
    public void remountFs(SuperBlock sb, int sbFlags, MountOptions opts) {
        ExtMountOptions.parse(opts);
        opts.rejectUnknown(sb.type().name());
        boolean wantRw = (sbFlags & MountFlags.RDONLY) == 0;
        if (wantRw && sb.isReadOnly()) {
            if (!canWrite()) {
                throw readOnly(sb.id());
            }
            ExtWritability.refuseUnrecovered(fs.info(), sb.id());
            if (fs.cache().device().isReadOnly()) {
                throw new VfsException(Errno.EROFS, sb.id(), "the device is write-protected");
            }
        } else if (!wantRw && !sb.isReadOnly() && canWrite()) {
            fs.commitSuper();
            fs.cache().sync();
        }
    }

    @Override
    public void showOptions(SuperBlock sb, StringBuilder out) {
        options.show(fs.info(), out);
    }
}
