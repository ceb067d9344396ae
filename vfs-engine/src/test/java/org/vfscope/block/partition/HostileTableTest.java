package org.vfscope.block.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.vfscope.block.partition.DiskTools.SECTOR;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.block.MemoryDisk;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * Damaged and deliberately hostile tables: whatever the bytes, reading gives a table whose
 * partitions all lie on the disk, or a VfsException, and returns promptly.
 */
class HostileTableTest {
    private static final int SEEDS = 200;
    private static final int DISK_SIZE = 8 << 20;
    private static final int HEAD = 34 * SECTOR; // protective MBR, GPT header, 32 sectors of entries
    private static final int TAIL = 33 * SECTOR; // backup entries and header

    private enum Outcome { CLEAN, WITH_PROBLEMS, NO_TABLE, EUCLEAN }

    @TempDir
    Path dir;

    @Test
    void flippedBytesInAGptDiskNeverCrashOrHang() {
        Path image = DiskTools.blankImage(dir, "gpt.img", DISK_SIZE);
        DiskTools.run("sgdisk", "-n", "1:34:+1M", "-t", "1:ef02", "-n", "2:0:+2M", "-t", "2:8300", "-c", "2:root",
                "-n", "3:0:0", "-t", "3:fd00", image.toString());
        byte[] pristine = DiskTools.readBytes(image, 0, DISK_SIZE);

        Map<Outcome, Integer> outcomes = fuzz(pristine, (work, random, seed) -> {
            flip(work, random, 0, HEAD);
            if (seed % 2 == 1) { // a consistent but hostile header: random fields, valid CRCs
                ByteBuffer.wrap(work).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(SECTOR + 12 + 4 * random.nextInt(20), random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(300));
                DiskTools.resealGpt(work, SECTOR);
            }
            if (seed % 3 == 0) {
                flip(work, random, DISK_SIZE - TAIL, DISK_SIZE);
            }
        });

        assertThat(outcomes).containsKeys(Outcome.WITH_PROBLEMS, Outcome.EUCLEAN);
    }

    @Test
    void flippedBytesInAnMbrDiskNeverCrashOrHang() {
        Path image = DiskTools.blankImage(dir, "mbr.img", DISK_SIZE);
        DiskTools.runWithInput("""
                label: dos
                start=2048, size=2048, type=83, bootable
                type=5
                size=2048, type=83
                size=2048, type=82
                size=2048, type=8e
                """, "sfdisk", "-q", image.toString());
        byte[] pristine = DiskTools.readBytes(image, 0, DISK_SIZE);
        List<Long> ebrs = ebrSectors(pristine);
        assertThat(ebrs).hasSize(3);

        Map<Outcome, Integer> outcomes = fuzz(pristine, (work, random, seed) -> {
            flip(work, random, 446, 512);
            long ebr = ebrs.get(random.nextInt(ebrs.size()));
            flip(work, random, (int) ebr * SECTOR + 446, (int) ebr * SECTOR + 512);
            if (seed % 4 == 0) {
                flip(work, random, 0, HEAD);
            }
            if (seed % 2 == 1) { // hostile rather than damaged: still accepted as an MBR, so the chain is walked
                for (int slot = 0; slot < 4; slot++) {
                    work[446 + 16 * slot] &= (byte) 0x80;
                }
                work[510] = 0x55;
                work[511] = (byte) 0xAA;
            }
        });

        assertThat(outcomes).containsKeys(Outcome.CLEAN, Outcome.WITH_PROBLEMS);
    }

    private interface Damage {
        void apply(byte[] work, Random random, int seed);
    }

    private static Map<Outcome, Integer> fuzz(byte[] pristine, Damage damage) {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int seed = 0; seed < SEEDS; seed++) {
                byte[] work = pristine.clone();
                damage.apply(work, new Random(seed), seed);
                outcomes.merge(readChecked(work, seed), 1, Integer::sum);
            }
        });
        return outcomes;
    }

    /** Reads {@code work}; fails on anything but a sound table, no table, or a VfsException. */
    private static Outcome readChecked(byte[] work, int seed) {
        MemoryDisk disk = new MemoryDisk(work);
        try {
            Optional<PartitionTable> table = PartitionTables.read(disk);
            if (table.isEmpty()) {
                return Outcome.NO_TABLE;
            }
            for (Partition p : table.get().partitions()) {
                assertThat(p.open(disk).size()).as("seed %d, %s", seed, p).isEqualTo(p.length());
            }
            return table.get().problems().isEmpty() ? Outcome.CLEAN : Outcome.WITH_PROBLEMS;
        } catch (VfsException e) {
            assertThat(e.errno()).as("seed %d: %s", seed, e.getMessage()).isIn(Errno.EUCLEAN, Errno.EIO);
            return Outcome.EUCLEAN;
        } catch (RuntimeException e) {
            return fail("seed " + seed + " threw " + e, e);
        }
    }

    /** One to eight bytes in [from, to) get random values. */
    private static void flip(byte[] work, Random random, int from, int to) {
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
            work[from + random.nextInt(to - from)] = (byte) random.nextInt(256);
        }
    }

    /** The EBRs of the pristine disk, found by following the links in the extended partition. */
    private static List<Long> ebrSectors(byte[] disk) {
        ByteBuffer b = ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN);
        long extended = Integer.toUnsignedLong(b.getInt(446 + 16 + 8)); // slot 2
        List<Long> ebrs = new ArrayList<>();
        for (long ebr = extended; ebrs.size() < 10; ) {
            ebrs.add(ebr);
            long next = Integer.toUnsignedLong(b.getInt((int) ebr * SECTOR + 446 + 16 + 8));
            if (next == 0) {
                break;
            }
            ebr = extended + next;
        }
        return ebrs;
    }
}
