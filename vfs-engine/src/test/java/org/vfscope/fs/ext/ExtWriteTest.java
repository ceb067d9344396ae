package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;

/**
 * Writing ext2/ext3 through the engine, judged by the reference tools after every batch:
 * {@code e2fsck -fn} exits 0, and what debugfs reads (and the Linux kernel, where this machine
 * can loop-mount) equals the model of what the operations should have left.
 */
class ExtWriteTest {
    /** Batches checked by the kernel as well, to report how often it could judge. */
    static int kernelChecks;

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("ext2 1KiB 128-byte inodes", "ext2", 1024, "48M", false, new String[] {"-b", "1024", "-I", "128"}),
                Arguments.of("ext2 4KiB", "ext2", 4096, "64M", false, new String[] {"-b", "4096"}),
                Arguments.of("ext2 1KiB uninit_bg", "ext2", 1024, "64M", false, new String[] {"-b", "1024", "-O", "uninit_bg"}),
                Arguments.of("ext2 revision 0", "ext2", 1024, "32M", false, new String[] {"-b", "1024", "-r", "0"}),
                Arguments.of("ext3 1KiB", "ext3", 1024, "48M", false, new String[] {"-b", "1024"}),
                Arguments.of("ext3 4KiB", "ext3", 4096, "64M", false, new String[] {"-b", "4096"}),
                Arguments.of("ext2 1KiB from mke2fs -d", "ext2", 1024, "48M", true, new String[] {"-b", "1024"}),
                Arguments.of("ext3 4KiB from mke2fs -d", "ext3", 4096, "64M", true, new String[] {"-b", "4096"}),
                Arguments.of("ext4 4KiB", "ext4", 4096, "64M", false, new String[] {"-b", "4096"}),
                Arguments.of("ext4 1KiB", "ext4", 1024, "48M", false, new String[] {"-b", "1024"}),
                Arguments.of("ext4 1KiB from mke2fs -d", "ext4", 1024, "48M", true, new String[] {"-b", "1024"}),
                Arguments.of("ext4 4KiB from mke2fs -d", "ext4", 4096, "64M", true, new String[] {"-b", "4096"}));
    }

    /** After a batch: unmounted image checked by e2fsck, debugfs and (if allowed) the kernel. */
    static void judge(Path img, ExtModel model, Path tmp, String type, String when) {
        ExtRefCheck.fsck(img, when);
        ExtRefCheck.compare(img, model, tmp, when);
        if (ExtRefCheck.kernel(img, model, tmp, type, when)) {
            kernelChecks++;
        }
        batches++;
    }

    static int batches;

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.printf("ext write: %d operations; %d batches judged by e2fsck -fn and debugfs, %d also by the"
                + " Linux kernel%n", ExtModel.TOTAL.get(), batches, kernelChecks);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void batchesOfWritesStayCleanAndReadBackAsModelled(String label, String type, int bs, String size,
            boolean fromTree, String[] opts, @TempDir Path tmp) throws java.io.IOException {
        ExtModel model;
        Path img;
        if (fromTree) {
            Path src = SourceTree.build(tmp.resolve("src"), bs, false);
            if (bs > 1024) {
                java.nio.file.Files.delete(src.resolve("sparse/triple")); // 4 GiB: more than the model holds
            }
            img = ExtTools.mkfs(tmp.resolve("img"), type, size, src, opts);
            model = ExtModel.fromSource("/mnt", src);
        } else {
            img = ExtTools.mkfs(tmp.resolve("img"), type, size, null, opts);
            model = ExtModel.empty("/mnt");
        }
        boolean xattrs = !label.contains("revision 0");
        ExtWorkload work = new ExtWorkload(model, bs, label.hashCode());
        work.withXattrs(xattrs);
        work.withExtents(type.equals("ext4"));

        ExtRw rw = ExtRw.mount(img, type);
        work.put(rw.p);
        rw.unmount();
        judge(img, model, tmp, type, label + ": put");

        rw = ExtRw.mount(img, type);
        work.edit(rw.p);
        rw.unmount();
        judge(img, model, tmp, type, label + ": edit");

        rw = ExtRw.mount(img, type);
        work.third(rw.p);
        rw.unmount();
        judge(img, model, tmp, type, label + ": third");
        assertThat(model.ops).isGreaterThan(250);
    }

    /**
     * A seeded random walk over a small namespace (create, append, overwrite, truncate, mkdir,
     * rmdir, unlink, rename, link, symlink, chmod, mknod, xattrs), checked every 100 operations.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("randomLayouts")
    void randomOperationsMatchTheModel(String label, String type, int bs, String[] opts, @TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), type, "24M", null, opts);
        ExtModel model = ExtModel.empty("/mnt");
        ExtRandomOps ops = new ExtRandomOps(model, bs, label.hashCode());
        for (int round = 0; round < 4 || (model.ops < 400 && round < 8); round++) {
            ExtRw rw = ExtRw.mount(img, type);
            ops.run(rw.p, 100);
            rw.unmount();
            judge(img, model, tmp, type, label + ": random round " + round);
        }
        assertThat(model.ops).isGreaterThanOrEqualTo(400);
    }

    static Stream<Arguments> randomLayouts() {
        return Stream.of(
                Arguments.of("ext2 1KiB", "ext2", 1024, new String[] {"-b", "1024"}),
                Arguments.of("ext3 4KiB 128-byte inodes", "ext3", 4096, new String[] {"-b", "4096", "-I", "128"}),
                Arguments.of("ext4 1KiB", "ext4", 1024, new String[] {"-b", "1024"}),
                Arguments.of("ext4 4KiB", "ext4", 4096, new String[] {"-b", "4096"}));
    }

    /** A small image filled until ENOSPC: the error comes from write(), and the image stays clean. */
    @Test
    void fillingTheDiskGivesEnospcAndKeepsEarlierFiles(@TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext2", "2M", null, "-b", "1024", "-m", "0");
        ExtModel model = ExtModel.empty("/mnt");
        Random rnd = new Random(7);
        ExtRw rw = ExtRw.mount(img, "ext2");
        model.write(rw.p, "/early", 0644, 0, SourceTree.bytes(rnd, 5000));
        Errno failure = null;
        for (int i = 0; failure == null; i++) {
            String path = "/fill" + i;
            byte[] data = SourceTree.bytes(rnd, 100_000);
            int fd = rw.p.open("/mnt" + path, OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0644);
            ExtModel.Node n = new ExtModel.Node(FileMode.S_IFREG | 0644);
            model.paths.put(path, n);
            try {
                int done = 0;
                while (done < data.length) {
                    int w = rw.p.write(fd, ByteBuffer.wrap(data, done, data.length - done));
                    done += w;
                    n.data = java.util.Arrays.copyOf(data, done);
                }
            } catch (VfsException e) {
                failure = e.errno();
            } finally {
                rw.p.close(fd);
            }
        }
        assertThat(failure).isEqualTo(Errno.ENOSPC);
        assertThat(rw.p.statfs("/mnt").blocksFree()).as("less than a page and its indirect blocks left").isLessThan(8);
        rw.unmount();
        judge(img, model, tmp, "ext2", "filling the disk");

        rw = ExtRw.mount(img, "ext2");
        model.unlink(rw.p, "/fill0");
        model.write(rw.p, "/after", 0644, 0, SourceTree.bytes(rnd, 20_000));
        rw.unmount();
        judge(img, model, tmp, "ext2", "freeing and writing again");
    }

    /**
     * One write() bigger than the free space: its range is allocated ahead in runs, then copied
     * until a block is missing, so the write is short; no block stays allocated past the end of
     * file (e2fsck would flag it), and the next write gets ENOSPC.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ext2", "ext4"})
    void aWriteBiggerThanTheFreeSpaceIsShortAndKeepsNoBlockPastTheEnd(String type, @TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), type, "2M", null, "-b", "1024", "-m", "0");
        ExtModel model = ExtModel.empty("/mnt");
        Random rnd = new Random(11);
        ExtRw rw = ExtRw.mount(img, type);
        byte[] data = SourceTree.bytes(rnd, 3 << 20);
        int fd = rw.p.open("/mnt/big", OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0644);
        int w = rw.p.write(fd, ByteBuffer.wrap(data));
        assertThatThrownBy(() -> rw.p.write(fd, ByteBuffer.wrap(data, w, data.length - w)))
                .isInstanceOfSatisfying(VfsException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOSPC));
        rw.p.close(fd);
        ExtModel.Node n = new ExtModel.Node(FileMode.S_IFREG | 0644);
        n.data = java.util.Arrays.copyOf(data, w);
        model.paths.put("/big", n);

        assertThat(w).as("a short write").isPositive().isLessThan(data.length);
        assertThat(rw.p.stat("/mnt/big").size()).isEqualTo(w);
        rw.unmount();
        judge(img, model, tmp, type, "a write bigger than the disk");
    }

    /** Inodes run out too: ENOSPC from mkdir/create, nothing half made. */
    @Test
    void runningOutOfInodesGivesEnospc(@TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext2", "1M", null, "-b", "1024", "-N", "32");
        ExtModel model = ExtModel.empty("/mnt");
        ExtRw rw = ExtRw.mount(img, "ext2");
        Errno failure = null;
        for (int i = 0; failure == null; i++) {
            try {
                if (i % 2 == 0) {
                    model.mkdir(rw.p, "/d" + i, 0755);
                } else {
                    model.write(rw.p, "/f" + i, 0644, 0, new byte[] {1});
                }
            } catch (VfsException e) {
                failure = e.errno();
            }
        }
        assertThat(failure).isEqualTo(Errno.ENOSPC);
        rw.unmount();
        judge(img, model, tmp, "ext2", "running out of inodes");
    }

    /** The inode flags debugfs reports for {@code path} ("Flags: 0x..."). */
    private static int inodeFlags(Path img, String path) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Flags: 0x([0-9a-f]+)")
                .matcher(ExtTools.debugfs(img, "stat " + path));
        assertThat(m.find()).as("debugfs stat %s shows flags", path).isTrue();
        return Integer.parseUnsignedInt(m.group(1), 16);
    }

    /**
     * A 3,000-entry directory indexed by e2fsck -fD keeps its index through deletions and
     * additions (as ext4 keeps it), and e2fsck -fn stays clean throughout. Then one made by the
     * engine, which becomes indexed as it grows, half deleted.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ext2", "ext4"})
    void bigIndexedDirectoriesStayValid(String type, @TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src");
        java.nio.file.Files.createDirectories(src.resolve("big"));
        for (int i = 0; i < 3000; i++) {
            java.nio.file.Files.write(src.resolve("big").resolve("file-with-a-longish-name-" + i), new byte[] {(byte) i});
        }
        // On ext4 the index carries dx_tails and every leaf an ext4_dir_entry_tail (metadata_csum).
        Path img = ExtTools.mkfs(tmp.resolve("img"), type, "16M", src, "-b", "1024", "-N", "10000");
        ExtTools.reindex(img);
        assertThat(inodeFlags(img, "/big") & ExtInodeRaw.FL_INDEX).as("e2fsck -D indexed it").isNotZero();
        ExtModel model = ExtModel.fromSource("/mnt", src);

        ExtRw rw = ExtRw.mount(img, type);
        for (int i = 0; i < 3000; i += 2) {
            model.unlink(rw.p, "/big/file-with-a-longish-name-" + i);
        }
        rw.unmount();
        judge(img, model, tmp, type, "deleting from an indexed directory");
        assertThat(inodeFlags(img, "/big") & ExtInodeRaw.FL_INDEX).as("deletions keep the index").isNotZero();

        rw = ExtRw.mount(img, type);
        for (int i = 0; i < 500; i++) {
            model.write(rw.p, "/big/added-" + i, 0644, 0, new byte[] {(byte) i});
        }
        assertThat(rw.p.lstat("/mnt/big/added-499").size()).isEqualTo(1);
        rw.unmount();
        judge(img, model, tmp, type, "adding to an indexed directory");
        assertThat(inodeFlags(img, "/big") & ExtInodeRaw.FL_INDEX).as("additions keep the index").isNotZero();

        rw = ExtRw.mount(img, type);
        model.mkdir(rw.p, "/made", 0755);
        for (int i = 0; i < 3000; i++) {
            model.write(rw.p, "/made/entry-number-" + i, 0644, 0, new byte[0]);
        }
        for (int i = 0; i < 3000; i += 2) {
            model.unlink(rw.p, "/made/entry-number-" + i);
        }
        rw.unmount();
        judge(img, model, tmp, type, "3,000 entries made then half deleted");
        assertThat(inodeFlags(img, "/made") & ExtInodeRaw.FL_INDEX).as("grown indexed").isNotZero();
    }

    /**
     * ext2 has no orphan list: an unlinked file still open keeps its inode and blocks (links 0,
     * no dtime) until the last close, when evict frees them. A crash before that leaves what the
     * kernel's ext2 leaves, which e2fsck repairs by freeing the inode; umount is EBUSY while the
     * file is open; after the last close the image is clean and the space is back.
     */
    @Test
    void anUnlinkedFileStillOpenIsFreedAtItsLastClose(@TempDir Path tmp) throws Exception {
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext2", "8M", null, "-b", "1024");
        ExtRw rw = ExtRw.mount(img, "ext2");
        long freeBefore = rw.p.statfs("/mnt").blocksFree();
        int fd = rw.p.open("/mnt/doomed", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
        rw.p.write(fd, SourceTree.bytes(new Random(5), 300 << 10));
        rw.p.unlink("/mnt/doomed");
        rw.p.write(fd, new byte[] {1, 2, 3}); // still writable: the inode lives on
        rw.p.sync();

        // The image as a crash would leave it now: the inode in use with no links and no dtime.
        Path crash = Files.copy(img, tmp.resolve("crash.img"));
        ExtRefCheck.Result crashed = ExtRefCheck.exec(List.of("e2fsck", "-fn", crash.toString()));
        assertThat(crashed.rc()).as(crashed.out()).isEqualTo(4);
        assertThat(crashed.out()).contains("zero dtime");
        ExtRefCheck.Result repaired = ExtRefCheck.exec(List.of("e2fsck", "-fy", crash.toString()));
        assertThat(repaired.rc()).as(repaired.out()).isEqualTo(1); // fixed
        assertThat(ExtRefCheck.exec(List.of("e2fsck", "-fn", crash.toString())).rc()).isZero();

        assertThatThrownBy(() -> rw.p.umount("/mnt")).isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.EBUSY);
        rw.p.close(fd); // the last reference: evict frees blocks and inode
        assertThat(rw.p.statfs("/mnt").blocksFree()).isEqualTo(freeBefore);
        rw.unmount();
        ExtRefCheck.fsck(img, "the last close of an unlinked file");
        assertThat(ExtTools.debugfs(img, "ls -l /")).doesNotContain("doomed");
    }


    /**
     * uninit_bg: top-level directories spread by Orlov and a file bigger than a group reach
     * groups still INODE_UNINIT / BLOCK_UNINIT; their flags are cleared, bitmaps built,
     * checksums kept, and e2fsck -fn agrees.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ext2", "ext4"})
    void uninitGroupsGetInitialisedWhenFirstUsed(String type, @TempDir Path tmp) {
        // ext4: metadata_csum's descriptors carry the same flags, and bitmaps get checksums when built.
        Path img = type.equals("ext2")
                ? ExtTools.mkfs(tmp.resolve("img"), "ext2", "64M", null, "-b", "1024", "-O", "uninit_bg")
                : ExtTools.mkfs(tmp.resolve("img"), "ext4", "64M", null, "-b", "1024");
        int inodeUninitBefore = count(ExtTools.run("dumpe2fs", img.toString()), "INODE_UNINIT");
        int blockUninitBefore = count(ExtTools.run("dumpe2fs", img.toString()), "BLOCK_UNINIT");
        ExtModel model = ExtModel.empty("/mnt");
        ExtRw rw = ExtRw.mount(img, type);
        for (int i = 0; i < 6; i++) {
            model.mkdir(rw.p, "/top" + i, 0755);
            model.write(rw.p, "/top" + i + "/f", 0644, 0, new byte[] {(byte) i});
        }
        model.write(rw.p, "/huge", 0644, 0, SourceTree.bytes(new Random(3), 12 << 20));
        rw.unmount();
        judge(img, model, tmp, type, "uninit_bg groups");
        String after = ExtTools.run("dumpe2fs", img.toString());
        assertThat(count(after, "INODE_UNINIT")).isLessThan(inodeUninitBefore);
        assertThat(count(after, "BLOCK_UNINIT")).isLessThan(blockUninitBefore);
    }

    /**
     * An xattr block shared by two inodes (h_refcount 2, as the kernel's mbcache makes them):
     * changing one inode's attributes gives it a copy and drops the shared block's count,
     * emptying the other frees the block. e2fsck checks every refcount.
     */
    @Test
    void sharedXattrBlocksAreCopiedOnWriteAndRefcounted(@TempDir Path tmp) throws Exception {
        Path src = java.nio.file.Files.createDirectories(tmp.resolve("src"));
        for (String f : new String[] {"a", "b"}) {
            java.nio.file.Files.write(src.resolve(f), ExtModel.utf8(f));
            ExtTools.run("setfattr", "-n", "user.s", "-v", "shared-value", src.resolve(f).toString());
        }
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext2", "8M", src, "-b", "1024", "-I", "128");
        long blockA = fileAcl(ExtTools.debugfs(img, "stat /a"));
        long blockB = fileAcl(ExtTools.debugfs(img, "stat /b"));
        ExtTools.debugfsWrite(img, "set_inode_field /b file_acl " + blockA);
        ExtTools.debugfsWrite(img, "freeb " + blockB);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(img.toFile(), "rw")) {
            f.seek(blockA * 1024 + 4);
            f.write(new byte[] {2, 0, 0, 0});
        }
        ExtTools.run(java.util.List.of("e2fsck", "-fy", img.toString()), 1); // the free counts freeb left behind
        ExtRefCheck.fsck(img, "sharing one xattr block");
        assertThat(fileAcl(ExtTools.debugfs(img, "stat /b"))).as("b shares a's block").isEqualTo(blockA);
        ExtModel model = ExtModel.fromSource("/mnt", src);
        model.paths.get("/a").xattrs.put("user.s", ExtModel.utf8("shared-value"));
        model.paths.get("/b").xattrs.put("user.s", ExtModel.utf8("shared-value"));

        ExtRw rw = ExtRw.mount(img, "ext2");
        model.setxattr(rw.p, "/b", "user.t", ExtModel.utf8("b's own"));
        rw.unmount();
        judge(img, model, tmp, "ext2", "copy-on-write of a shared xattr block");
        assertThat(fileAcl(ExtTools.debugfs(img, "stat /b"))).isNotEqualTo(blockA);

        rw = ExtRw.mount(img, "ext2");
        model.removexattr(rw.p, "/a", "user.s");
        rw.unmount();
        judge(img, model, tmp, "ext2", "emptying the last user of an xattr block");
        assertThat(fileAcl(ExtTools.debugfs(img, "stat /a"))).isZero();
        assertThat(ExtTools.debugfs(img, "testb " + blockA)).contains("not in use");
    }

    private static long fileAcl(String stat) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("File ACL: (\\d+)").matcher(stat);
        assertThat(m.find()).as(stat).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int count(String text, String word) {
        return text.split(word, -1).length - 1;
    }

    @Test
    void ext3WithAJournalToReplayRefusesReadWrite(@TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext3", "16M", null, "-b", "1024");
        ExtTools.debugfsWrite(img, "feature needs_recovery");
        assertThatThrownBy(() -> ExtRw.mount(img, "ext3")).hasMessageContaining("journal needs recovery")
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.EROFS);
        ExtRw ro = ExtRw.mount(img, "ext3", "ro");
        assertThat(ro.p.lstat("/mnt/lost+found").isDir()).isTrue();
        ro.p.umount("/mnt");
    }

    @Test
    void limitsAreTheKernelsErrors(@TempDir Path tmp) {
        Path img = ExtTools.mkfs(tmp.resolve("img"), "ext2", "8M", null, "-b", "1024");
        ExtRw rw = ExtRw.mount(img, "ext2");
        var p = rw.p;
        assertThatThrownBy(() -> p.mkdir("/mnt/" + "n".repeat(256), 0755)).extracting(e -> ((VfsException) e).errno())
                .isEqualTo(Errno.ENAMETOOLONG);
        int fd = p.open("/mnt/f", OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0644);
        long max = rw.sb.maxBytes();
        assertThatThrownBy(() -> p.pwrite(fd, ByteBuffer.wrap(new byte[] {1}), max))
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.EFBIG);
        p.close(fd);
        assertThat(max).isEqualTo((12L + 256 + 256L * 256 + 256L * 256 * 256) * 1024);
        List<String> names = new ArrayList<>();
        Errno failure = null;
        for (int d = 0; d < 64; d++) {
            p.mkdir("/mnt/links" + d, 0755);
        }
        for (int i = 0; failure == null && i < ExtNamei.LINK_MAX + 5; i++) {
            String name = "/mnt/links" + (i % 64) + "/l" + i;
            try {
                p.link("/mnt/f", name);
                names.add(name);
            } catch (VfsException e) {
                failure = e.errno();
            }
        }
        assertThat(failure).isEqualTo(Errno.EMLINK);
        assertThat(p.lstat("/mnt/f").nlink()).isEqualTo(ExtNamei.LINK_MAX);
        assertThatThrownBy(() -> p.rename("/mnt/f", "/mnt/links1/l1", 4)).extracting(e -> ((VfsException) e).errno())
                .isEqualTo(Errno.EINVAL);
        rw.unmount();
        ExtRefCheck.fsck(img, "32000 links");
    }
}
