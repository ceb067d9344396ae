package org.vfscope.block.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.vfscope.block.partition.DiskTools.SECTOR;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.block.BlockDevice;
import org.vfscope.block.FileBlockDevice;
import org.vfscope.block.MemoryDisk;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/** GPT disks made by sgdisk, read back and judged by sfdisk and sgdisk. */
class GptTableTest {
    private static final long DISK_SIZE = 64L << 20;
    private static final long LAST_LBA = DISK_SIZE / SECTOR - 1;

    @TempDir
    static Path templateDir;
    private static Path template;
    @TempDir
    Path dir;
    private Path image;

    /**
     * EFI System, Linux filesystem and (in slot 4, legacy-BIOS-bootable) Linux swap with a non-ASCII
     * name; made once, as sgdisk takes a second per run.
     */
    @BeforeAll
    static void createTemplate() {
        template = DiskTools.blankImage(templateDir, "template.img", DISK_SIZE);
        DiskTools.run("sgdisk",
                "-n", "1:2048:+8M", "-t", "1:ef00", "-c", "1:EFI system",
                "-n", "2:0:+16M", "-t", "2:8300", "-c", "2:root fs",
                "-n", "4:0:+4M", "-t", "4:8200", "-c", "4:swap ü", "-A", "4:set:2",
                template.toString());
    }

    @BeforeEach
    void copyDisk() throws IOException {
        image = Files.copy(template, dir.resolve("gpt.img"));
    }

    private GptTable read() {
        try (BlockDevice disk = FileBlockDevice.open(image, false)) {
            return (GptTable) PartitionTables.read(disk).orElseThrow();
        }
    }

    @Test
    void partitionsMatchSfdisk() {
        GptTable table = read();

        assertThat(table.problems()).isEmpty();
        assertThat(table.usedBackup()).isFalse();
        assertMatchesSfdisk(table);
    }

    @Test
    void partitionsMatchSgdisk() {
        for (Partition p : read().partitions()) {
            String info = DiskTools.run("sgdisk", "-i", String.valueOf(p.number()), image.toString());
            assertThat(info)
                    .contains("Partition GUID code: " + p.typeId())
                    .contains("First sector: " + p.start() / SECTOR + " ")
                    .contains("Last sector: " + (p.end() / SECTOR - 1) + " ")
                    .contains("Partition name: '" + p.name() + "'");
        }
    }

    @Test
    void typesHaveFriendlyNamesAndSlotsKeepTheirNumbers() {
        assertThat(read().partitions())
                .extracting(Partition::number, Partition::type, Partition::name, Partition::bootable)
                .containsExactly(
                        tuple(1, "EFI System", "EFI system", false),
                        tuple(2, "Linux filesystem", "root fs", false),
                        tuple(4, "Linux swap", "swap ü", true));
    }

    @Test
    void openedPartitionReadsItsOwnBytes() {
        for (Partition p : read().partitions()) {
            DiskTools.ddMarker(image, p.start(), "first of p" + p.number());
            DiskTools.ddMarker(image, p.end() - SECTOR, "last of p" + p.number());
        }
        try (BlockDevice disk = FileBlockDevice.open(image, false)) {
            for (Partition p : PartitionTables.read(disk).orElseThrow().partitions()) {
                BlockDevice part = p.open(disk);
                assertThat(part.name()).isEqualTo("gpt.img p" + p.number());
                assertThat(part.size()).isEqualTo(p.length());
                assertThat(text(part, 0, "first of p" + p.number())).isEqualTo("first of p" + p.number());
                assertThat(text(part, p.length() - SECTOR, "last of p" + p.number())).isEqualTo("last of p" + p.number());
            }
        }
    }

    @Test
    void damagedPrimaryHeaderFallsBackToTheBackup() {
        List<Partition> intact = read().partitions();
        DiskTools.flipByte(image, SECTOR + 60); // inside the disk GUID, covered by the header CRC

        GptTable table = read();

        assertThat(table.usedBackup()).isTrue();
        assertThat(table.problems()).containsExactly("primary GPT header CRC mismatch; using the backup");
        assertThat(table.partitions()).isEqualTo(intact);
        assertMatchesSfdisk(table); // libfdisk falls back to the backup too
        assertThat(DiskTools.run("sgdisk", "-v", image.toString())).contains("corrupt GPT");
    }

    @Test
    void damagedPrimaryEntryArrayFallsBackToTheBackup() {
        List<Partition> intact = read().partitions();
        DiskTools.flipByte(image, 2L * SECTOR + 128 + 56); // the second entry's name

        GptTable table = read();

        assertThat(table.usedBackup()).isTrue();
        assertThat(table.problems()).containsExactly(
                "primary GPT partition entry array CRC mismatch; using the backup");
        assertThat(table.partitions()).isEqualTo(intact);
    }

