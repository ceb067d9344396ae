package org.vfscope.block.partition;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Whether an image that ends its first sector with 0x55AA is really a filesystem, not a partition
 * table: a FAT boot sector carries the same signature, so, as blkid does (blkid_probe_is_vfat
 * before probe_dos_pt), a plausible BIOS parameter block wins; NTFS, exFAT and an ext superblock
 * at byte 1024 do too.
 */
final class BareFilesystem {
    private static final int EXT_SUPERBLOCK = 1024;
    private static final int EXT_MAGIC = 0xEF53;
    private static final long FAT12_MAX = 0xFF4;
    private static final long FAT16_MAX = 0xFFF4;
    private static final long FAT32_MAX = 0x0FFFFFF6;

    private BareFilesystem() {
    }

    /** A FAT, NTFS or exFAT boot sector; {@code sector0} is the first 512 bytes, little-endian. */
    static boolean isBootSector(ByteBuffer sector0) {
        return hasOemName(sector0, "NTFS    ") || hasOemName(sector0, "EXFAT   ") || isFatBootSector(sector0);
    }

    private static boolean hasOemName(ByteBuffer sector, String name) {
        byte[] oem = new byte[8];
        sector.get(3, oem);
        return new String(oem, StandardCharsets.US_ASCII).equals(name);
    }

    /** blkid's fat_valid_superblock: fields an MBR's boot code practically never satisfies together. */
    private static boolean isFatBootSector(ByteBuffer s) {
        int sectorSize = s.getShort(0x0B) & 0xFFFF;
        int clusterSize = s.get(0x0D) & 0xFF;
        int reserved = s.getShort(0x0E) & 0xFFFF;
        int fats = s.get(0x10) & 0xFF;
        int rootEntries = s.getShort(0x11) & 0xFFFF;
        int media = s.get(0x15) & 0xFF;
        if (fats == 0 || reserved == 0 || !(media >= 0xF8 || media == 0xF0)
                || Integer.bitCount(clusterSize) != 1
                || Integer.bitCount(sectorSize) != 1 || sectorSize < 512 || sectorSize > 4096) {
            return false;
        }
        long sectors = s.getShort(0x13) & 0xFFFF;
        if (sectors == 0) {
            sectors = Integer.toUnsignedLong(s.getInt(0x20));
        }
        long fatLength16 = s.getShort(0x16) & 0xFFFF;
        long fatLength32 = Integer.toUnsignedLong(s.getInt(0x24));
        long fatLength = fatLength16 != 0 ? fatLength16 : fatLength32;
        long rootSectors = (rootEntries * 32L + sectorSize - 1) / sectorSize;
        long dataSectors = sectors - (reserved + fatLength * fats + rootSectors);
        if (dataSectors < 0) {
            return false; // wraps to a huge count in blkid's unsigned arithmetic
        }
        long clusters = dataSectors / clusterSize;
        long max = fatLength16 == 0 && fatLength32 != 0 ? FAT32_MAX : clusters > FAT12_MAX ? FAT16_MAX : FAT12_MAX;
        return clusters <= max;
    }

    /** An ext2/3/4 superblock at byte 1024, checked for a plausible size beyond its magic. */
    static boolean hasExtSuperblock(SectorReader disk) {
        if (disk.sectors() * disk.sectorSize() < EXT_SUPERBLOCK + 1024) {
            return false;
        }
        ByteBuffer sb = disk.readBytes(EXT_SUPERBLOCK, 1024);
        long inodes = Integer.toUnsignedLong(sb.getInt(0));
        long blocks = Integer.toUnsignedLong(sb.getInt(4));
        int logBlockSize = sb.getInt(24);
        return (sb.getShort(56) & 0xFFFF) == EXT_MAGIC && inodes > 0 && blocks > 0
                && logBlockSize >= 0 && logBlockSize <= 6;
    }
}
