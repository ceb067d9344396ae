package org.vfscope.block.partition;

import java.util.Objects;
import org.vfscope.block.BlockDevice;
import org.vfscope.block.PartitionView;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * One partition as Linux registers it (struct block_device of a part): where it lies on its disk
 * and what the table says it holds.
 *
 * @param number   1-based, as Linux numbers them: MBR primaries 1-4 by slot, logicals from 5 in
 *                 chain order; GPT by entry slot (so numbers may have gaps, as sdaN do)
 * @param start    offset on the disk, in bytes
 * @param length   in bytes, never zero
 * @param type     a friendly name ("Linux filesystem", "EFI System", "Extended"), or "Unknown"
 * @param typeId   the raw type: "0x83" for MBR, the type GUID (upper case) for GPT
 * @param name     the GPT partition name, or "" (MBR has none)
 * @param bootable the MBR boot indicator (0x80), or GPT's "legacy BIOS bootable" attribute
 */
public record Partition(int number, long start, long length, String type, String typeId, String name,
                        boolean bootable) {

    public Partition {
        Objects.requireNonNull(type);
        Objects.requireNonNull(typeId);
        Objects.requireNonNull(name);
        if (number < 1 || start < 0 || length <= 0) {
            throw new VfsException(Errno.EINVAL, "partition " + number, "start " + start + ", length " + length);
        }
    }

    /** The first byte after the partition. */
    public long end() {
        return start + length;
    }

    /**
     * This partition as a window of {@code disk}, named "{@code <disk> p<number>}". EINVAL if it does
     * not lie within {@code disk} (e.g. the table was read from another disk).
     */
    public BlockDevice open(BlockDevice disk) {
        return new PartitionView(disk, number, start, length);
    }
}
