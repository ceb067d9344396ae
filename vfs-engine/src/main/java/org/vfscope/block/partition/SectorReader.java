package org.vfscope.block.partition;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vfscope.block.BlockDevice;

/**
 * A disk seen in logical sectors, the unit every LBA in a partition table counts (as
 * read_part_sector does with bdev_logical_block_size). Callers check {@link #holds} before
 * reading, so a bad pointer becomes a noted problem rather than an I/O error.
 */
final class SectorReader {
    private final BlockDevice disk;
    private final int sectorSize;
    private final long sectors;

    SectorReader(BlockDevice disk) {
        this.disk = disk;
        this.sectorSize = disk.logicalBlockSize();
        this.sectors = disk.size() / sectorSize; // a partial last sector is not addressable
    }

    String name() {
        return disk.name();
    }

    int sectorSize() {
        return sectorSize;
    }

    /** Whole sectors on the disk. */
    long sectors() {
        return sectors;
    }

    /** Whether sectors [lba, lba + count) exist; false for negative (i.e. huge unsigned) values. */
    boolean holds(long lba, long count) {
        return lba >= 0 && count >= 0 && lba <= sectors - count;
    }

    /** {@code count} sectors from {@code lba}, little-endian; EIO from the device if it fails. */
    ByteBuffer read(long lba, int count) {
        return readBytes(lba * sectorSize, Math.multiplyExact(count, sectorSize));
    }

    /** {@code length} bytes from byte {@code offset}, little-endian. */
    ByteBuffer readBytes(long offset, int length) {
        ByteBuffer buf = ByteBuffer.allocate(length);
        disk.read(offset, buf);
        return buf.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
