package org.vfscope.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.block.TestImages.assertErrno;
import static org.vfscope.block.TestImages.contents;
import static org.vfscope.block.TestImages.image;
import static org.vfscope.block.TestImages.overwrite;
import static org.vfscope.block.TestImages.pattern;
import static org.vfscope.block.TestImages.read;
import static org.vfscope.block.TestImages.write;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

class FileBlockDeviceTest {
    @TempDir
    Path dir;

    private final byte[] original = pattern(8192, 1);

    @Test
    void readsTheFileAtAnyByteOffset() {
        try (FileBlockDevice dev = FileBlockDevice.open(image(dir, "a.img", original), false)) {
            assertThat(read(dev, 1000, 3000)).isEqualTo(Arrays.copyOfRange(original, 1000, 4000));
        }
    }

    @Test
    void describesTheImage() {
        try (FileBlockDevice dev = FileBlockDevice.open(image(dir, "a.img", original), false)) {
            assertThat(dev.name()).isEqualTo("a.img");
            assertThat(dev.size()).isEqualTo(8192);
            assertThat(dev.logicalBlockSize()).isEqualTo(512);
            assertThat(dev.isReadOnly()).isTrue();
        }
    }

    @Test
    void writesReachTheFile() {
        Path img = image(dir, "a.img", original);
        byte[] data = pattern(700, 2);
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            write(dev, 513, data);
            dev.flush();
        }
        assertThat(contents(img)).isEqualTo(overwrite(original, 513, data));
    }

    @Test
    void writeToReadOnlyDeviceFailsWithErofs() {
        Path img = image(dir, "a.img", original);
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            assertErrno(Errno.EROFS, () -> write(dev, 0, new byte[512]));
        }
        assertThat(contents(img)).isEqualTo(original);
    }

    @Test
    void readBeyondTheEndFailsWithEioNamingTheOffset() {
        try (FileBlockDevice dev = FileBlockDevice.open(image(dir, "a.img", original), false)) {
            VfsException e = assertErrno(Errno.EIO, () -> read(dev, 8000, 512));
            assertThat(e.getMessage()).contains("a.img", "attempt to access beyond end of device", "offset 8000");
        }
    }

    @Test
    void writeBeyondTheEndFailsWithEioAndDoesNotGrowTheFile() {
        Path img = image(dir, "a.img", original);
        try (FileBlockDevice dev = FileBlockDevice.open(img, true)) {
            assertErrno(Errno.EIO, () -> write(dev, 8192, new byte[1]));
        }
        assertThat(contents(img)).isEqualTo(original);
    }

    @Test
    void negativeOffsetFailsWithEinval() {
        try (FileBlockDevice dev = FileBlockDevice.open(image(dir, "a.img", original), false)) {
            assertErrno(Errno.EINVAL, () -> read(dev, -1, 1));
        }
    }

    @Test
    void sizeIsTheFileSizeEvenWhenTheLastBlockIsPartial() {
        byte[] odd = pattern(1000, 3);
        try (FileBlockDevice dev = FileBlockDevice.open(image(dir, "odd.img", odd), false)) {
            assertThat(dev.size()).isEqualTo(1000);
            assertThat(read(dev, 512, 488)).isEqualTo(Arrays.copyOfRange(odd, 512, 1000));
            assertErrno(Errno.EIO, () -> read(dev, 512, 512));
        }
    }

    @Test
    void readOfAFileTruncatedWhileOpenFailsWithEio() throws IOException {
        Path img = image(dir, "a.img", original);
        try (FileBlockDevice dev = FileBlockDevice.open(img, false)) {
            try (RandomAccessFile raf = new RandomAccessFile(img.toFile(), "rw")) {
                raf.setLength(4096);
            }
            VfsException e = assertErrno(Errno.EIO, () -> read(dev, 4000, 512));
            assertThat(e.getMessage()).contains("short read");
        }
    }

    @Test
    void missingFileFailsWithEnoent() {
        assertErrno(Errno.ENOENT, () -> FileBlockDevice.open(dir.resolve("missing.img"), false));
    }

    @Test
    void directoryFailsWithEisdir() {
        assertErrno(Errno.EISDIR, () -> FileBlockDevice.open(dir, false));
    }

    @Test
    void logicalBlockSizeCanBeChosenButMustBeAPowerOfTwo() {
        Path img = image(dir, "cd.iso", original);
        try (FileBlockDevice dev = FileBlockDevice.open(img, false, 2048)) {
            assertThat(dev.logicalBlockSize()).isEqualTo(2048);
        }
        assertErrno(Errno.EINVAL, () -> FileBlockDevice.open(img, false, 1000));
    }

    @Test
    void anInterruptedRequestFailsButTheDeviceStaysUsable() {
        try (FileBlockDevice dev = FileBlockDevice.open(image(dir, "a.img", original), false)) {
            Thread.currentThread().interrupt();
            try {
                assertErrno(Errno.EIO, () -> read(dev, 0, 512));
            } finally {
                Thread.interrupted();
            }
            assertThat(read(dev, 0, 512)).isEqualTo(Arrays.copyOf(original, 512));
        }
    }

    @Test
    void anotherThreadsInterruptDoesNotFailThisThreadsReads() throws InterruptedException {
        try (FileBlockDevice dev = FileBlockDevice.open(image(dir, "a.img", original), false)) {
            AtomicInteger interruptedFailures = new AtomicInteger();
            Thread interrupted = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    Thread.currentThread().interrupt();
                    try {
                        dev.read(0, ByteBuffer.allocate(512));
                    } catch (VfsException e) {
                        interruptedFailures.incrementAndGet();
                    }
                }
            });
            interrupted.start();
            for (int i = 0; i < 2000; i++) {
                assertThat(read(dev, (i % 16) * 512L, 512)).isEqualTo(Arrays.copyOfRange(original, (i % 16) * 512, (i % 16) * 512 + 512));
            }
            interrupted.join();
            assertThat(interruptedFailures).hasValue(200);
        }
    }

    @Test
    void requestsAfterCloseFailWithEio() {
        FileBlockDevice dev = FileBlockDevice.open(image(dir, "a.img", original), false);
        dev.close();
        dev.close();
        assertErrno(Errno.EIO, () -> dev.read(0, ByteBuffer.allocate(1)));
    }
}
