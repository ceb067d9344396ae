package org.vfscope.fs.ext;

/**
 * One block group descriptor ({@code struct ext4_group_desc}, 32 or 64 bytes), with the high
 * halves folded in when the descriptor is 64 bytes.
 *
 * @param raw the descriptor's bytes, for checksumming and the inspector
 */
public record ExtGroupDesc(
        long group,
        byte[] raw,
        long blockBitmap,
        long inodeBitmap,
        long inodeTable,
        long freeBlocks,
        long freeInodes,
        long usedDirs,
        int flags,
        long itableUnused,
        int checksum,
        long blockBitmapCsum,
        long inodeBitmapCsum) {

    public static final int INODE_UNINIT = 0x1;
    public static final int BLOCK_UNINIT = 0x2;
    public static final int INODE_ZEROED = 0x4;
    /** Descriptors at least this long carry the high 16 bits of the bitmap checksums. */
    static final int BLOCK_BITMAP_CSUM_HI_END = 0x3A;
    static final int INODE_BITMAP_CSUM_HI_END = 0x3C;

    static ExtGroupDesc parse(long group, byte[] d) {
        boolean big = d.length >= 64;
        return new ExtGroupDesc(group, d,
                Le.u32(d, 0x0) | (big ? Le.u32(d, 0x20) << 32 : 0),
                Le.u32(d, 0x4) | (big ? Le.u32(d, 0x24) << 32 : 0),
                Le.u32(d, 0x8) | (big ? Le.u32(d, 0x28) << 32 : 0),
                Le.u16(d, 0xC) | (big ? (long) Le.u16(d, 0x2C) << 16 : 0),
                Le.u16(d, 0xE) | (big ? (long) Le.u16(d, 0x2E) << 16 : 0),
                Le.u16(d, 0x10) | (big ? (long) Le.u16(d, 0x30) << 16 : 0),
                Le.u16(d, 0x12),
                Le.u16(d, 0x1C) | (big ? (long) Le.u16(d, 0x32) << 16 : 0),
                Le.u16(d, ExtChecksums.GD_CHECKSUM),
                Le.u16(d, 0x18) | (d.length >= BLOCK_BITMAP_CSUM_HI_END ? (long) Le.u16(d, 0x38) << 16 : 0),
                Le.u16(d, 0x1A) | (d.length >= INODE_BITMAP_CSUM_HI_END ? (long) Le.u16(d, 0x3A) << 16 : 0));
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    // Field writers for the 32-byte descriptors of the filesystems this driver writes.

    static void setFreeBlocks(byte[] d, long v) {
        Le.put16(d, 0xC, v);
    }

    static void setFreeInodes(byte[] d, long v) {
        Le.put16(d, 0xE, v);
    }

    static void setUsedDirs(byte[] d, long v) {
        Le.put16(d, 0x10, v);
    }

    static void setFlags(byte[] d, int v) {
        Le.put16(d, 0x12, v);
    }

    static void setItableUnused(byte[] d, long v) {
        Le.put16(d, 0x1C, v);
    }
}
