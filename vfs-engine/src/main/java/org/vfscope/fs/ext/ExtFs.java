package org.vfscope.fs.ext;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vfscope.mm.BufferCache;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * One mounted ext filesystem's shared state below the VFS (the kernel's ext4_sb_info): the
 * superblock values, the buffer cache of its device, the group and inode tables, checksums,
 * the metadata zone, the problem list and counters. Everything the driver classes share goes
 * through here; the write side adds its allocators beside these.
 */
public final class ExtFs {
    /** How many metadata blocks are remembered as already checksummed. */
    private static final int CHECKED_BLOCKS = 4096;

    private final ExtSuperBlockInfo info;
    private final BufferCache cache;
    private final ExtChecksums csum;
    private final ExtProblems problems;
    private final ExtGroupTable groups;
    private final ExtInodeTable inodes;
    private final ExtStats stats = new ExtStats();
    private volatile SystemZone systemZone = SystemZone.empty();
    private final Map<Long, Boolean> checkedBlocks = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > CHECKED_BLOCKS;
        }
    };

    // ---- the write side (ext2_sb_info's counters and allocators) ----
    /** s_lock around bitmaps, descriptors and the counters below. */
    private final Object allocLock = new Object();
    private long freeBlocks;
    private long freeInodes;
    private long dirs;
    /** Feature bits the write side turned on (large_file, ext_attr), written at the next commit. */
    private int addedCompat;
    private int addedRoCompat;
    private final ExtBlockAllocator blockAllocator = new ExtBlockAllocator(this);
    private final ExtInodeAllocator inodeAllocator = new ExtInodeAllocator(this);
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    ExtFs(ExtSuperBlockInfo info, BufferCache cache, String id) {
        this.info = info;
        this.cache = cache;
        this.problems = new ExtProblems(id);
        this.csum = new ExtChecksums(info);
        this.groups = new ExtGroupTable(info, cache, csum, problems);
        this.inodes = new ExtInodeTable(info, cache, groups, csum, problems);
        this.generation.set(java.util.Arrays.hashCode(info.uuid()) & 0xffffffffL);
    }

    Object allocLock() {
        return allocLock;
    }

    /** The free counts the allocators keep (the kernel's percpu counters), set from the descriptors at mount. */
    void initCounters(long freeBlocks, long freeInodes, long dirs) {
        synchronized (allocLock) {
            this.freeBlocks = freeBlocks;
            this.freeInodes = freeInodes;
            this.dirs = dirs;
        }
    }

    long freeBlocks() {
        synchronized (allocLock) {
            return freeBlocks;
        }
    }

    long freeInodes() {
        synchronized (allocLock) {
            return freeInodes;
        }
    }

    long dirs() {
        synchronized (allocLock) {
            return dirs;
        }
    }

    /** Called by the allocators with {@link #allocLock()} held. */
    void countBlocks(long delta) {
        freeBlocks += delta;
    }

    void countInodes(long delta, long dirDelta) {
        freeInodes += delta;
        dirs += dirDelta;
    }

    ExtBlockAllocator blockAllocator() {
        return blockAllocator;
    }

    ExtInodeAllocator inodeAllocator() {
        return inodeAllocator;
    }

    /** i_generation for a new inode. */
    long nextGeneration() {
        return generation.incrementAndGet() & 0xffffffffL;
    }

    /** Turns on a feature the superblock must advertise from now on (EXT2_SET_*_FEATURE). */
    void addFeature(int compat, int roCompat) {
        synchronized (allocLock) {
            addedCompat |= compat & ~info.compat();
            addedRoCompat |= roCompat & ~info.roCompat();
        }
    }

    boolean hasFeatureNow(int compat, int roCompat) {
        synchronized (allocLock) {
            return ((info.compat() | addedCompat) & compat) == compat
                    && ((info.roCompat() | addedRoCompat) & roCompat) == roCompat;
        }
    }

    /** Changes block {@code block} under its buffer lock and marks it dirty (the metadata write path). */
    void editBlock(long block, java.util.function.Consumer<byte[]> edit) {
        BufferEdit.edit(cache, block, edit);
    }

    /** Changes a bitmap block as {@link #editBlock} does, then keeps its checksum in the group descriptor. */
    void editBitmap(long group, long block, boolean inodeBitmap, java.util.function.Consumer<byte[]> edit) {
        editBitmap(group, block, inodeBitmap, edit, null);
    }

    /**
     * Changes a bitmap block and then its group's descriptor ({@code descEdit}, may be null) in one
     * descriptor update that also carries the bitmap's new checksum: one descriptor checksum per
     * allocation, and the bitmap is summed in place under its buffer lock, never copied.
     */
    void editBitmap(long group, long block, boolean inodeBitmap, java.util.function.Consumer<byte[]> edit,
            java.util.function.Consumer<byte[]> descEdit) {
        boolean summed = groups.bitmapsSummed();
        int[] sum = {0};
        editBlock(block, b -> {
            edit.accept(b);
            if (summed) {
                sum[0] = groups.bitmapCsum(b, inodeBitmap);
            }
        });
        if (!summed && descEdit == null) {
            return;
        }
        groups.modify(group, d -> {
            if (descEdit != null) {
                descEdit.accept(d);
            }
            if (summed) {
                ExtGroupTable.putBitmapCsum(d, sum[0], inodeBitmap);
            }
        });
    }

    /**
     * ext2_sync_super: the free counts and the features turned on go into the primary
     * superblock's buffer; new features also into every backup, so the copies keep agreeing
     * on what the filesystem is.
     */
    void commitSuper() {
        long fb;
        long fi;
        int compat;
        int ro;
        synchronized (allocLock) {
            fb = freeBlocks;
            fi = freeInodes;
            compat = addedCompat;
            ro = addedRoCompat;
        }
        int bs = info.blockSize();
        long sbBlock = ExtSuperBlockInfo.OFFSET / bs;
        int sbOff = ExtSuperBlockInfo.OFFSET % bs;
        boolean features = (compat | ro) != 0;
        editBlock(sbBlock, b -> {
            Le.put32(b, sbOff + 0xC, fb);
            if (info.has64bit()) {
                Le.put32(b, sbOff + 0x158, fb >>> 32);
            }
            Le.put32(b, sbOff + 0x10, fi);
            if (features) {
                setFeatures(b, sbOff, compat, ro);
            }
            sealSuper(b, sbOff);
        });
        if (features) {
            for (long g = 1; g < info.groupCount(); g++) {
                if (info.groupHasSuper(g)) {
                    editBlock(info.groupFirstBlock(g), b -> {
                        setFeatures(b, 0, compat, ro);
                        sealSuper(b, 0);
                    });
                }
            }
        }
    }

    /** ext4_superblock_csum_set, when the superblock at {@code off} of {@code b} has metadata_csum. */
    private static void sealSuper(byte[] b, int off) {
        if ((Le.u32(b, off + 0x64) & ExtFeatures.RO_COMPAT_METADATA_CSUM) != 0) {
            byte[] sb = Le.slice(b, off, ExtSuperBlockInfo.SIZE);
            Le.put32(b, off + ExtSuperBlockInfo.CHECKSUM_OFFSET, ExtChecksums.superblock(sb));
        }
    }

    /** Feature bits on, after ext2_update_dynamic_rev: a revision 0 superblock has no feature fields. */
    private void setFeatures(byte[] b, int off, int compat, int ro) {
        if (Le.u32(b, off + 0x4C) == ExtSuperBlockInfo.GOOD_OLD_REV) {
            Le.put32(b, off + 0x4C, 1);
            Le.put32(b, off + 0x54, ExtSuperBlockInfo.GOOD_OLD_FIRST_INO);
            Le.put16(b, off + 0x58, ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE);
        }
        Le.put32(b, off + 0x5C, Le.u32(b, off + 0x5C) | compat);
        Le.put32(b, off + 0x64, Le.u32(b, off + 0x64) | ro);
    }

    /** Whether [start, start + count) touches the metadata zone (never handed out, never freed). */
    boolean inSystemZone(long start, long count) {
        return systemZone.overlaps(start, count);
    }

    /**
     * Writes file data straight to the device (the page cache is its cache) and keeps any copy
     * of those blocks in the buffer cache equal to it, so a metadata buffer left over from the
     * block's previous life cannot be written back over the data (clean_bdev_aliases).
     */
    void writeData(long block, byte[] src, int off, int blocks) {
        int bs = info.blockSize();
        cache.device().write(block * bs, java.nio.ByteBuffer.wrap(src, off, blocks * bs));
        cleanAliases(block, src, off, blocks);
    }

    /** {@link #writeData(long, byte[], int, int)} for every segment of {@code bio} (whole blocks). */
    void writeData(org.vfscope.mm.Bio bio) {
        bio.submitWrite(cache.device());
        int bs = info.blockSize();
        for (org.vfscope.mm.Bio.Segment s : bio.segments()) {
            cleanAliases(s.deviceOffset() / bs, s.buf(), s.off(), s.len() / bs);
        }
    }

    /** clean_bdev_aliases: cached copies of the blocks just written take their new contents. */
    private void cleanAliases(long block, byte[] src, int off, int blocks) {
        int bs = info.blockSize();
        var mapping = cache.inode().mapping();
        for (int i = 0; i < blocks; i++) {
            long byteOff = (block + i) * bs;
            org.vfscope.mm.Folio f = mapping.find(byteOff >> org.vfscope.mm.Folio.PAGE_SHIFT);
            if (f != null) {
                int at = (int) (byteOff & (org.vfscope.mm.Folio.PAGE_SIZE - 1));
                int from = off + i * bs;
                f.lock();
                try {
                    System.arraycopy(src, from, f.data(), at, bs);
                } finally {
                    f.unlock();
                }
            }
        }
    }

    public ExtSuperBlockInfo info() {
        return info;
    }

    public BufferCache cache() {
        return cache;
    }

    public ExtChecksums csum() {
        return csum;
    }

    public ExtProblems problems() {
        return problems;
    }

    public ExtGroupTable groups() {
        return groups;
    }

    public ExtInodeTable inodes() {
        return inodes;
    }

    public ExtStats stats() {
        return stats;
    }

    void setSystemZone(SystemZone zone) {
        this.systemZone = zone;
    }

    /** A copy of block {@code block} from the buffer cache (sb_bread + memcpy). */
    byte[] blockBytes(long block) {
        return cache.bread(block).copy();
    }

    /**
     * Block {@code block} to look at, not to change nor keep: the buffer's own bytes when the
     * block fills its folio (no copy on the allocation and block-map paths, which read one word
     * or scan one bitmap per call), else a copy.
     */
    byte[] blockView(long block) {
        return cache.bread(block).bytesOrCopy();
    }

    /**
     * ext4_inode_block_valid: [start, start + count) must lie inside the filesystem and outside
     * the metadata zone; otherwise the pointer is corrupt (EUCLEAN, recorded as a problem).
     */
    void checkBlocks(long ino, long start, long count, String what) {
        long end = start + count;
        String why = null;
        if (start < info.firstDataBlock() || count <= 0 || end > info.blocksCount() || end < start) {
            why = what + " " + start + (count > 1 ? "+" + count : "") + " outside the filesystem ("
                    + info.blocksCount() + " blocks)";
        } else if (systemZone.overlaps(start, count)) {
            why = what + " " + start + (count > 1 ? "+" + count : "") + " overlaps filesystem metadata";
        }
        if (why != null) {
            problems.report(ExtProblem.Code.BLOCK_POINTER_BAD, ino, start, why);
            throw new VfsException(Errno.EUCLEAN, "inode " + ino, why);
        }
    }

    /** True the first time a block is seen (recently), so a checksum is verified once, not per read. */
    boolean firstCheck(long block) {
        synchronized (checkedBlocks) {
            return checkedBlocks.put(block, Boolean.TRUE) == null;
        }
    }

    /** The block map the inode's flags call for. */
    BlockMap blockMap(ExtInodeRaw raw) {
        return raw.hasFlag(ExtInodeRaw.FL_EXTENTS) ? new ExtentMap(this, raw) : new IndirectMap(this, raw);
    }
}
