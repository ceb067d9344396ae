package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FallocateFlags;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;

/**
 * Writing ext4 images with inline_data (small files and directories kept in the inode by
 * mke2fs -d), judged by e2fsprogs after every batch: {@code e2fsck -fn} exits 0 and debugfs
 * reads back the model. Inline objects are converted to block-mapped ones when written or when
 * their entries change; truncates, '..' changes and xattr changes keep them inline.
 */
class ExtInlineDataWriteTest {
    private static final Pattern INLINE_SIZE = Pattern.compile("Size of inline data: (\\d+)");

    /** The inline data size debugfs reports for {@code path}, or -1 when it is not inline. */
    static int inlineSize(Path img, String path) {
        Matcher m = INLINE_SIZE.matcher(ExtTools.debugfs(img, "stat " + path));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + (i * 7 + seed) % 26);
        }
        return b;
    }

    /** A source tree whose small files and directories mke2fs keeps inline. */
    static Path source(Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("tiny"), bytes(5, 1));
        Files.write(src.resolve("sixty"), bytes(60, 2));
        Files.write(src.resolve("mid"), bytes(100, 3));
        Files.write(src.resolve("mid2"), bytes(90, 4));
        Files.write(src.resolve("mid3"), bytes(70, 5));
        Files.write(src.resolve("big"), bytes(3000, 6));
        Path d = Files.createDirectories(src.resolve("d"));
        Files.write(d.resolve("a"), bytes(10, 7));
        Files.write(d.resolve("b"), bytes(80, 8));
        Files.createDirectories(src.resolve("e"));
        Path f = Files.createDirectories(src.resolve("f"));
        Files.write(f.resolve("x"), bytes(20, 9));
        Files.createDirectories(src.resolve("f/sub"));
        Files.createSymbolicLink(src.resolve("longlink"), Path.of("target/".repeat(12))); // 84 bytes: inline
        Files.createSymbolicLink(src.resolve("longlink2"), Path.of("other/".repeat(12)));
        return src;
    }

    static Path image(Path tmp, Path src, String... extra) {
        String[] opts = new String[extra.length + 2];
        opts[0] = "-O";
        opts[1] = "inline_data";
        System.arraycopy(extra, 0, opts, 2, extra.length);
        return ExtTools.mkfs(tmp.resolve("img"), "ext4", "16M", src, opts);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-b 1024", "-b 4096", "-b 4096 -I 1024", "-b 1024 -O ^extent,^64bit"})
    void writesAcrossTheInlineBoundariesConvertAndKeepTheBytes(String layout, @TempDir Path tmp) throws Exception {
        Path src = source(tmp);
        Path img = image(tmp, src, layout.split(" "));
        int bs = Integer.parseInt(layout.split(" ")[1]);
        boolean extents = !layout.contains("^extent");
        assertThat(inlineSize(img, "/tiny")).isEqualTo(60);
        assertThat(inlineSize(img, "/mid")).isEqualTo(100);
        ExtModel model = ExtModel.fromSource("/mnt", src);

        ExtRw rw = ExtRw.mount(img, "ext4");
        assertThat(rw.sb.isReadOnly()).isFalse();
        model.write(rw.p, "/tiny", 0644, 5, bytes(70, 10)); // 5 -> 75 bytes: past i_block
        model.write(rw.p, "/sixty", 0644, 60, bytes(1, 11)); // 60 -> 61: one byte past i_block
        model.write(rw.p, "/mid", 0644, 40, bytes(30, 12)); // overwrite in the middle, size unchanged
        model.write(rw.p, "/mid2", 0644, 10_000, bytes(500, 13)); // far past: a hole between
        model.truncate(rw.p, "/mid3", 30); // shrinks inline: system.data emptied, i_block tail zeroed
        model.write(rw.p, "/d/a", 0644, 0, bytes(3 * bs, 14)); // several blocks at once
        rw.unmount();
        ExtWriteTest.judge(img, model, tmp, "ext4", "writes to inline files");
        assertThat(inlineSize(img, "/tiny")).isEqualTo(-1);
        assertThat(inlineSize(img, "/mid")).isEqualTo(-1);
        assertThat(inlineSize(img, "/mid3")).isEqualTo(60);
        assertThat(ExtTools.debugfs(img, "stat /tiny")).contains(extents ? "Flags: 0x80000" : "Flags: 0x0"); // EXTENTS_FL

        rw = ExtRw.mount(img, "ext4");
        model.truncate(rw.p, "/mid3", 2000); // grows inline: reads as zeros past the stored bytes
        model.truncate(rw.p, "/d/b", 65); // 80 -> 65: system.data keeps 5 bytes
        model.truncate(rw.p, "/tiny", 10); // block-mapped now: an ordinary truncate
        rw.unmount();
        ExtWriteTest.judge(img, model, tmp, "ext4", "truncates of inline files");
        assertThat(inlineSize(img, "/mid3")).isEqualTo(60);
        assertThat(inlineSize(img, "/d/b")).isEqualTo(65);

        rw = ExtRw.mount(img, "ext4");
        model.write(rw.p, "/mid3", 0644, 1990, bytes(20, 15)); // inline with a zero tail, then written
        int fd = rw.p.open("/mnt/d/b", OpenFlags.O_WRONLY, 0);
        rw.p.fallocate(fd, 0, 0, 2 * bs); // fallocate converts first, then preallocates
        rw.p.close(fd);
        ExtModel.Node b = model.paths.get("/d/b");
        b.data = Arrays.copyOf(b.data, 2 * bs);
        int fx = rw.p.open("/mnt/f/x", OpenFlags.O_WRONLY, 0);
        if (extents) {
            rw.p.fallocate(fx, FallocateFlags.FALLOC_FL_KEEP_SIZE, 0, bs);
        } else { // refused before anything changes: the file stays inline
            ExtRw r = rw;
            assertThatThrownBy(() -> r.p.fallocate(fx, FallocateFlags.FALLOC_FL_KEEP_SIZE, 0, bs))
                    .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.EOPNOTSUPP);
        }
        rw.p.close(fx);
        rw.unmount();
        ExtWriteTest.judge(img, model, tmp, "ext4", "a write past a grown inline file, and fallocate");
        assertThat(inlineSize(img, "/mid3")).isEqualTo(-1);
        assertThat(inlineSize(img, "/d/b")).isEqualTo(-1);
        assertThat(inlineSize(img, "/f/x")).isEqualTo(extents ? -1 : 60);
    }

    @Test
    void unlinkRenameAndHardLinksOfInlineFiles(@TempDir Path tmp) throws Exception {
        Path src = source(tmp);
        Path img = image(tmp, src);
        ExtModel model = ExtModel.fromSource("/mnt", src);
        String before = ExtTools.debugfs(img, "stats");

        ExtRw rw = ExtRw.mount(img, "ext4");
        model.unlink(rw.p, "/tiny");
        model.link(rw.p, "/mid", "/e/mid-link");
        model.rename(rw.p, "/mid2", "/f/moved");
        model.rename(rw.p, "/d/a", "/d/a2"); // within one inline directory
        model.rename(rw.p, "/sixty", "/mid3"); // replaces an inline file, which is freed
        model.unlink(rw.p, "/longlink"); // an inline symlink
        model.rename(rw.p, "/longlink2", "/e/link");
        rw.unmount();
        ExtWriteTest.judge(img, model, tmp, "ext4", "unlink, link and rename of inline files");
        assertThat(inlineSize(img, "/e/mid-link")).isEqualTo(100);
        assertThat(inlineSize(img, "/f/moved")).isEqualTo(90);
        assertThat(ExtTools.debugfs(img, "stat /e/link")).contains("Flags: 0x10000000"); // still inline
        assertThat(before).contains("Free inodes:");

        rw = ExtRw.mount(img, "ext4");
        model.unlink(rw.p, "/mid");
        model.unlink(rw.p, "/e/mid-link"); // the last link: the inline inode is freed
        rw.unmount();
        ExtWriteTest.judge(img, model, tmp, "ext4", "unlink of the last link of an inline file");
    }

    @Test
    void inlineDirectoriesConvertWhenTheirEntriesChange(@TempDir Path tmp) throws Exception {
        Path src = source(tmp);
        Path img = image(tmp, src);
        assertThat(inlineSize(img, "/d")).isPositive();
        assertThat(inlineSize(img, "/e")).isPositive();
        ExtModel model = ExtModel.fromSource("/mnt", src);

        ExtRw rw = ExtRw.mount(img, "ext4");
        model.mkdir(rw.p, "/e/one", 0755); // into the gap of an empty inline directory, in place
        for (int i = 0; i < 300; i++) { // far past one block: the converted directory grows (and is indexed)
            model.write(rw.p, "/d/entry-with-a-longish-name-" + i, 0644, 0, bytes(i % 50, i));
        }
        model.rename(rw.p, "/f/x", "/e/x"); // out of one inline directory into another, both in place
        model.rename(rw.p, "/f/sub", "/e/sub"); // an inline directory moves: its '..' changes in i_block
        model.rename(rw.p, "/e/x", "/e/y"); // within one inline directory
        rw.unmount();
        ExtWriteTest.judge(img, model, tmp, "ext4", "entries added to inline directories");
        assertThat(inlineSize(img, "/d")).isEqualTo(-1);
        assertThat(inlineSize(img, "/e")).as("four short names fit its gaps").isEqualTo(60);
        assertThat(inlineSize(img, "/e/sub")).isPositive();
        assertThat(inlineSize(img, "/f")).as("renamed out of in place").isPositive();
        assertThat(ExtTools.debugfs(img, "ls -l /e/sub")).contains("..");

        rw = ExtRw.mount(img, "ext4");
        model.write(rw.p, "/e/a-name-too-long-for-what-is-left-of-the-inline-area", 0644, 0, bytes(3, 1));
        for (int i = 0; i < 300; i += 2) {
            model.unlink(rw.p, "/d/entry-with-a-longish-name-" + i);
        }
        ExtRw r = rw;
        assertThatThrownBy(() -> r.p.rmdir("/mnt/d")).isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.ENOTEMPTY);
        model.rmdir(rw.p, "/e/sub"); // an empty inline directory
        model.rmdir(rw.p, "/f"); // now empty, still inline
        model.exchange(rw.p, "/e/y", "/mid");
        rw.unmount();
        ExtWriteTest.judge(img, model, tmp, "ext4", "deletes and rmdir of inline directories");
        assertThat(inlineSize(img, "/e")).as("converted for the long name").isEqualTo(-1);
    }

    @Test
    void rmdirOfANonEmptyInlineDirectoryIsRefused(@TempDir Path tmp) throws Exception {
        Path src = source(tmp);
        Path img = image(tmp, src);
        ExtModel model = ExtModel.fromSource("/mnt", src);
        ExtRw rw = ExtRw.mount(img, "ext4");
        assertThatThrownBy(() -> rw.p.rmdir("/mnt/d")).extracting(e -> ((VfsException) e).errno())
                .isEqualTo(Errno.ENOTEMPTY);
        rw.unmount();
        ExtWriteTest.judge(img, model, tmp, "ext4", "a refused rmdir");
        assertThat(inlineSize(img, "/d")).isPositive();
    }

    @Test
    void xattrsOnInlineFilesKeepTheirData(@TempDir Path tmp) throws Exception {
        Path src = source(tmp);
        Path img = image(tmp, src);
        ExtModel model = ExtModel.fromSource("/mnt", src);

        ExtRw rw = ExtRw.mount(img, "ext4");
        model.setxattr(rw.p, "/mid", "user.color", "blue".getBytes());
        model.setxattr(rw.p, "/tiny", "user.big", bytes(300, 1)); // no room in the body: the xattr block
        model.setxattr(rw.p, "/d", "user.dir", "x".getBytes());
        rw.unmount();
        ExtWriteTest.judge(img, model, tmp, "ext4", "xattrs set on inline inodes");
        assertThat(inlineSize(img, "/mid")).isEqualTo(100);
        assertThat(inlineSize(img, "/tiny")).isEqualTo(60);

        rw = ExtRw.mount(img, "ext4");
        model.removexattr(rw.p, "/mid", "user.color");
        model.write(rw.p, "/tiny", 0644, 5, bytes(200, 2)); // converted with its xattr kept
        model.write(rw.p, "/d/new", 0644, 0, bytes(5, 3));
        rw.unmount();
        ExtWriteTest.judge(img, model, tmp, "ext4", "xattrs removed, inline inodes with xattrs converted");
        assertThat(inlineSize(img, "/mid")).isEqualTo(100);
    }

    /** No block for the converted bytes: the write fails with ENOSPC and the file stays inline as it was. */
    @Test
    void aConversionWithoutSpaceFailsAndLeavesTheFileInline(@TempDir Path tmp) throws Exception {
        Path src = source(tmp);
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext4", "2M", src, "-O", "inline_data", "-b", "1024", "-m", "0");
        ExtModel model = ExtModel.fromSource("/mnt", src);
        ExtRw rw = ExtRw.mount(img, "ext4");
        for (int i = 0; ; i++) { // fill the filesystem a block at a time
            try {
                model.write(rw.p, "/filler", 0644, (long) i * 1024, bytes(1024, i));
            } catch (VfsException e) {
                assertThat(e.errno()).isEqualTo(Errno.ENOSPC);
                break;
            }
        }
        int fd = rw.p.open("/mnt/mid", OpenFlags.O_WRONLY, 0);
        assertThatThrownBy(() -> rw.p.pwrite(fd, ByteBuffer.wrap(bytes(10, 1)), 100))
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.ENOSPC);
        rw.p.close(fd);
        assertThatThrownBy(() -> rw.p.mkdir("/mnt/e/new", 0755)).extracting(e -> ((VfsException) e).errno())
                .isEqualTo(Errno.ENOSPC);
        model.unlink(rw.p, "/d/b"); // deleting from an inline directory needs no block
        model.unlink(rw.p, "/f/x");
        model.rmdir(rw.p, "/f/sub");
        model.rename(rw.p, "/d/a", "/moved-a"); // out of an inline directory: deleted there in place
        rw.unmount();
        ExtWriteTest.judge(img, model, tmp, "ext4", "conversions refused for lack of space");
        assertThat(inlineSize(img, "/mid")).isEqualTo(100);
        assertThat(inlineSize(img, "/e")).isPositive();
        assertThat(inlineSize(img, "/d")).isPositive();
        assertThat(inlineSize(img, "/f")).isPositive();
        // b's space went to a, then a (first in i_block) was marked unused: what the kernel leaves.
        assertThat(ExtTools.debugfs(img, "ls /d")).contains(" 0  (56) a ").doesNotContain(" b ");

        ExtRw again = ExtRw.mount(img, "ext4");
        model.rmdir(again.p, "/f"); // emptied in place, then removed
        model.rmdir(again.p, "/d");
        again.unmount();
        ExtWriteTest.judge(img, model, tmp, "ext4", "inline directories emptied in place");
    }

    /**
     * The Linux kernel and this driver take turns on one image: the kernel writes inline (and
     * converts) after us, we convert what the kernel wrote inline; e2fsck passes after each turn.
     * Needs loop mounts (root); skipped where the machine does not allow them.
     */
    @Test
    void theKernelAndThisDriverTakeTurnsOnOneImage(@TempDir Path tmp) throws Exception {
        Path src = source(tmp);
        Path img = image(tmp, src);
        ExtModel model = ExtModel.fromSource("/mnt", src);
        ExtRw rw = ExtRw.mount(img, "ext4");
        model.write(rw.p, "/tiny", 0644, 5, bytes(500, 1));
        for (int i = 0; i < 40; i++) {
            model.write(rw.p, "/d/ours-" + i, 0644, 0, bytes(i, i));
        }
        model.unlink(rw.p, "/f/x");
        rw.unmount();
        ExtRefCheck.fsck(img, "our turn");

        Path mp = Files.createDirectories(tmp.resolve("kmnt"));
        ExtRefCheck.Result mount = ExtRefCheck.exec(java.util.List.of("mount", "-t", "ext4", "-o", "loop", img.toString(),
                mp.toString()));
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.rc() == 0, "no loop mount here: " + mount.out());
        try {
            Files.write(mp.resolve("mid"), bytes(4, 9), java.nio.file.StandardOpenOption.APPEND); // inline, grown
            for (int i = 0; i < 40; i++) {
                Files.write(mp.resolve("e/kernel-" + i), bytes(i, i)); // added inline, then converted
            }
            Files.createDirectories(mp.resolve("kdir"));
            Files.write(mp.resolve("kdir/small"), bytes(30, 3));
            Files.delete(mp.resolve("d/a"));
            Files.write(mp.resolve("tiny"), bytes(7, 4), java.nio.file.StandardOpenOption.APPEND);
        } finally {
            assertThat(ExtRefCheck.exec(java.util.List.of("umount", mp.toString())).rc()).isZero();
        }
        ExtRefCheck.fsck(img, "the kernel's turn");
        assertThat(inlineSize(img, "/kdir")).isPositive();
        assertThat(inlineSize(img, "/kdir/small")).isPositive();
        assertThat(inlineSize(img, "/mid")).isEqualTo(104);
        ExtModel.Node mid = model.paths.get("/mid");
        mid.data = concat(mid.data, bytes(4, 9));
        ExtModel.Node tiny = model.paths.get("/tiny");
        tiny.data = concat(tiny.data, bytes(7, 4));
        model.paths.remove("/d/a");
        for (int i = 0; i < 40; i++) {
            ExtModel.Node n = new ExtModel.Node(org.vfscope.vfs.FileMode.S_IFREG | 0644);
            n.data = bytes(i, i);
            model.paths.put("/e/kernel-" + i, n);
        }
        model.paths.put("/kdir", new ExtModel.Node(org.vfscope.vfs.FileMode.S_IFDIR | 0755));
        ExtModel.Node small = new ExtModel.Node(org.vfscope.vfs.FileMode.S_IFREG | 0644);
        small.data = bytes(30, 3);
        model.paths.put("/kdir/small", small);

        rw = ExtRw.mount(img, "ext4");
        model.write(rw.p, "/mid", 0644, 104, bytes(50, 5)); // what the kernel wrote inline, converted by us
        model.write(rw.p, "/kdir/small", 0644, 0, bytes(200, 6));
        model.rename(rw.p, "/e/kernel-3", "/kdir/moved");
        model.mkdir(rw.p, "/kdir/sub", 0755);
        model.unlink(rw.p, "/e/kernel-4");
        rw.unmount();
        ExtWriteTest.judge(img, model, tmp, "ext4", "our turn after the kernel's");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long ino(Path img, String path) {
        return Long.parseLong(ExtTools.debugfs(img, "stat " + path).replaceAll("(?s)^Inode: (\\d+).*", "$1"));
    }

    /**
     * Orphans met at mount: an unlinked inline file is freed (its system.data dropped with it),
     * and a linked inline file whose i_size was cut is trimmed to it (ext4_inline_data_truncate).
     */
    @Test
    void inlineOrphansAreFreedOrTrimmedAtMount(@TempDir Path tmp) throws Exception {
        Path src = source(tmp);
        Path img = image(tmp, src);
        long held = ino(img, "/mid");
        long trimmed = ino(img, "/mid2");
        ExtTools.debugfsWrite(img, "unlink /mid");
        ExtTools.debugfsWrite(img, "sif <" + held + "> links_count 0");
        ExtTools.debugfsWrite(img, "sif <" + trimmed + "> size 65");
        ExtTools.debugfsWrite(img, "ssv last_orphan " + held);
        ExtTools.debugfsWrite(img, "sif <" + held + "> dtime " + trimmed);
        ExtTools.debugfsWrite(img, "sif <" + trimmed + "> dtime 0");
        ExtModel model = ExtModel.fromSource("/mnt", src);
        model.paths.remove("/mid");
        model.paths.get("/mid2").data = Arrays.copyOf(model.paths.get("/mid2").data, 65);

        ExtRw rw = ExtRw.mount(img, "ext4");
        assertThat(rw.ext().problems()).isEmpty();
        rw.unmount();

        ExtWriteTest.judge(img, model, tmp, "ext4", "inline orphans released");
        assertThat(ExtTools.debugfs(img, "testi <" + held + ">")).contains("is not in use");
        assertThat(inlineSize(img, "/mid2")).isEqualTo(65);
    }

    @Test
    void aCorruptInlineInodeIsRefusedNamingItAndNothingElseChanges(@TempDir Path tmp) throws Exception {
        Path src = source(tmp);
        Path img = image(tmp, src);
        ExtTools.debugfsWrite(img, "sif /d size 64"); // an inline directory whose size is not its inline area
        String ino = ExtTools.debugfs(img, "stat /d").replaceAll("(?s)^Inode: (\\d+).*", "$1");
        String before = ExtTools.debugfs(img, "stat /d");

        ExtRw rw = ExtRw.mount(img, "ext4");
        assertThatThrownBy(() -> rw.p.mkdir("/mnt/d/new", 0755)).isInstanceOf(VfsException.class)
                .hasMessageContaining("inode " + ino).hasMessageContaining("inline directory size 64")
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.EUCLEAN);
        assertThat(rw.ext().problems()).anyMatch(p -> p.code() == ExtProblem.Code.INLINE_DATA_BAD);
        int fd = rw.p.open("/mnt/mid", OpenFlags.O_WRONLY, 0);
        rw.p.pwrite(fd, ByteBuffer.wrap(bytes(10, 1)), 0); // the rest of the filesystem stays writable
        rw.p.close(fd);
        rw.unmount();
        assertThat(ExtTools.debugfs(img, "stat /d")).isEqualTo(before);
        assertThat(ExtRefCheck.exec(java.util.List.of("e2fsck", "-fn", img.toString())).out())
                .contains("Inode " + ino).doesNotContain("Free blocks count wrong");
    }
}
