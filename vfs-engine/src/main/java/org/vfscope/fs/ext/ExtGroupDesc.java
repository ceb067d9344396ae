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

    // Field writers; a 64-byte descriptor (64bit) also gets the high halves.

    private static void put(byte[] d, int lo, int hi, long v) {
        Le.put16(d, lo, v);
        if (d.length >= 64) {
            Le.put16(d, hi, v >>> 16);
        }
    }

    /** bg_free_blocks_count read from raw descriptor bytes (no record built on the allocation path). */
    static long freeBlocks(byte[] d) {
        return Le.u16(d, 0xC) | (d.length >= 64 ? (long) Le.u16(d, 0x2C) << 16 : 0);
    }

    static int flags(byte[] d) {
        return Le.u16(d, 0x12);
    }

    static void setFreeBlocks(byte[] d, long v) {
        put(d, 0xC, 0x2C, v);
    }

    static void setFreeInodes(byte[] d, long v) {
        put(d, 0xE, 0x2E, v);
    }

    static void setUsedDirs(byte[] d, long v) {
        put(d, 0x10, 0x30, v);
    }

    static void setFlags(byte[] d, int v) {
        Le.put16(d, 0x12, v);
    }

    static void setItableUnused(byte[] d, long v) {
        put(d, 0x1C, 0x32, v);
    }

    /** bg_block_bitmap_csum_lo/hi (the high half only in descriptors long enough to hold it). */
    static void setBlockBitmapCsum(byte[] d, int csum) {
        Le.put16(d, 0x18, csum);
        if (d.length >= BLOCK_BITMAP_CSUM_HI_END) {
            Le.put16(d, 0x38, csum >>> 16);
        }
    }

    static void setInodeBitmapCsum(byte[] d, int csum) {
        Le.put16(d, 0x1A, csum);
        if (d.length >= INODE_BITMAP_CSUM_HI_END) {
            Le.put16(d, 0x3A, csum >>> 16);
        }
    }
}
