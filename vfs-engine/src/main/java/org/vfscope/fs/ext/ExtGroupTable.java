package org.vfscope.fs.ext;

import java.util.BitSet;
import org.vfscope.mm.BufferCache;
import org.vfscope.mm.BufferHead;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * The block group descriptor table: where each descriptor block lives (contiguous after the
 * superblock, or spread over meta_bg groups), reading a descriptor through the buffer cache,
 * checking its checksum once and its block numbers every time they are handed out.
 */
public final class ExtGroupTable {
    /** Beyond this many groups the mount-time sweeps (sums, system zone, bitmaps) are skipped. */
    static final long MAX_SWEPT_GROUPS = 1 << 16;

    private final ExtSuperBlockInfo info;
    private final BufferCache cache;
    private final ExtChecksums csum;
    private final ExtProblems problems;
    /** Groups whose descriptor checksum has been looked at (bounded by the group count). */
    private final BitSet checked = new BitSet();

    ExtGroupTable(ExtSuperBlockInfo info, BufferCache cache, ExtChecksums csum, ExtProblems problems) {
        this.info = info;
        this.cache = cache;
        this.csum = csum;
        this.problems = problems;
    }

    /** descriptor_loc: the block holding descriptor block {@code nr} of the table. */
    public long descriptorBlock(long nr) {
        long first = info.firstDataBlock();
        if (!info.hasIncompat(ExtFeatures.INCOMPAT_META_BG) || nr < info.firstMetaBg()) {
            return first + 1 + nr;
        }
        long group = nr * info.descPerBlock();
        long hasSuper = info.groupHasSuper(group) ? 1 : 0;
        if (info.blockSize() == 1024 && nr == 0 && first == 0) {
            hasSuper++;
        }
        return info.groupFirstBlock(group) + hasSuper;
    }

    /** The descriptor of {@code group}; EUCLEAN if its block numbers cannot be right. */
    public ExtGroupDesc get(long group) {
        ExtGroupDesc gd = read(group);
        validate(gd);
        return gd;
    }

    /** The descriptor as stored, checksum checked but block numbers not (for the inspector). */
    public ExtGroupDesc read(long group) {
        if (group < 0 || group >= info.groupCount()) {
            throw new VfsException(Errno.EUCLEAN, "group " + group, "beyond the " + info.groupCount() + " groups");
        }
        int dpb = info.descPerBlock();
        long block = descriptorBlock(group / dpb);
        int size = info.descSize();
        BufferHead bh = cache.bread(block);
        byte[] d = new byte[size];
        bh.data().get((int) (group % dpb) * size, d);
        ExtGroupDesc gd = ExtGroupDesc.parse(group, d);
        verifyChecksum(gd, block);
        return gd;
    }

    /**
     * Changes {@code group}'s descriptor in its buffer (locked, then marked dirty) and refreshes
     * its gdt_csum checksum when the filesystem has one.
     */
    void modify(long group, java.util.function.Consumer<byte[]> edit) {
        int dpb = info.descPerBlock();
        long block = descriptorBlock(group / dpb);
        int size = info.descSize();
        int off = (int) (group % dpb) * size;
        BufferEdit.edit(cache, block, b -> {
            byte[] d = java.util.Arrays.copyOfRange(b, off, off + size);
            edit.accept(d);
            if (info.hasGroupDescCsum()) {
                Le.put16(d, ExtChecksums.GD_CHECKSUM, csum.groupDesc(group, d));
            }
            System.arraycopy(d, 0, b, off, size);
        });
    }

    /** Whether bitmaps carry checksums in their descriptors (metadata_csum). */
    boolean bitmapsSummed() {
        return csum.metadataCsum();
    }

    /** ext4_{block,inode}_bitmap_csum: the checksum of a bitmap's used bytes. */
    int bitmapCsum(byte[] bitmap, boolean inodeBitmap) {
        int bytes = (int) Math.min(info.blockSize(), (inodeBitmap ? info.inodesPerGroup() : info.clustersPerGroup()) / 8);
        return csum.bitmap(bitmap, bytes);
    }

    /** ext4_{block,inode}_bitmap_csum_set: a bitmap checksum into descriptor bytes {@code d}. */
    static void putBitmapCsum(byte[] d, int c, boolean inodeBitmap) {
        if (inodeBitmap) {
            ExtGroupDesc.setInodeBitmapCsum(d, c);
        } else {
            ExtGroupDesc.setBlockBitmapCsum(d, c);
        }
    }

    private void verifyChecksum(ExtGroupDesc gd, long block) {
        if (!csum.metadataCsum() && !info.hasGdtCsum()) {
            return;
        }
        synchronized (checked) {
            if (checked.get((int) gd.group())) {
                return;
            }
            checked.set((int) gd.group());
        }
        int want = csum.groupDesc(gd.group(), gd.raw());
        if (want != gd.checksum()) {
            problems.report(ExtProblem.Code.GROUP_DESC_CHECKSUM, 0, block, String.format(
                    "group %d descriptor checksum 0x%04x, computed 0x%04x", gd.group(), gd.checksum(), want));
        }
    }

    private void validate(ExtGroupDesc gd) {
        long last = info.blocksCount();
        long first = info.firstDataBlock();
        if (gd.blockBitmap() < first || gd.blockBitmap() >= last) {
            throw bad(gd, "block bitmap at " + gd.blockBitmap() + " outside the filesystem");
        }
        if (gd.inodeBitmap() < first || gd.inodeBitmap() >= last) {
            throw bad(gd, "inode bitmap at " + gd.inodeBitmap() + " outside the filesystem");
        }
        if (gd.inodeTable() < first || gd.inodeTable() + info.inodeTableBlocks() > last) {
            throw bad(gd, "inode table at " + gd.inodeTable() + " outside the filesystem");
        }
    }

    private VfsException bad(ExtGroupDesc gd, String what) {
        String where = "group " + gd.group();
        problems.report(ExtProblem.Code.GROUP_DESC_BAD, 0, -1, where + ": " + what);
        return new VfsException(Errno.EUCLEAN, where, what);
    }

    /** Blocks the table takes in a group with a superblock copy (ext4_bg_num_gdb). */
    long descBlocksIn(long group) {
        if (!info.hasIncompat(ExtFeatures.INCOMPAT_META_BG)
                || group < info.firstMetaBg() * info.descPerBlock()) {
            if (!info.groupHasSuper(group)) {
                return 0;
            }
            long gdb = info.hasIncompat(ExtFeatures.INCOMPAT_META_BG) ? info.firstMetaBg() : info.descBlockCount();
            return gdb + info.reservedGdtBlocks();
        }
        long dpb = info.descPerBlock();
        long firstOfMeta = group / dpb * dpb;
        return group == firstOfMeta || group == firstOfMeta + 1 || group == firstOfMeta + dpb - 1 ? 1 : 0;
    }

    /** Blocks of base metadata in {@code group}: superblock copy plus descriptor blocks. */
    long baseMetaBlocks(long group) {
        return (info.groupHasSuper(group) ? 1 : 0) + descBlocksIn(group);
    }
}
