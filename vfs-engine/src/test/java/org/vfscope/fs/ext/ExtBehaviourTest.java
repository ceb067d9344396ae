package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.StatFs;
import org.vfscope.vfs.VfsException;

/** Unwritten extents, timestamps past 2038, inline data, statfs, mount options and read-only-ness. */
class ExtBehaviourTest {

    private static Errno errnoOf(Throwable t) {
        return ((VfsException) t).errno();
    }

    @Test
    void unwrittenExtentsReadAsZerosEvenOverOldData(@TempDir Path tmp) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        try (RandomAccessFile f = new RandomAccessFile(src.resolve("pre").toFile(), "rw")) {
            f.setLength(100 * 4096L);
        }
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext4", "16M", src, "-b", "4096");
        ExtTools.debugfsWrite(img, "fallocate /pre 0 99");
        assertThat(ExtTools.debugfs(img, "ex /pre")).contains("Uninit");
        long phys = ExtHtreeTest.firstBlock(img, "/pre");
        byte[] garbage = new byte[4096 * 4];
        Arrays.fill(garbage, (byte) 0xAA);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(phys * 4096);
            f.write(garbage);
        }

        ExtTools.Mounted m = ExtTools.mount(img, "ext4");
        byte[] data = TreeComparer.readAll(m.p(), "/mnt/pre", Long.MAX_VALUE);

        assertThat(data).hasSize(100 * 4096).containsOnly((byte) 0);
        ExtInode pre = (ExtInode) m.kernel().dcache().lookup(m.sb().root(), "pre").inode();
        assertThat(pre.blockMap().map(0).unwritten()).isTrue();
        assertThat(m.p().lstat("/mnt/pre").blocks()).isEqualTo(100 * 8);
    }

    @Test
    void timestampsCarryNanosecondsAndEpochBitsBeyond2038(@TempDir Path tmp) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("t2040"), new byte[] {1});
        Files.write(src.resolve("tnano"), new byte[] {2});
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext4", "8M", src);
        ExtTools.debugfsWrite(img, "set_inode_field /t2040 mtime 20400101000000");
        ExtTools.debugfsWrite(img, "set_inode_field /tnano mtime_extra 0x1d6f3454");
        ExtTools.debugfsWrite(img, "set_inode_field /tnano atime 0x80000000");
        ExtTools.debugfsWrite(img, "set_inode_field /tnano atime_extra 0");
        assertThat(ExtTools.debugfs(img, "stat /tnano")).contains("atime: 0x80000000:00000000 -- Fri Dec 13 20:45:52 1901");
        assertThat(ExtTools.debugfs(img, "stat /t2040")).contains("mtime: 0x83aa7e80:00000001");

        ExtTools.Mounted m = ExtTools.mount(img, "ext4");

        assertThat(m.p().lstat("/mnt/t2040").mtime()).isEqualTo(Instant.parse("2040-01-01T00:00:00Z"));
        assertThat(m.p().lstat("/mnt/tnano").mtime().getNano()).isEqualTo(123_456_789);
        assertThat(m.p().lstat("/mnt/tnano").atime()).isEqualTo(Instant.ofEpochSecond(-(1L << 31)));
    }

    @Test
    void smallFilesAndDirectoriesLiveInlineAndReadBack(@TempDir Path tmp) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("tiny"), "inline!".getBytes());
        byte[] medium = new byte[100];
        Arrays.fill(medium, (byte) 'm');
        Files.write(src.resolve("medium"), medium);
        Files.createDirectories(src.resolve("smalldir"));
        Files.write(src.resolve("smalldir/a"), new byte[] {1});
        Files.createSymbolicLink(src.resolve("smalldir/l"), Path.of("a"));
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext4", "8M", src, "-O", "inline_data");

        ExtTools.Mounted m = ExtTools.mount(img, "ext4");

        assertThat(new String(TreeComparer.readAll(m.p(), "/mnt/tiny", 1000))).isEqualTo("inline!");
        assertThat(TreeComparer.readAll(m.p(), "/mnt/medium", 1000)).isEqualTo(medium);
        assertThat(TreeComparer.names(m.p(), "/mnt/smalldir")).containsExactlyInAnyOrder(".", "..", "a", "l");
        assertThat(m.p().readlink("/mnt/smalldir/l")).isEqualTo("a");
        for (String name : List.of("tiny", "medium", "smalldir")) {
            ExtInode inode = (ExtInode) m.kernel().dcache().lookup(m.sb().root(), name).inode();
            assertThat(inode.hasInlineData()).as(name).isTrue();
        }
        assertThat(m.p().lstat("/mnt/smalldir/..").ino()).isEqualTo(2);
    }

    @Test
    void statfsMatchesTheKernelsOwnAnswer(@TempDir Path tmp) throws IOException {
        Path src = SourceTree.build(tmp.resolve("src"), 1024, false);
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext4", "16M", src, "-b", "1024");
        String dump = ExtTools.run("dumpe2fs", "-h", img.toString());
        ExtTools.Mounted m = ExtTools.mount(img, "ext4");
        StatFs st = m.p().statfs("/mnt");

        assertThat(st.type()).isEqualTo(0xEF53L);
        assertThat(st.blockSize()).isEqualTo(1024);
        assertThat(st.blocksFree()).isEqualTo(field(dump, "Free blocks"));
        assertThat(st.files()).isEqualTo(field(dump, "Inode count"));
        assertThat(st.filesFree()).isEqualTo(field(dump, "Free inodes"));
        assertThat(st.nameMax()).isEqualTo(255);

        Path mnt = Files.createDirectories(tmp.resolve("loop"));
        Path copy = Files.copy(img, tmp.resolve("copy.img"));
        boolean loop = tryRun("mount", "-o", "loop,ro", copy.toString(), mnt.toString());
        assumeTrue(loop, "loop mounts unavailable: the kernel cannot be asked");
        try {
            String[] k = ExtTools.run("stat", "-f", "-c", "%b %f %a %c %d", mnt.toString()).trim().split(" ");
            assertThat(st.blocks()).as("f_blocks").isEqualTo(Long.parseLong(k[0]));
            assertThat(st.blocksFree()).as("f_bfree").isEqualTo(Long.parseLong(k[1]));
            assertThat(st.blocksAvailable()).as("f_bavail").isEqualTo(Long.parseLong(k[2]));
            assertThat(st.files()).as("f_files").isEqualTo(Long.parseLong(k[3]));
            assertThat(st.filesFree()).as("f_ffree").isEqualTo(Long.parseLong(k[4]));
        } finally {
            ExtTools.run("umount", mnt.toString());
        }
    }

    private static boolean tryRun(String... cmd) {
        try {
            java.lang.Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static long field(String dump, String name) {
        for (String line : dump.split("\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " not in dumpe2fs output");
    }

    @Test
    void mountOptionsShowOnlyWhatDiffersAndUnknownOnesAreRefused(@TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext4", "8M", null);

        ExtTools.Mounted plain = ExtTools.mount(img, "ext4", "ro,errors=continue");
        assertThat(plain.kernel().procMounts()).anySatisfy(l -> assertThat(l).startsWith("img /mnt ext4 ro")
                .doesNotContain("errors").doesNotContain("acl"));

        ExtTools.Mounted opts = ExtTools.mount(img, "ext4", "ro,noacl,nouser_xattr,errors=panic,norecovery");
        assertThat(opts.kernel().procMounts()).anySatisfy(l -> assertThat(l)
                .contains(",nouser_xattr").contains(",noacl").contains(",norecovery").contains(",errors=panic"));
        Files.exists(img);
        assertThatThrownBy(() -> opts.p().getxattr("/mnt", "user.x")).extracting(ExtBehaviourTest::errnoOf)
                .isEqualTo(Errno.EOPNOTSUPP);

        assertThatThrownBy(() -> ExtTools.mount(img, "ext4", "ro,bogus")).extracting(ExtBehaviourTest::errnoOf)
                .isEqualTo(Errno.EINVAL);
    }

    @Test
    void ext4WithFeaturesNotWrittenYetMountsReadOnlyAndWritesSayWhy(@TempDir Path tmp) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("f"), new byte[] {1, 2, 3});
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext4", "8M", src, "-O", "mmp");

        ExtTools.Mounted m = ExtTools.mount(img, "ext4", "");

        assertThat(m.sb().isReadOnly()).isTrue();
        assertThatThrownBy(() -> m.p().open("/mnt/new", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644))
                .hasMessageContaining("writing ext4 with mmp is not supported yet")
                .extracting(ExtBehaviourTest::errnoOf).isEqualTo(Errno.EROFS);
        assertThatThrownBy(() -> m.p().open("/mnt/f", OpenFlags.O_WRONLY)).extracting(ExtBehaviourTest::errnoOf)
                .isEqualTo(Errno.EROFS);
        assertThatThrownBy(() -> m.p().mkdir("/mnt/d", 0755)).hasMessageContaining("open the image read-only")
                .extracting(ExtBehaviourTest::errnoOf).isEqualTo(Errno.EROFS);
        assertThatThrownBy(() -> m.p().remount("/mnt", "rw")).isInstanceOf(VfsException.class)
                .hasMessageContaining("writing ext4 with mmp is not supported yet")
                .extracting(ExtBehaviourTest::errnoOf).isEqualTo(Errno.EROFS);
        assertThat(m.ext().problems()).isEmpty();
    }

    @Test
    void personalitiesRefuseFeaturesTheyDoNotHave(@TempDir Path tmp) throws IOException {
        Path ext4 = ExtTools.mkfs(tmp.resolve("ext4.img"), "ext4", "8M", null);
        Path ext2 = ExtTools.mkfs(tmp.resolve("ext2.img"), "ext2", "8M", null);
        Path zeros = tmp.resolve("zeros.img");
        Files.write(zeros, new byte[1 << 20]);

        assertThatThrownBy(() -> ExtTools.mount(ext4, "ext2")).hasMessageContaining("couldn't mount as ext2")
                .extracting(ExtBehaviourTest::errnoOf).isEqualTo(Errno.EINVAL);
        assertThatThrownBy(() -> ExtTools.mount(ext2, "ext3")).extracting(ExtBehaviourTest::errnoOf)
                .isEqualTo(Errno.EINVAL);
        assertThatThrownBy(() -> ExtTools.mount(zeros, "ext4")).hasMessageContaining("bad magic")
                .extracting(ExtBehaviourTest::errnoOf).isEqualTo(Errno.EINVAL);
        assertThat(ExtTools.mount(ext2, "ext4").p().lstat("/mnt/lost+found").isDir()).isTrue();
    }
}
