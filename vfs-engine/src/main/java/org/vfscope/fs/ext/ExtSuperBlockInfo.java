package org.vfscope.fs.ext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * The on-disk superblock ({@code struct ext4_super_block}, 1024 bytes at byte 1024 of the device)
 * parsed into the values the driver uses, plus the geometry derived from them. Immutable: the
 * write side builds a new one (or serialises its own) rather than mutating this.
 *
 * @param raw the 1024 bytes as read, kept for checksumming and for the superblock editor
 */
public record ExtSuperBlockInfo(
        byte[] raw,
        long inodesCount,
        long blocksCount,
        long reservedBlocksCount,
        long freeBlocksCount,
        long freeInodesCount,
        long firstDataBlock,
        int logBlockSize,
        int logClusterSize,
        long blocksPerGroup,
        long clustersPerGroup,
        long inodesPerGroup,
        long mountTime,
        long writeTime,
        int magic,
        int state,
        int errors,
        int revLevel,
        long firstIno,
        int inodeSize,
        int compat,
        int incompat,
        int roCompat,
        byte[] uuid,
        String volumeName,
        String lastMounted,
        int reservedGdtBlocks,
        long journalInum,
        long[] hashSeed,
        int defHashVersion,
        int descSizeRaw,
        long defaultMountOpts,
        long firstMetaBg,
        long mkfsTime,
        int minExtraIsize,
        int wantExtraIsize,
        long flags,
        int logGroupsPerFlex,
        int checksumType,
        long overheadClusters,
        long[] backupBgs,
        long checksumSeed,
        long checksum) {

    public static final int OFFSET = 1024;
    public static final int SIZE = 1024;
    public static final int MAGIC = 0xEF53;
    public static final int GOOD_OLD_REV = 0;
    public static final int GOOD_OLD_INODE_SIZE = 128;
    public static final int GOOD_OLD_FIRST_INO = 11;
    /** s_flags: the directory hash of this filesystem treats chars as unsigned. */
    public static final long FLAGS_UNSIGNED_HASH = 0x2;
    /** The superblock checksum covers everything before this offset. */
    public static final int CHECKSUM_OFFSET = 0x3FC;

    /** Parses the 1024 superblock bytes; EINVAL when this is not an ext2/3/4 superblock. */
    public static ExtSuperBlockInfo parse(byte[] b) {
        if (b.length < SIZE) {
            throw new VfsException(Errno.EINVAL, "superblock", "short read");
        }
        int magic = Le.u16(b, 0x38);
        if (magic != MAGIC) {
            throw new VfsException(Errno.EINVAL, "superblock",
                    String.format("bad magic 0x%04x (not an ext2/3/4 filesystem)", magic));
        }
        int incompat = Le.s32(b, 0x60);
        boolean is64 = (incompat & ExtFeatures.INCOMPAT_64BIT) != 0;
        int rev = Le.s32(b, 0x4C);
        long[] seed = {Le.u32(b, 0xEC), Le.u32(b, 0xF0), Le.u32(b, 0xF4), Le.u32(b, 0xF8)};
        return new ExtSuperBlockInfo(b.clone(),
                Le.u32(b, 0x0),
                Le.u32(b, 0x4) | (is64 ? Le.u32(b, 0x150) << 32 : 0),
                Le.u32(b, 0x8) | (is64 ? Le.u32(b, 0x154) << 32 : 0),
                Le.u32(b, 0xC) | (is64 ? Le.u32(b, 0x158) << 32 : 0),
                Le.u32(b, 0x10),
                Le.u32(b, 0x14),
                Le.s32(b, 0x18),
                Le.s32(b, 0x1C),
                Le.u32(b, 0x20),
                Le.u32(b, 0x24),
                Le.u32(b, 0x28),
                Le.u32(b, 0x2C) | (long) Le.u8(b, 0x275) << 32,
                Le.u32(b, 0x30) | (long) Le.u8(b, 0x274) << 32,
                magic,
                Le.u16(b, 0x3A),
                Le.u16(b, 0x3C),
                rev,
                rev == GOOD_OLD_REV ? GOOD_OLD_FIRST_INO : Le.u32(b, 0x54),
                rev == GOOD_OLD_REV ? GOOD_OLD_INODE_SIZE : Le.u16(b, 0x58),
                Le.s32(b, 0x5C),
                incompat,
                Le.s32(b, 0x64),
                Le.slice(b, 0x68, 16),
                cString(b, 0x78, 16),
                cString(b, 0x88, 64),
                Le.u16(b, 0xCE),
                Le.u32(b, 0xE0),
                seed,
                Le.u8(b, 0xFC),
                Le.u16(b, 0xFE),
                Le.u32(b, 0x100),
                Le.u32(b, 0x104),
                Le.u32(b, 0x108) | (long) Le.u8(b, 0x276) << 32,
                Le.u16(b, 0x15C),
                Le.u16(b, 0x15E),
                Le.u32(b, 0x160),
                Le.u8(b, 0x174),
                Le.u8(b, 0x175),
                Le.u32(b, 0x248),
                new long[] {Le.u32(b, 0x24C), Le.u32(b, 0x250)},
                Le.u32(b, 0x270),
                Le.u32(b, CHECKSUM_OFFSET));
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    /**
     * The geometry checks ext4_fill_super makes before trusting any derived number: EINVAL for
     * what this reader cannot mount, EUCLEAN for numbers that contradict each other.
     */
    public void validate() {
        if (logBlockSize < 0 || logBlockSize > 2) {
            throw new VfsException(Errno.EINVAL, "superblock", "block size 2^(10+" + logBlockSize
                    + ") not supported (1, 2 and 4 KiB are)");
        }
        int bs = blockSize();
        if (revLevel != GOOD_OLD_REV) {
            if (inodeSize < GOOD_OLD_INODE_SIZE || inodeSize > bs || Integer.bitCount(inodeSize) != 1) {
                throw corrupt("inode size " + inodeSize + " is not a power of two in [128, block size]");
            }
            if (firstIno < GOOD_OLD_FIRST_INO || firstIno > inodesCount) {
                throw corrupt("first inode " + firstIno + " out of range");
            }
        }
        if (blocksPerGroup < 8 || blocksPerGroup > 8L * bs) {
            throw corrupt("blocks per group " + blocksPerGroup + " out of range");
        }
        if (inodesPerGroup < inodesPerBlock() || inodesPerGroup > 8L * bs) {
            throw corrupt("inodes per group " + inodesPerGroup + " out of range");
        }
        if (firstDataBlock >= blocksCount || firstDataBlock > 1) {
            throw corrupt("first data block " + firstDataBlock + " with " + blocksCount + " blocks");
        }
        if (blocksCount > (1L << 48)) {
            throw corrupt("block count " + blocksCount + " beyond 2^48");
        }
        if (inodesCount != groupCount() * inodesPerGroup) {
            throw corrupt("inode count " + inodesCount + " != " + groupCount() + " groups * " + inodesPerGroup);
        }
        if (has64bit() && (descSizeRaw < 64 || descSizeRaw > 1024 || Integer.bitCount(descSizeRaw) != 1)) {
            throw corrupt("group descriptor size " + descSizeRaw + " invalid for a 64bit filesystem");
        }
        if (hasRoCompat(ExtFeatures.RO_COMPAT_BIGALLOC) && (logClusterSize < logBlockSize || logClusterSize > 29)) {
            throw corrupt("cluster size 2^(10+" + logClusterSize + ") invalid");
        }
        if (hasRoCompat(ExtFeatures.RO_COMPAT_METADATA_CSUM) && checksumType != 1) {
            throw corrupt("unknown metadata checksum type " + checksumType);
        }
        if (hasIncompat(ExtFeatures.INCOMPAT_META_BG) && firstMetaBg > descBlockCount()) {
            throw corrupt("first meta_bg " + firstMetaBg + " beyond " + descBlockCount() + " descriptor blocks");
        }
    }

    private static VfsException corrupt(String what) {
        return new VfsException(Errno.EUCLEAN, "superblock", what);
    }

    /** The superblock bytes as read (a copy). */
    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public byte[] uuid() {
        return uuid.clone();
    }

    @Override
    public long[] hashSeed() {
        return hashSeed.clone();
    }

    @Override
    public long[] backupBgs() {
        return backupBgs.clone();
    }

    public int blockSize() {
        return 1024 << logBlockSize;
    }

    public boolean hasCompat(int bit) {
        return (compat & bit) != 0;
    }

    public boolean hasIncompat(int bit) {
        return (incompat & bit) != 0;
    }

    public boolean hasRoCompat(int bit) {
        return (roCompat & bit) != 0;
    }

    public boolean has64bit() {
        return hasIncompat(ExtFeatures.INCOMPAT_64BIT);
    }

    public boolean hasMetadataCsum() {
        return hasRoCompat(ExtFeatures.RO_COMPAT_METADATA_CSUM);
    }

    /** gdt_csum (uninit_bg) counts only without metadata_csum, which supersedes it. */
    public boolean hasGdtCsum() {
        return !hasMetadataCsum() && hasRoCompat(ExtFeatures.RO_COMPAT_GDT_CSUM);
    }

    /** ext4_has_group_desc_csum: descriptors carry a checksum and the uninit flags count. */
    public boolean hasGroupDescCsum() {
        return hasMetadataCsum() || hasRoCompat(ExtFeatures.RO_COMPAT_GDT_CSUM);
    }

    /** EXT2_DESC_SIZE. */
    public int descSize() {
        return has64bit() ? descSizeRaw : 32;
    }

    public long groupCount() {
        return (blocksCount - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
    }

    public int descPerBlock() {
        return blockSize() / descSize();
    }

    /** Blocks the whole descriptor table takes (without meta_bg). */
    public long descBlockCount() {
        return (groupCount() + descPerBlock() - 1) / descPerBlock();
    }

    public int inodesPerBlock() {
        return blockSize() / inodeSize;
    }

    /** Blocks of one group's inode table. */
    public long inodeTableBlocks() {
        return (inodesPerGroup * inodeSize + blockSize() - 1) / blockSize();
    }

    public long clusterRatio() {
        return hasRoCompat(ExtFeatures.RO_COMPAT_BIGALLOC) ? 1L << (logClusterSize - logBlockSize) : 1;
    }

    /** ext4_group_first_block_no. */
    public long groupFirstBlock(long group) {
        return firstDataBlock + group * blocksPerGroup;
    }

    /** ext4_bg_has_super: whether {@code group} holds a superblock (and descriptor) backup. */
    public boolean groupHasSuper(long group) {
        if (group == 0) {
            return true;
        }
        if (hasCompat(ExtFeatures.COMPAT_SPARSE_SUPER2)) {
            return group == backupBgs[0] || group == backupBgs[1];
        }
        if (group <= 1 || !hasRoCompat(ExtFeatures.RO_COMPAT_SPARSE_SUPER)) {
            return true;
        }
        if ((group & 1) == 0) {
            return false;
        }
        return isPower(group, 3) || isPower(group, 5) || isPower(group, 7);
    }

    private static boolean isPower(long n, int base) {
        long p = base;
        while (p < n) {
            p *= base;
        }
        return p == n;
    }

    /** The seed of every metadata checksum: s_checksum_seed, or crc32c(~0, uuid). */
    public int csumSeed() {
        if (hasIncompat(ExtFeatures.INCOMPAT_CSUM_SEED)) {
            return (int) checksumSeed;
        }
        return Crc.crc32c(~0, uuid);
    }

    /** The hash of htree directories treats name bytes as unsigned (EXT2_FLAGS_UNSIGNED_HASH). */
    public boolean unsignedHash() {
        return (flags & FLAGS_UNSIGNED_HASH) != 0;
    }

    /** The UUID in its usual text form. */
    public String uuidString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                sb.append('-');
            }
            sb.append(String.format("%02x", uuid[i] & 0xff));
        }
        return sb.toString();
    }

    public List<String> featureNames() {
        return ExtFeatures.names(compat, incompat, roCompat);
    }
}
