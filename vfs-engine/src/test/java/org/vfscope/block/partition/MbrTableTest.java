package org.vfscope.block.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.vfscope.block.partition.DiskTools.SECTOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.block.BlockDevice;
import org.vfscope.block.FileBlockDevice;
import org.vfscope.block.MemoryDisk;

/** MS-DOS disks made by sfdisk, read back and judged by sfdisk. */
class MbrTableTest {
    private static final long DISK_SIZE = 64L << 20;
    private static final long DISK_SECTORS = DISK_SIZE / SECTOR;
    /** Where sfdisk puts the extended partition of {@link #LAYOUT}, and so the first EBR. */
    private static final long EXTENDED_START = 18432;
    private static final String LAYOUT = """
            label: dos
            start=2048, size=8192, type=83, bootable
            size=8192, type=82
            type=5
            size=4096, type=83
            size=4096, type=8e
            size=4096, type=fd
            """;

    @TempDir
    Path dir;
    private Path image;

    /** Two primaries (the first bootable), an extended partition and three logicals. */
    @BeforeEach
    void createDisk() {
        image = DiskTools.blankImage(dir, "mbr.img", DISK_SIZE);
        DiskTools.runWithInput(LAYOUT, "sfdisk", "-q", image.toString());
    }

    private MbrTable read() {
        try (BlockDevice disk = FileBlockDevice.open(image, false)) {
            return (MbrTable) PartitionTables.read(disk).orElseThrow();
        }
    }

    @Test
    void partitionsMatchSfdisk() {
        MbrTable table = read();
        JsonNode sfdisk = DiskTools.sfdiskJson(image);

        assertThat(table.scheme()).isEqualTo("dos").isEqualTo(sfdisk.get("label").asText());
        assertThat(table.problems()).isEmpty();
        assertThat(String.format("0x%08x", table.diskId())).isEqualTo(sfdisk.get("id").asText());
        JsonNode expected = sfdisk.get("partitions");
        assertThat(table.partitions()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            Partition p = table.partitions().get(i);
            assertThat(p.number()).isEqualTo(DiskTools.numberOf(e, image));
            assertThat(p.start()).isEqualTo(e.get("start").asLong() * SECTOR);
            assertThat(p.length()).isEqualTo(e.get("size").asLong() * SECTOR);
            assertThat(p.typeId()).isEqualTo(String.format("0x%02x", Integer.parseInt(e.get("type").asText(), 16)));
            assertThat(p.bootable()).isEqualTo(e.path("bootable").asBoolean(false));
            assertThat(p.name()).isEmpty();
        }
    }

    @Test
    void primariesThenLogicalsFromFiveWithFriendlyTypes() {
        assertThat(read().partitions())
                .extracting(Partition::number, Partition::type, Partition::bootable)
                .containsExactly(
                        tuple(1, "Linux", true),
                        tuple(2, "Linux swap / Solaris", false),
                        tuple(3, "Extended", false),
                        tuple(5, "Linux", false),
                        tuple(6, "Linux LVM", false),
                        tuple(7, "Linux raid autodetect", false));
    }

    @Test
    void openedPartitionsReadTheirOwnBytes() {
        for (Partition p : read().partitions()) {
            if (!p.type().equals("Extended")) {
                DiskTools.ddMarker(image, p.start(), "first of p" + p.number());
                DiskTools.ddMarker(image, p.end() - SECTOR, "last of p" + p.number());
            }
        }
        try (BlockDevice disk = FileBlockDevice.open(image, false)) {
            for (Partition p : PartitionTables.read(disk).orElseThrow().partitions()) {
                if (p.type().equals("Extended")) {
                    continue;
                }
                BlockDevice part = p.open(disk);
                assertThat(part.name()).isEqualTo("mbr.img p" + p.number());
                assertThat(part.size()).isEqualTo(p.length());
                assertThat(text(part, 0, 16)).startsWith("first of p" + p.number() + "\0");
                assertThat(text(part, p.length() - SECTOR, 16)).startsWith("last of p" + p.number() + "\0");
            }
        }
    }

    @Test
    void emptyExtendedPartitionIsNoProblem() {
        Path empty = DiskTools.blankImage(dir, "empty-ext.img", DISK_SIZE);
        DiskTools.runWithInput("label: dos\nsize=8192, type=83\ntype=5\n", "sfdisk", "-q", empty.toString());

        try (BlockDevice disk = FileBlockDevice.open(empty, false)) {
            PartitionTable table = PartitionTables.read(disk).orElseThrow();
            assertThat(table.problems()).isEmpty();
            assertThat(table.partitions()).extracting(Partition::number).containsExactly(1, 2);
        }
    }

