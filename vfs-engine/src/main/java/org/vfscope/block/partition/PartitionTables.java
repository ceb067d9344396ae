package org.vfscope.block.partition;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.vfscope.block.BlockDevice;

/**
 * Finds the partition table of a disk, the way blkid and the kernel's check_partition decide
 * what the first sector is. In order:
 * <ol>
 *   <li>no 0x55AA at the end of sector 0: no table (a bare filesystem or an empty disk);</li>
 *   <li>a FAT, NTFS or exFAT boot sector: no table, though it ends with 0x55AA too;</li>
 *   <li>a protective MBR (a slot of type 0xEE): GPT;</li>
 *   <li>an ext superblock at byte 1024: no table;</li>
 *   <li>a boot indicator other than 0x00 or 0x80: no table (random data, not an MBR);</li>
 *   <li>otherwise an MS-DOS table, with its extended partitions.</li>
 * </ol>
 */
public final class PartitionTables {
    private static final int MBR_SIZE = 512;

    private PartitionTables() {
    }

    /**
     * The table on {@code disk}, or empty when it holds none (e.g. a bare filesystem image).
     * Problems the reader could work around are in {@link PartitionTable#problems()}.
     *
     * @throws org.vfscope.vfs.VfsException EUCLEAN for a protective MBR with neither GPT header
     *                                      usable; EIO when the disk cannot be read
     */
    public static Optional<PartitionTable> read(BlockDevice disk) {
        SectorReader reader = new SectorReader(disk);
        if (reader.sectors() == 0 || disk.size() < MBR_SIZE) {
            return Optional.empty();
        }
        ByteBuffer sector0 = reader.readBytes(0, MBR_SIZE);
        if (!MbrEntry.hasSignature(sector0) || BareFilesystem.isBootSector(sector0)) {
            return Optional.empty();
        }
        if (hasProtectiveEntry(sector0)) {
            return Optional.of(GptParser.parse(reader));
        }
        if (BareFilesystem.hasExtSuperblock(reader) || !bootIndicatorsValid(sector0)) {
            return Optional.empty();
        }
        return Optional.of(MbrParser.parse(reader, sector0));
    }

    /** Any 0xEE slot, protective or hybrid: the kernel's msdos parser steps aside for GPT then too. */
    private static boolean hasProtectiveEntry(ByteBuffer sector0) {
        for (int slot = 0; slot < MbrEntry.SLOTS; slot++) {
            if (MbrEntry.read(sector0, slot).type() == MbrEntry.GPT_PROTECTIVE) {
                return true;
            }
        }
        return false;
    }

    private static boolean bootIndicatorsValid(ByteBuffer sector0) {
        for (int slot = 0; slot < MbrEntry.SLOTS; slot++) {
            int boot = MbrEntry.read(sector0, slot).bootIndicator();
            if (boot != 0x00 && boot != 0x80) {
                return false;
            }
        }
        return true;
    }
}
