package org.vfscope.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.block.TestImages.assertErrno;
import static org.vfscope.block.TestImages.contents;
import static org.vfscope.block.TestImages.image;
import static org.vfscope.block.TestImages.overwrite;
import static org.vfscope.block.TestImages.pattern;
import static org.vfscope.block.TestImages.read;
import static org.vfscope.block.TestImages.write;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.vfs.Errno;

class PartitionViewTest {
    @TempDir
    Path dir;

    private final byte[] disk = pattern(16 * 1024, 1);

    @Test
    void readsAreRelativeToThePartitionStart() {
        try (FileBlockDevice base = FileBlockDevice.open(image(dir, "disk.img", disk), false)) {
            PartitionView p = new PartitionView(base, 2, 4096, 8192);
            assertThat(p.size()).isEqualTo(8192);
            assertThat(read(p, 10, 100)).isEqualTo(Arrays.copyOfRange(disk, 4106, 4206));
        }
    }

    @Test
    void writesLandInsideTheWindowOnly() {
        Path img = image(dir, "disk.img", disk);
        byte[] data = pattern(512, 2);
        try (FileBlockDevice base = FileBlockDevice.open(img, true)) {
            write(new PartitionView(base, 1, 1024, 2048), 1536, data);
        }
        assertThat(contents(img)).isEqualTo(overwrite(disk, 2560, data));
    }

    @Test
    void accessBeyondThePartitionFailsWithEioThoughTheDiskGoesOn() {
        try (FileBlockDevice base = FileBlockDevice.open(image(dir, "disk.img", disk), false)) {
            PartitionView p = new PartitionView(base, 1, 1024, 2048);
            var e = assertErrno(Errno.EIO, () -> read(p, 2000, 100));
            assertThat(e.getMessage()).contains("disk.img p1", "attempt to access beyond end of device", "offset 2000");
        }
    }

    @Test
    void aPartitionReachingPastTheDiskIsRejectedWithEinval() {
        try (FileBlockDevice base = FileBlockDevice.open(image(dir, "disk.img", disk), false)) {
            assertErrno(Errno.EINVAL, () -> new PartitionView(base, 1, 8192, 8193));
            assertErrno(Errno.EINVAL, () -> new PartitionView(base, -512, 1024, "bad"));
        }
    }

    @Test
    void isNamedAfterTheDiskAndNumberOrAsGiven() {
        try (FileBlockDevice base = FileBlockDevice.open(image(dir, "disk.img", disk), false)) {
            assertThat(new PartitionView(base, 2, 0, 512).name()).isEqualTo("disk.img p2");
            assertThat(new PartitionView(base, 0, 512, "EFI system").name()).isEqualTo("EFI system");
        }
    }

    @Test
    void writeToAPartitionOfAReadOnlyDiskFailsWithErofs() {
        try (FileBlockDevice base = FileBlockDevice.open(image(dir, "disk.img", disk), false)) {
            PartitionView p = new PartitionView(base, 1, 0, 4096);
            assertThat(p.isReadOnly()).isTrue();
            assertErrno(Errno.EROFS, () -> write(p, 0, new byte[1]));
        }
    }

    @Test
    void closingTheViewLeavesTheDiskOpen() {
        try (FileBlockDevice base = FileBlockDevice.open(image(dir, "disk.img", disk), false)) {
            new PartitionView(base, 1, 0, 4096).close();
            assertThat(read(base, 0, 16)).isEqualTo(Arrays.copyOf(disk, 16));
        }
    }
}
