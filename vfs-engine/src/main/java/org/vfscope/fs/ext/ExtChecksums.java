package org.vfscope.fs.ext;

/**
 * The metadata checksums of Documentation/filesystems/ext4/checksums.rst, each computed the way
 * fs/ext4 computes it (ext4_superblock_csum, ext4_group_desc_csum, ext4_inode_csum,
 * ext4_extent_block_csum, ext4_dirblock_csum, ext4_dx_csum, ext4_xattr_block_csum,
 * ext4_{block,inode}_bitmap_csum). The write side uses the same methods to fill them in.
 */
public final class ExtChecksums {
    /** Offset of bg_checksum in a group descriptor. */
    static final int GD_CHECKSUM = 0x1E;
    /** Offsets of i_checksum_lo / i_checksum_hi in an inode. */
    static final int I_CHECKSUM_LO = 0x7C;
    static final int I_CHECKSUM_HI = 0x82;
    /** Offset of h_checksum in an xattr block header. */
    static final int XATTR_CHECKSUM = 0x10;
    private static final byte[] ZERO = new byte[4];

    private final ExtSuperBlockInfo info;
    private final int seed;

    public ExtChecksums(ExtSuperBlockInfo info) {
        this.info = info;
        this.seed = info.hasMetadataCsum() ? info.csumSeed() : 0;
    }

    public boolean metadataCsum() {
        return info.hasMetadataCsum();
    }

    /** ext4_superblock_csum over the 1020 bytes before s_checksum. */
    public static int superblock(byte[] raw) {
        return Crc.crc32c(~0, raw, 0, ExtSuperBlockInfo.CHECKSUM_OFFSET);
    }

    /**
     * ext4_group_desc_csum: with metadata_csum the low 16 bits of crc32c(seed, group, desc with
     * bg_checksum zeroed); with gdt_csum crc16(~0, uuid, group, desc without bg_checksum).
     */
    public int groupDesc(long group, byte[] desc) {
        int size = info.descSize();
        if (info.hasMetadataCsum()) {
            int c = Crc.crc32c(seed, Le.le32(group), 0, 4);
            c = Crc.crc32c(c, desc, 0, GD_CHECKSUM);
            c = Crc.crc32c(c, ZERO, 0, 2);
            if (GD_CHECKSUM + 2 < size) {
                c = Crc.crc32c(c, desc, GD_CHECKSUM + 2, size - GD_CHECKSUM - 2);
            }
            return c & 0xffff;
        }
        int c = Crc.crc16(~0, info.uuid(), 0, 16);
        c = Crc.crc16(c, Le.le32(group), 0, 4);
        c = Crc.crc16(c, desc, 0, GD_CHECKSUM);
        if (info.has64bit() && GD_CHECKSUM + 2 < size) {
            c = Crc.crc16(c, desc, GD_CHECKSUM + 2, size - GD_CHECKSUM - 2);
        }
        return c & 0xffff;
    }

    /** ei->i_csum_seed: the filesystem seed chained with the inode number and generation. */
    public int inodeSeed(long ino, long generation) {
        int c = Crc.crc32c(seed, Le.le32(ino), 0, 4);
        return Crc.crc32c(c, Le.le32(generation), 0, 4);
    }

    /**
     * ext4_inode_csum over the whole on-disk inode (s_inode_size bytes) with both checksum
     * fields taken as zero. The caller compares 16 bits when i_checksum_hi does not fit.
     */
    public int inode(long ino, long generation, byte[] raw, boolean hasChecksumHi) {
        int c = inodeSeed(ino, generation);
        c = Crc.crc32c(c, raw, 0, I_CHECKSUM_LO);
        c = Crc.crc32c(c, ZERO, 0, 2);
        int off = I_CHECKSUM_LO + 2;
        c = Crc.crc32c(c, raw, off, ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE - off);
        if (raw.length > ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE) {
            off = ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE;
            c = Crc.crc32c(c, raw, off, I_CHECKSUM_HI - off);
            off = I_CHECKSUM_HI;
            if (hasChecksumHi) {
                c = Crc.crc32c(c, ZERO, 0, 2);
                off += 2;
            }
            c = Crc.crc32c(c, raw, off, raw.length - off);
        }
        return c;
    }

    /** ext4_extent_block_csum: the block up to the ext4_extent_tail after eh_max entries. */
    public int extentBlock(int inodeSeed, byte[] block, int tailOffset) {
        return Crc.crc32c(inodeSeed, block, 0, tailOffset);
    }

    /** ext4_dirblock_csum: the leaf block up to its 12-byte ext4_dir_entry_tail. */
    public int dirBlock(int inodeSeed, byte[] block) {
        return Crc.crc32c(inodeSeed, block, 0, block.length - ExtDirBlock.TAIL_SIZE);
    }

    /** ext4_dx_csum: the node up to its last used dx_entry, then the dx_tail with dt_checksum zeroed. */
    public int dxNode(int inodeSeed, byte[] block, int countOffset, int count, int tailOffset) {
        int c = Crc.crc32c(inodeSeed, block, 0, countOffset + count * 8);
        c = Crc.crc32c(c, block, tailOffset, 4);
        return Crc.crc32c(c, ZERO, 0, 4);
    }

    /** ext4_xattr_block_csum: block number, then the block with h_checksum zeroed. */
    public int xattrBlock(long blockNr, byte[] block) {
        int c = Crc.crc32c(seed, Le.le64(blockNr), 0, 8);
        c = Crc.crc32c(c, block, 0, XATTR_CHECKSUM);
        c = Crc.crc32c(c, ZERO, 0, 4);
        return Crc.crc32c(c, block, XATTR_CHECKSUM + 4, block.length - XATTR_CHECKSUM - 4);
    }

    /** ext4_{block,inode}_bitmap_csum over the bitmap's meaningful bytes. */
    public int bitmap(byte[] bitmap, int bytes) {
        return Crc.crc32c(seed, bitmap, 0, bytes);
    }
}
