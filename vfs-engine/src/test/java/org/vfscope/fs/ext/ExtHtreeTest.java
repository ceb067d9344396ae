package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * dir_index directories are looked up through their index, for every hash e2fsck can build them
 * with, one and two levels deep; a broken index falls back to the linear scan.
 */
class ExtHtreeTest {
    private static final int ENTRIES = 3000;

    private static List<String> names(boolean longNames) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            String base = (i % 7 == 0 ? "grüße-ünïcödé-" : "file-") + i;
            out.add(longNames ? base + "-" + "padding-to-make-more-leaf-blocks-".repeat(2) : base);
        }
        return out;
    }

    private static Path bigDirImage(Path tmp, String blockSize, boolean longNames, String hashAlg, boolean unsigned)
            throws IOException {
        Path big = Files.createDirectories(tmp.resolve("src/big"));
        for (String n : names(longNames)) {
            Files.write(big.resolve(n), n.getBytes());
        }
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext4", "32M", tmp.resolve("src"), "-b", blockSize);
        ExtTools.run("tune2fs", "-E", "hash_alg=" + hashAlg, img.toString());
        if (unsigned) {
            ExtTools.debugfsWrite(img, "ssv flags 2");
        }
        ExtTools.reindex(img);
        return img;
    }

    @ParameterizedTest(name = "{0}-byte blocks, {2}{3}, long names {1}")
    @CsvSource({"4096, false, half_md4, false", "4096, false, tea, false", "4096, false, legacy, false",
        "4096, false, half_md4, true", "4096, false, tea, true", "1024, true, half_md4, false",
        "1024, true, legacy, true"})
    void everyNameIsFoundThroughTheIndex(String blockSize, boolean longNames, String hashAlg, boolean unsigned,
            @TempDir Path tmp) throws IOException {
        Path img = bigDirImage(tmp, blockSize, longNames, hashAlg, unsigned);
        String htree = ExtTools.debugfs(img, "htree /big");
        ExtTools.Mounted m = ExtTools.mount(img, "ext4");
        m.p().lstat("/mnt/big");
        ExtInode dir = (ExtInode) m.kernel().dcache().lookup(m.sb().root(), "big").inode();
        assertThat(new ExtDirectory(m.ext().fs(), dir).isIndexed()).isTrue();
        if (longNames) {
            assertThat(htree).contains("Indirect levels: 1");
        }
        ExtStats stats = m.ext().stats();
        long linearBefore = stats.linearLookups();

        for (String n : names(longNames)) {
            assertThat(m.p().lstat("/mnt/big/" + n).size()).as(n).isEqualTo(n.getBytes().length);
        }
        for (int i = 0; i < 50; i++) {
            String missing = "/mnt/big/missing-" + i;
            assertThatThrownBy(() -> m.p().lstat(missing)).isInstanceOf(VfsException.class)
                    .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.ENOENT);
        }

        assertThat(stats.htreeLookups()).isEqualTo(ENTRIES + 50);
        assertThat(stats.linearLookups()).isEqualTo(linearBefore);
        assertThat(stats.htreeFallbacks()).isZero();
        assertThat(TreeComparer.names(m.p(), "/mnt/big")).hasSize(ENTRIES + 2);
        assertThat(m.ext().problems()).isEmpty();
    }

    @Test
    void aBrokenIndexFallsBackToTheLinearScanAndIsReported(@TempDir Path tmp) throws IOException {
        Path img = bigDirImage(tmp, "4096", false, "half_md4", false);
        long rootBlock = firstBlock(img, "/big");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(rootBlock * 4096 + 24 + 5); // dx_root_info.info_length
            f.write(9);
        }
        ExtTools.Mounted m = ExtTools.mount(img, "ext4");

        List<String> names = names(false);
        for (int i = 0; i < names.size(); i += 97) {
            assertThat(m.p().lstat("/mnt/big/" + names.get(i)).size()).isEqualTo(names.get(i).getBytes().length);
        }

        assertThat(m.ext().stats().htreeFallbacks()).isPositive();
        assertThat(m.ext().problems()).anySatisfy(p -> assertThat(p.code()).isEqualTo(ExtProblem.Code.HTREE_BAD));
    }

    static long firstBlock(Path img, String path) {
        Matcher mt = Pattern.compile("(\\d+)").matcher(ExtTools.debugfs(img, "bmap " + path + " 0"));
        assertThat(mt.find()).isTrue();
        return Long.parseLong(mt.group(1));
    }
}
