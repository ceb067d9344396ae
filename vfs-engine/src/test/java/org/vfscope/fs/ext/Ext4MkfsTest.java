package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/** Our mkfs for ext4, judged by e2fsck -fn (checksums, resize inode, journal) and dumpe2fs, then written. */
class Ext4MkfsTest {

    static Path make(Path img, long bytes, String label, int blockSize) throws Exception {
        return ExtMkfsTest.make("ext4", img, bytes, label, blockSize);
    }

    @ParameterizedTest(name = "{0} bytes, block size {1}")
    @CsvSource({"8388608, 0, 1024", "67108864, 0, 1024", "300000000, 0, 1024", "600000000, 0, 4096",
        "33554432, 2048, 2048", "16777216, 4096, 4096", "2147483648, 0, 4096"})
    void madeImagesPassE2fsckAndTakeWrites(long bytes, int asked, int expectBs, @TempDir Path tmp) throws Exception {
        Path img = make(tmp.resolve("img"), bytes, "vfscope", asked);
        ExtRefCheck.fsck(img, "mkfs");
        String dump = ExtTools.run("dumpe2fs", "-h", img.toString());
        assertThat(dump).contains("Block size:               " + expectBs)
                .contains("Filesystem volume name:   vfscope")
                .contains("Inode size:\t          256")
                .contains("Filesystem features:      has_journal ext_attr resize_inode dir_index filetype extent 64bit"
                        + " flex_bg sparse_super large_file huge_file dir_nlink extra_isize metadata_csum")
                .contains("Journal inode:            8")
                .contains("Checksum type:            crc32c");
        ExtMkfsTest.writeAndJudge(img, "ext4", 200_000, bytes, tmp);
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"65536", "1048576"})
    void tooSmallForAJournalIsEinval(long bytes, @TempDir Path tmp) {
        assertThatThrownBy(() -> make(tmp.resolve("img"), bytes, "", 0)).isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.EINVAL);
    }
}
