package org.vfscope.block.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.block.BlockDevice;
import org.vfscope.block.FileBlockDevice;

/** Images with no partition table, some of which end their first sector with 0x55AA all the same. */
class BareImageTest {
    @TempDir
    Path dir;

    private static Optional<PartitionTable> read(Path image) {
        try (BlockDevice disk = FileBlockDevice.open(image, false)) {
            return PartitionTables.read(disk);
        }
    }

    @Test
    void ext4ImageHasNoTable() {
        Path image = dir.resolve("ext4.img");
        DiskTools.run("mke2fs", "-q", "-F", "-t", "ext4", image.toString(), "8M");

        assertThat(read(image)).isEmpty();
    }

    @Test
    void ext4ImageWithBootSignatureHasNoTable() {
        Path image = dir.resolve("ext4.img");
        DiskTools.run("mke2fs", "-q", "-F", "-t", "ext4", image.toString(), "8M");
        DiskTools.writeBytes(image, 446, new byte[] {0, 0, 0, 0, (byte) 0x83, 0, 0, 0, 1, 0, 0, 0, 16, 0, 0, 0});
        DiskTools.writeBytes(image, 510, new byte[] {0x55, (byte) 0xAA}); // e.g. boot code left in sector 0

        assertThat(read(image)).isEmpty();
    }

    @Test
    void fatImageHasNoTableThoughItEndsWith55Aa() {
        Path image = dir.resolve("fat.img");
        DiskTools.run("mkfs.vfat", "-C", image.toString(), "8192");
        assertThat(DiskTools.readBytes(image, 510, 2)).containsExactly(0x55, 0xAA);

        assertThat(read(image)).isEmpty();
    }

    @Test
    void fat32ImageHasNoTable() {
        Path image = dir.resolve("fat32.img");
        DiskTools.run("mkfs.vfat", "-F", "32", "-C", image.toString(), "40960");

        assertThat(read(image)).isEmpty();
    }

    @Test
    void ntfsBootSectorHasNoTable() {
        Path image = DiskTools.blankImage(dir, "ntfs.img", 1 << 20);
        DiskTools.writeBytes(image, 3, "NTFS    ".getBytes(StandardCharsets.US_ASCII));
        DiskTools.writeBytes(image, 510, new byte[] {0x55, (byte) 0xAA});

        assertThat(read(image)).isEmpty();
    }

    @Test
    void zerosAndTinyImagesHaveNoTable() {
        assertThat(read(DiskTools.blankImage(dir, "zeros.img", 1 << 20))).isEmpty();
        assertThat(read(DiskTools.blankImage(dir, "tiny.img", 100))).isEmpty();
    }

    @Test
    void signatureWithImpossibleBootIndicatorIsNoTable() {
        Path image = DiskTools.blankImage(dir, "junk.img", 1 << 20);
        DiskTools.writeBytes(image, 446, new byte[] {0x12, 0, 0, 0, (byte) 0x83, 0, 0, 0, 1, 0, 0, 0, 16, 0, 0, 0});
        DiskTools.writeBytes(image, 510, new byte[] {0x55, (byte) 0xAA});

        assertThat(read(image)).isEmpty();
    }
}