    @Test
    void ebrChainThatLoopsBackIsCutAndReported() {
        byte[] disk = DiskTools.readBytes(image, 0, (int) DISK_SIZE);
        ByteBuffer b = ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN);
        long secondEbr = EXTENDED_START + b.getInt(linkOf(EXTENDED_START) + 8);
        b.putInt(linkOf(secondEbr) + 8, 0); // the second EBR links back to the first

        MbrTable table = (MbrTable) PartitionTables.read(new MemoryDisk(disk)).orElseThrow();

        assertThat(table.partitions()).extracting(Partition::number).containsExactly(1, 2, 3, 5, 6);
        assertThat(table.problems()).containsExactly(
                "EBR chain loops back to sector " + EXTENDED_START + "; stopped after 2 records");
    }

    @Test
    void ebrLinkLeavingTheExtendedPartitionIsCutAndReported() {
        byte[] disk = DiskTools.readBytes(image, 0, (int) DISK_SIZE);
        ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN).putInt(linkOf(EXTENDED_START) + 8, 0xF000_0000);

        MbrTable table = (MbrTable) PartitionTables.read(new MemoryDisk(disk)).orElseThrow();

        assertThat(table.partitions()).extracting(Partition::number).containsExactly(1, 2, 3, 5);
        assertThat(table.problems()).containsExactly("EBR at sector " + EXTENDED_START + " links to sector "
                + (EXTENDED_START + 0xF000_0000L) + ", outside the extended partition; chain stopped");
    }

    @Test
    void endlessChainOfEmptyEbrsIsBounded() {
        byte[] disk = new byte[4 << 20];
        ByteBuffer b = ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN);
        putEntry(b, 446, 0x05, 2048, 4096);
        b.put(510, (byte) 0x55).put(511, (byte) 0xAA);
        for (int i = 0; i < 4096; i++) { // each EBR links to the next sector, and none holds data
            int ebr = (2048 + i) * SECTOR;
            putEntry(b, ebr + 446 + 16, 0x05, i + 1, 1);
            b.put(ebr + 510, (byte) 0x55).put(ebr + 511, (byte) 0xAA);
        }

        PartitionTable table = PartitionTables.read(new MemoryDisk(disk)).orElseThrow();

        assertThat(table.partitions()).extracting(Partition::number).containsExactly(1);
        assertThat(table.problems()).containsExactly(
                "EBR chain longer than " + LogicalPartitions.MAX_EBRS + " records; stopped at sector " + (2048 + 256));
    }

    @Test
    void primaryBeyondTheDiskIsSkippedAndZeroLengthIgnored() {
        byte[] disk = DiskTools.readBytes(image, 0, (int) DISK_SIZE);
        ByteBuffer b = ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN);
        putEntry(b, 446 + 48, 0x83, DISK_SECTORS - 10, 100); // slot 4: runs past the end
        MbrTable beyond = (MbrTable) PartitionTables.read(new MemoryDisk(disk.clone())).orElseThrow();
        putEntry(b, 446 + 48, 0x83, 4096, 0);                 // slot 4: zero length
        MbrTable zero = (MbrTable) PartitionTables.read(new MemoryDisk(disk)).orElseThrow();

        assertThat(beyond.partitions()).extracting(Partition::number).containsExactly(1, 2, 3, 5, 6, 7);
        assertThat(beyond.problems()).containsExactly("partition 4 (sectors " + (DISK_SECTORS - 10)
                + "+100) lies beyond the end of the disk (" + DISK_SECTORS + " sectors); skipped");
        assertThat(zero.partitions()).extracting(Partition::number).containsExactly(1, 2, 3, 5, 6, 7);
        assertThat(zero.problems()).isEmpty();
    }

    @Test
    void overlappingPrimariesAreKeptAndReported() {
        byte[] disk = DiskTools.readBytes(image, 0, (int) DISK_SIZE);
        putEntry(ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN), 446 + 48, 0x83, 4096, 1000);

        MbrTable table = (MbrTable) PartitionTables.read(new MemoryDisk(disk)).orElseThrow();

        assertThat(table.partitions()).extracting(Partition::number).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(table.problems()).containsExactly("partition 4 overlaps partition 1");
    }

    /** Byte offset of the link entry (slot 2) in the EBR at {@code ebr}. */
    private static int linkOf(long ebr) {
        return (int) (ebr * SECTOR + 446 + 16);
    }

    private static void putEntry(ByteBuffer b, int at, int type, long start, long count) {
        b.put(at + 4, (byte) type).putInt(at + 8, (int) start).putInt(at + 12, (int) count);
    }

    private static String text(BlockDevice dev, long offset, int length) {
        ByteBuffer buf = ByteBuffer.allocate(length);
        dev.read(offset, buf);
        return new String(buf.array(), StandardCharsets.US_ASCII);
    }
}
