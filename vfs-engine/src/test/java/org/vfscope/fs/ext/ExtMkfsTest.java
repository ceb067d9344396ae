package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfscope.block.BlockDevices;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.fs.Mkfs;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.VfsException;

/** Our mkfs for ext2, judged by e2fsck -fn and dumpe2fs, then written and judged again. */
class ExtMkfsTest {

    static Path make(Path img, long bytes, String label, int blockSize) throws Exception {
        return make("ext2", img, bytes, label, blockSize);
    }

    /** Formats a fresh image file of {@code bytes} with our formatter for {@code type}. */
    static Path make(String type, Path img, long bytes, String label, int blockSize) throws Exception {
        Kernel.boot(KernelClock.system()); // registers the formatters
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(bytes);
            f.seek(bytes / 2);
            f.write(new byte[] {(byte) 0xAA, 0x55}); // old content mkfs must not leave behind in metadata
        }
        try (InstrumentedDevice dev = BlockDevices.openImage(img, BlockDevices.OpenMode.READ_WRITE, KernelClock.system())) {
            Mkfs.forType(type).orElseThrow().format(dev, new Mkfs.Options(Instant.now(), label, blockSize));
        }
        return img;
    }

    @ParameterizedTest(name = "{0} bytes, block size {1}")
    @CsvSource({"65536, 0, 1024", "1048576, 0, 1024", "2500000, 0, 1024", "8388608, 0, 1024", "67108864, 0, 1024",
        "300000000, 0, 1024", "600000000, 0, 4096", "33554432, 2048, 2048", "16777216, 4096, 4096"})
    void madeImagesPassE2fsckAndTakeWrites(long bytes, int asked, int expectBs, @TempDir Path tmp) throws Exception {
        Path img = make(tmp.resolve("img"), bytes, "vfscope", asked);
        ExtRefCheck.fsck(img, "mkfs");
        String dump = ExtTools.run("dumpe2fs", "-h", img.toString());
        assertThat(dump).contains("Block size:               " + expectBs)
                .contains("Filesystem revision #:    1 (dynamic)")
                .contains("Filesystem volume name:   vfscope")
                .contains("Inode size:\t          256")
                .containsPattern("Filesystem features:\\s+ext_attr dir_index filetype sparse_super large_file");
        writeAndJudge(img, "ext2", 20_000, bytes, tmp);
    }

    /** A directory, a file of {@code fileSize} random bytes and a symlink written, then judged by e2fsck and debugfs. */
    static void writeAndJudge(Path img, String type, int fileSize, long seed, Path tmp) throws Exception {
        ExtModel model = ExtModel.empty("/mnt");
        ExtRw rw = ExtRw.mount(img, type);
        model.mkdir(rw.p, "/d", 0755);
        model.write(rw.p, "/d/f", 0644, 0, SourceTree.bytes(new java.util.Random(seed), fileSize));
        model.symlink(rw.p, "d/f", "/s");
        rw.unmount();
        ExtWriteTest.judge(img, model, tmp, type, type + " mkfs then writes");
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"32768", "40000"})
    void tooSmallIsEinval(long bytes, @TempDir Path tmp) {
        assertThatThrownBy(() -> make(tmp.resolve("img"), bytes, "", 0)).isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.EINVAL);
    }
}