    @Test
    void damagedBackupIsReportedWhileThePrimaryIsUsed() {
        DiskTools.flipByte(image, LAST_LBA * SECTOR + 60);

        GptTable table = read();

        assertThat(table.usedBackup()).isFalse();
        assertThat(table.problems()).containsExactly("backup GPT header CRC mismatch");
        assertThat(table.partitions()).hasSize(3);
    }

    @Test
    void bothHeadersDamagedIsStructureNeedsCleaning() {
        DiskTools.flipByte(image, SECTOR + 60);
        DiskTools.flipByte(image, LAST_LBA * SECTOR + 60);

        try (BlockDevice disk = FileBlockDevice.open(image, false)) {
            assertThatThrownBy(() -> PartitionTables.read(disk))
                    .isInstanceOfSatisfying(VfsException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.EUCLEAN);
                        assertThat(e.where()).isEqualTo("gpt.img");
                        assertThat(e.getMessage()).contains("primary header CRC mismatch")
                                .contains("backup header CRC mismatch");
                    });
        }
    }

    @Test
    void oversizedEntryArrayIsRefusedWithoutReadingIt() {
        byte[] disk = DiskTools.readBytes(image, 0, (int) DISK_SIZE);
        ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN).putInt(SECTOR + 80, 0x7FFF_FFFF);
        DiskTools.resealGpt(disk, SECTOR); // a consistent header that asks for 256 GiB of entries

        GptTable table = (GptTable) PartitionTables.read(new MemoryDisk(disk)).orElseThrow();

        assertThat(table.usedBackup()).isTrue();
        assertThat(table.problems()).singleElement().asString()
                .startsWith("primary GPT partition entry array of 2147483647 x 128 bytes")
                .endsWith("; using the backup");
    }

    @Test
    void entriesBeyondTheDiskAreSkippedAndOverlapsNoted() {
        byte[] disk = DiskTools.readBytes(image, 0, (int) DISK_SIZE);
        ByteBuffer b = ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN);
        int entry2 = 2 * SECTOR + 128;
        int entry3 = 2 * SECTOR + 256;
        int entry5 = 2 * SECTOR + 512;
        System.arraycopy(disk, entry2, disk, entry3, 128);  // slot 3: a copy of slot 2, so they overlap
        System.arraycopy(disk, entry2, disk, entry5, 128);  // slot 5: past the end of the disk
        b.putLong(entry5 + 32, LAST_LBA + 1).putLong(entry5 + 40, LAST_LBA + 100);
        DiskTools.resealGpt(disk, SECTOR);

        GptTable table = (GptTable) PartitionTables.read(new MemoryDisk(disk)).orElseThrow();

        assertThat(table.partitions()).extracting(Partition::number).containsExactly(1, 2, 3, 4);
        assertThat(table.problems()).containsExactly(
                "primary and backup GPT partition entries differ; using the primary",
                "partition 5 (LBA 131072-131171) lies beyond the end of the disk or ends before it starts; skipped",
                "partition 3 overlaps partition 2");
    }

    @Test
    void protectiveMbrIsWhatMakesItGpt() {
        byte[] mbr = DiskTools.readBytes(image, 0, SECTOR);
        assertThat(mbr[446 + 4] & 0xFF).isEqualTo(0xEE);
        assertThat(Arrays.copyOfRange(mbr, 510, 512)).containsExactly(0x55, 0xAA);

        mbr[446 + 4] = (byte) 0x83; // the same disk, its protective entry turned into a Linux one
        DiskTools.writeBytes(image, 0, mbr);
        try (BlockDevice disk = FileBlockDevice.open(image, false)) {
            assertThat(PartitionTables.read(disk)).get().isInstanceOf(MbrTable.class);
        }
    }

    private void assertMatchesSfdisk(GptTable table) {
        JsonNode sfdisk = DiskTools.sfdiskJson(image);
        assertThat(table.scheme()).isEqualTo("gpt").isEqualTo(sfdisk.get("label").asText());
        assertThat(Guids.text(table.diskGuid())).isEqualTo(sfdisk.get("id").asText());
        JsonNode expected = sfdisk.get("partitions");
        assertThat(table.partitions()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            Partition p = table.partitions().get(i);
            assertThat(p.number()).isEqualTo(DiskTools.numberOf(e, image));
            assertThat(p.start()).isEqualTo(e.get("start").asLong() * SECTOR);
            assertThat(p.length()).isEqualTo(e.get("size").asLong() * SECTOR);
            assertThat(p.typeId()).isEqualTo(e.get("type").asText());
            assertThat(p.name()).isEqualTo(e.get("name").asText());
            assertThat(p.bootable()).isEqualTo(e.path("attrs").asText().contains("LegacyBIOSBootable"));
        }
    }

    private static String text(BlockDevice dev, long offset, String expected) {
        ByteBuffer buf = ByteBuffer.allocate(expected.length());
        dev.read(offset, buf);
        return new String(buf.array(), StandardCharsets.UTF_8);
    }
}
