package org.vfscope.block.partition;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads an MS-DOS partition table: the primaries of sector 0, then each extended partition's chain. */
final class MbrParser {
    private static final int FIRST_LOGICAL = 5;

    private MbrParser() {
    }

    /** {@code sector0} has the 0x55AA signature and is known not to be a filesystem's boot sector. */
    static MbrTable parse(SectorReader disk, ByteBuffer sector0) {
        Problems problems = new Problems();
        List<Partition> primaries = new ArrayList<>();
        List<MbrEntry> extended = new ArrayList<>();
        for (int slot = 0; slot < MbrEntry.SLOTS; slot++) {
            MbrEntry e = MbrEntry.read(sector0, slot);
            if (!e.isUsed()) {
                continue; // an empty slot keeps its number: the kernel does not renumber
            }
            int number = slot + 1;
            if (!disk.holds(e.start(), e.count())) {
                problems.add(beyondDisk(number, e.start(), e.count(), disk));
                continue;
            }
            primaries.add(toPartition(number, e, e.start(), disk));
            if (e.isExtended()) {
                extended.add(e);
            }
        }
        Overlaps.note(primaries, problems);

        List<Partition> logicals = new ArrayList<>();
        for (MbrEntry e : extended) {
            new LogicalPartitions(disk, e.start(), e.count(), problems)
                    .walk(FIRST_LOGICAL + logicals.size(), logicals);
        }
        Overlaps.note(logicals, problems);

        List<Partition> all = new ArrayList<>(primaries);
        all.addAll(logicals);
        return new MbrTable(sector0.getInt(440), all, problems.list());
    }

    /** {@code absoluteStart} in sectors: EBR entries are relative, primaries are not. */
    static Partition toPartition(int number, MbrEntry e, long absoluteStart, SectorReader disk) {
        long sector = disk.sectorSize();
        return new Partition(number, absoluteStart * sector, e.count() * sector, MbrTypes.nameOf(e.type()),
                e.typeId(), "", e.bootIndicator() == 0x80);
    }

    static String beyondDisk(int number, long start, long count, SectorReader disk) {
        return "partition " + number + " (sectors " + start + "+" + count + ") lies beyond the end of the disk ("
                + disk.sectors() + " sectors); skipped";
    }
}
