package org.vfscope.block.partition;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks the chain of extended boot records in one extended partition (msdos.c parse_extended).
 * Each EBR holds a data partition, relative to the EBR, and a link to the next EBR, relative to
 * the extended partition. The walk is bounded: it stops at an EBR already visited, at a link
 * leaving the extended partition, and after {@link #MAX_EBRS} records, noting why.
 */
final class LogicalPartitions {
    /** The kernel's DISK_MAX_PARTS; no real chain comes close. */
    static final int MAX_EBRS = 256;

    private final SectorReader disk;
    private final long extStart;
    private final long extCount;
    private final Problems problems;

    LogicalPartitions(SectorReader disk, long extStart, long extCount, Problems problems) {
        this.disk = disk;
        this.extStart = extStart;
        this.extCount = extCount;
        this.problems = problems;
    }

    /** Adds the logical partitions to {@code out}, numbered from {@code firstNumber}; returns the next number. */
    int walk(int firstNumber, List<Partition> out) {
        int number = firstNumber;
        Set<Long> visited = new HashSet<>();
        long ebr = extStart;
        long ebrCount = extCount;
        while (true) {
            if (!visited.add(ebr)) {
                problems.add("EBR chain loops back to sector " + ebr + "; stopped after " + visited.size()
                        + " records");
                return number;
            }
            if (visited.size() > MAX_EBRS) {
                problems.add("EBR chain longer than " + MAX_EBRS + " records; stopped at sector " + ebr);
                return number;
            }
            if (!disk.holds(ebr, 1)) {
                problems.add("EBR at sector " + ebr + " lies beyond the end of the disk; chain stopped");
                return number;
            }
            ByteBuffer sector = disk.read(ebr, 1);
            if (!MbrEntry.hasSignature(sector)) {
                if (ebr != extStart) { // an empty extended partition may have no EBR at all
                    problems.add("EBR at sector " + ebr + " has no 0x55AA signature; chain stopped");
                }
                return number;
            }
            number = addDataPartitions(sector, ebr, ebrCount, number, out);
            MbrEntry link = firstLink(sector);
            if (link == null) {
                return number;
            }
            if (link.start() >= extCount) {
                problems.add("EBR at sector " + ebr + " links to sector " + (extStart + link.start())
                        + ", outside the extended partition; chain stopped");
                return number;
            }
            ebr = extStart + link.start();
            ebrCount = link.count();
        }
    }

    private int addDataPartitions(ByteBuffer sector, long ebr, long ebrCount, int number, List<Partition> out) {
        for (int slot = 0; slot < MbrEntry.SLOTS; slot++) {
            MbrEntry e = MbrEntry.read(sector, slot);
            if (!e.isUsed() || e.isExtended()) {
                continue;
            }
            long start = ebr + e.start();
            if (slot >= 2 && !(e.start() + e.count() <= ebrCount && start >= extStart
                    && start + e.count() <= extStart + extCount)) {
                continue; // slots 3 and 4 are usually junk; blkid takes them only when they fit
            }
            if (!disk.holds(start, e.count())) {
                problems.add(MbrParser.beyondDisk(number, start, e.count(), disk));
            } else {
                if (start < extStart || start + e.count() > extStart + extCount) {
                    problems.add("logical partition " + number + " lies outside its extended partition");
                }
                out.add(MbrParser.toPartition(number, e, start, disk));
            }
            number++; // a skipped logical still takes its number, as in the kernel
        }
        return number;
    }

    /** The first used extended entry: the link to the next EBR (any further ones are junk). */
    private static MbrEntry firstLink(ByteBuffer sector) {
        for (int slot = 0; slot < MbrEntry.SLOTS; slot++) {
            MbrEntry e = MbrEntry.read(sector, slot);
            if (e.isUsed() && e.isExtended()) {
                return e;
            }
        }
        return null;
    }
}
