package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfscope.block.BlockDevices;
import org.vfscope.fs.FsProbe;
import org.vfscope.vfs.KernelClock;

/**
 * Every layout mke2fs can make reads back exactly as the tree it was made from: the reference
 * tool is the judge. One image per feature combination.
 */
class ExtReadTreeTest {

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("ext2 1KiB 128-byte inodes", "ext2", 1024, true, "16M", new String[] {"-b", "1024", "-I", "128"}),
                Arguments.of("ext2 4KiB", "ext2", 4096, true, "32M", new String[] {"-b", "4096"}),
                Arguments.of("ext2 revision 0", "ext2", 1024, false, "16M", new String[] {"-b", "1024", "-r", "0"}),
                Arguments.of("ext3 1KiB 128-byte inodes", "ext3", 1024, true, "16M", new String[] {"-b", "1024", "-I", "128"}),
                Arguments.of("ext3 2KiB", "ext3", 2048, true, "16M", new String[] {"-b", "2048"}),
                Arguments.of("ext4 defaults (4KiB)", "ext4", 4096, true, "32M", new String[] {"-b", "4096"}),
                Arguments.of("ext4 1KiB", "ext4", 1024, true, "16M", new String[] {"-b", "1024"}),
                Arguments.of("ext4 2KiB 128-byte inodes", "ext4", 2048, true, "16M", new String[] {"-b", "2048", "-I", "128"}),
                Arguments.of("ext4 gdt_csum, 32-byte descriptors", "ext4", 4096, true, "32M",
                        new String[] {"-b", "4096", "-O", "^metadata_csum,^64bit,uninit_bg"}),
                Arguments.of("ext4 without extents", "ext4", 4096, true, "32M", new String[] {"-b", "4096", "-O", "^extent,^64bit"}),
                Arguments.of("ext4 meta_bg", "ext4", 1024, true, "64M", new String[] {"-b", "1024", "-O", "meta_bg,^resize_inode"}),
                Arguments.of("ext4 inline_data", "ext4", 4096, true, "32M", new String[] {"-b", "4096", "-O", "inline_data"}),
                Arguments.of("ext4 no dir_index", "ext4", 1024, true, "16M", new String[] {"-b", "1024", "-O", "^dir_index"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void imageReadsBackAsItsSourceTree(String label, String type, int bs, boolean xattrs, String size, String[] opts,
            @TempDir Path tmp) {
        Path src = SourceTree.build(tmp.resolve("src"), bs, xattrs);
        Path img = ExtTools.mkfs(tmp.resolve("img"), type, size, src, opts);

        ExtTools.Mounted m = ExtTools.mount(img, type);
        TreeComparer cmp = new TreeComparer(m.p(), "/mnt", src);
        cmp.compare(xattrs);

        assertThat(cmp.files).isGreaterThan(190);
        assertThat(m.ext().info().blockSize()).isEqualTo(bs);
        assertThat(m.ext().problems()).as("problems on a clean image").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void proberNamesTheTypeAsBlkidDoes(String label, String type, int bs, boolean xattrs, String size, String[] opts,
            @TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), type, size, null, opts);
        var clock = new KernelClock.Manual(java.time.Instant.EPOCH);
        org.vfscope.vfs.Kernel.boot(clock);
        try (var dev = BlockDevices.openImage(img, BlockDevices.OpenMode.READ_ONLY, clock)) {
            String blkid = ExtTools.run("blkid", "-o", "value", "-s", "TYPE", img.toString()).trim();
            assertThat(FsProbe.identify(dev)).contains(blkid);
        }
    }
}
