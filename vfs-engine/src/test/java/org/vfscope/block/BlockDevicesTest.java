package org.vfscope.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.block.TestImages.assertErrno;
import static org.vfscope.block.TestImages.contents;
import static org.vfscope.block.TestImages.image;
import static org.vfscope.block.TestImages.manualClock;
import static org.vfscope.block.TestImages.overwrite;
import static org.vfscope.block.TestImages.pattern;
import static org.vfscope.block.TestImages.read;
import static org.vfscope.block.TestImages.sha256;
import static org.vfscope.block.TestImages.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.block.BlockDevices.OpenMode;
import org.vfscope.vfs.Errno;

class BlockDevicesTest {
    @TempDir
    Path dir;

    private final byte[] original = pattern(8192, 1);

    @Test
    void copyOnWriteLeavesTheFileUntouchedUntilCommit() {
        Path img = image(dir, "a.img", original);
        String before = sha256(img);
        byte[] data = pattern(100, 2);
        try (InstrumentedDevice dev = BlockDevices.openImage(img, OpenMode.COPY_ON_WRITE, manualClock())) {
            assertThat(dev.isReadOnly()).isFalse();
            write(dev, 10, data);
            assertThat(read(dev, 10, 100)).isEqualTo(data);
            assertThat(sha256(img)).isEqualTo(before);
            CowOverlay overlay = BlockDevices.overlayOf(dev).orElseThrow();
            assertThat(overlay.isDirty()).isTrue();
            overlay.commit();
        }
        assertThat(contents(img)).isEqualTo(overwrite(original, 10, data));
    }

    @Test
    void readOnlyRefusesWritesWithErofs() {
        Path img = image(dir, "a.img", original);
        try (InstrumentedDevice dev = BlockDevices.openImage(img, OpenMode.READ_ONLY, manualClock())) {
            assertThat(dev.isReadOnly()).isTrue();
            assertErrno(Errno.EROFS, () -> write(dev, 0, new byte[1]));
            assertThat(BlockDevices.overlayOf(dev)).isEmpty();
        }
    }

    @Test
    void readWriteWritesStraightIntoTheFile() {
        Path img = image(dir, "a.img", original);
        byte[] data = pattern(100, 2);
        try (InstrumentedDevice dev = BlockDevices.openImage(img, OpenMode.READ_WRITE, manualClock())) {
            write(dev, 10, data);
            assertThat(contents(img)).isEqualTo(overwrite(original, 10, data));
        }
    }

    @Test
    void overlayOfLooksThroughPartitions() {
        Path img = image(dir, "a.img", original);
        try (InstrumentedDevice dev = BlockDevices.openImage(img, OpenMode.COPY_ON_WRITE, manualClock())) {
            PartitionView p = new PartitionView(dev, 1, 4096, 4096);
            assertThat(BlockDevices.overlayOf(p).orElseThrow()).isSameAs(dev.inner());
        }
    }
}
