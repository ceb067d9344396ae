package org.vfscope.app.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A GPT disk with two filesystems, as {@code images/build.sh} makes gpt-disk.img: sgdisk for the
 * table, mke2fs -d for each partition, dd to put them in place. {@code --partition} picks one;
 * without it the command says which there are.
 */
class DiskImageTest {

    @TempDir
    static Path dir;

    static Path disk;

    @BeforeAll
    static void buildDisk() throws Exception {
        assumeTrue(Tools.available("mke2fs") && Tools.available("sgdisk"), "mke2fs and sgdisk are needed");
        Path root = Files.createDirectories(dir.resolve("root/etc"));
        Files.writeString(root.resolve("hostname"), "partition-one\n");
        Path data = Files.createDirectories(dir.resolve("data/files"));
        Files.writeString(data.resolve("note.txt"), "partition-two\n");
        Path p1 = Tools.mke2fs(dir.resolve("root"), dir.resolve("p1.img"), "ext4", "6M");
        Path p2 = Tools.mke2fs(dir.resolve("data"), dir.resolve("p2.img"), "ext2", "4M");
        disk = dir.resolve("disk.img");
        try (FileChannel ch = FileChannel.open(disk, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), 12 * 1024 * 1024 - 1);
        }
        Tools.check("sgdisk", "-o", "-n", "1:2048:14335", "-t", "1:8300", "-n", "2:14336:22527", "-t", "2:8300", disk.toString());
        place(p1, 2048L * 512);
        place(p2, 14336L * 512);
    }

    private static void place(Path partition, long offset) throws IOException {
        try (FileChannel in = FileChannel.open(partition);
             FileChannel out = FileChannel.open(disk, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < in.size()) {
                done += in.transferTo(done, in.size() - done, out.position(offset + done));
            }
        }
    }

    @Test
    void withoutPartitionADiskWithTwoFilesystemsIsAUsageErrorListingThem() {
        Vfscope.Run run = Vfscope.run("ls", disk.toString(), "/");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("vfscope: " + disk + " has 2 filesystems: partition 1 (ext4, 6 MiB), "
                + "partition 2 (ext2, 4 MiB); choose one with --partition N" + System.lineSeparator());
    }

    @Test
    void partitionPicksTheFilesystemBeforeOrAfterTheCommandName() {
        assertThat(Vfscope.run("--partition", "1", "cat", disk.toString(), "/etc/hostname").out()).isEqualTo("partition-one\n");
        assertThat(Vfscope.run("cat", "--partition", "2", disk.toString(), "/files/note.txt").out()).isEqualTo("partition-two\n");
        assertThat(Vfscope.run("cat", disk.toString(), "/files/note.txt", "--partition=2").out()).isEqualTo("partition-two\n");
    }

    @Test
    void aPartitionTheDiskDoesNotHaveIsAUsageError() {
        Vfscope.Run run = Vfscope.run("ls", "--partition", "3", disk.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("vfscope: " + disk + " has no partition 3 (its partitions: 1, 2)" + System.lineSeparator());
    }

    @Test
    void infoListsBothPartitionsAndBothSuperblocks() {
        JsonNode info = Vfscope.run("info", "--json", disk.toString()).json();

        assertThat(info.get("partition_table").asText()).isEqualTo("gpt");
        assertThat(info.get("size").asLong()).isEqualTo(12 * 1024 * 1024);
        assertThat(info.get("partitions")).hasSize(2);
        assertThat(info.get("partitions").get(0).get("start").asLong()).isEqualTo(2048L * 512);
        assertThat(info.get("partitions").get(1).get("filesystem").asText()).isEqualTo("ext2");
        assertThat(info.get("filesystems")).hasSize(2);
        assertThat(info.get("filesystems").get(0).get("superblock").get("blocks_count").asLong()).isPositive();

        JsonNode one = Vfscope.run("info", "--json", "--partition", "2", disk.toString()).json();
        assertThat(one.get("partitions")).hasSize(2);
        assertThat(one.get("filesystems")).hasSize(1);
        assertThat(one.get("filesystems").get(0).get("partition").asInt()).isEqualTo(2);
    }

    @Test
    void aDiskWithOneFilesystemNeedsNoPartitionOption() throws Exception {
        Path single = dir.resolve("single.img");
        Files.copy(disk, single);
        try (FileChannel ch = FileChannel.open(single, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(64 * 1024), 14336L * 512); // wipe partition 2's superblock
        }
        Vfscope.Run run = Vfscope.run("cat", single.toString(), "/etc/hostname");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("partition-one\n");

        Vfscope.Run empty = Vfscope.run("ls", "--partition", "2", single.toString());
        assertThat(empty.status()).isEqualTo(8);
        assertThat(empty.err()).isEqualTo("vfscope: " + single + " partition 2: no recognised filesystem (partition type "
                + "Linux filesystem)" + System.lineSeparator());
    }
}
