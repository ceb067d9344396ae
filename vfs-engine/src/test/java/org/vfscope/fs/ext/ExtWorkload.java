package org.vfscope.fs.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.RenameFlags;
import org.vfscope.vfs.VfsException;

/**
 * The batches of operations the write tests run: a generated tree put under {@code /tree}
 * (every size boundary of the block map, sparse files, long and UTF-8 names, all link kinds,
 * special files, xattrs, modes, owners, timestamps), then edits of it (mkdir, rename in all its
 * forms, unlink, rm -r, link, chmod, chown, truncate shrinking through partial indirect trees and
 * growing into holes, xattr changes), then a third batch of allocation-heavy work.
 */
final class ExtWorkload {
    private final ExtModel m;
    private final int bs;
    private final long apb;
    private final Random rnd;
    private boolean xattrs = true;
    private boolean extents;

    ExtWorkload(ExtModel m, int bs, long seed) {
        this.m = m;
        this.bs = bs;
        this.apb = bs / 4;
        this.rnd = new Random(seed);
    }

    /** Revision 0 images get no xattrs (the test would only check the revision upgrade). */
    /** ext4 (extent files): fallocate makes unwritten extents and KEEP_SIZE works. */
    void withExtents(boolean on) {
        this.extents = on;
    }

    void withXattrs(boolean on) {
        this.xattrs = on;
    }

    private byte[] bytes(long n) {
        return SourceTree.bytes(rnd, (int) n);
    }

    /** The triple-indirect range only with 1 KiB blocks (it starts at 64 MiB there, at 4 GiB with 4 KiB). */
    private boolean tripleAffordable() {
        return bs == 1024;
    }

    void put(Process p) {
        m.mkdir(p, "/tree", 0755);
        m.mkdir(p, "/tree/sizes", 0755);
        long[] sizes = {0, 1, bs - 1, bs, bs + 1, 12L * bs - 1, 12L * bs, 12L * bs + 1, 13L * bs,
            (12 + apb) * bs - 1, (12 + apb) * bs, (12 + apb) * bs + 1, (12 + apb + 3) * bs + 5, 5000, 65537};
        for (long size : sizes) {
            m.write(p, "/tree/sizes/f" + size, 0644, 0, bytes(size));
        }
        m.mkdir(p, "/tree/sparse", 0755);
        sparse(p, "/tree/sparse/hole-then-data", 20L * bs, 100);
        sparse(p, "/tree/sparse/double", (12 + apb + 5) * bs + 7, 3000);
        if (tripleAffordable()) {
            sparse(p, "/tree/sparse/triple", (12 + apb + apb * apb + 3) * bs + 11, 2 * bs);
        }
        m.write(p, "/tree/sparse/all-hole", 0644, 0, new byte[0]);
        m.truncate(p, "/tree/sparse/all-hole", 3L * bs + 5);
        m.mkdir(p, "/tree/names", 0755);
        m.write(p, "/tree/names/" + "a".repeat(251) + ".txt", 0644, 0, bytes(10));
        m.write(p, "/tree/names/grüße-日本語-😀", 0644, 0, bytes(33));
        m.write(p, "/tree/names/with space", 0644, 0, bytes(2));
        m.mkdir(p, "/tree/many", 0755);
        for (int i = 0; i < 150; i++) {
            m.write(p, "/tree/many/entry-" + i + "-" + "x".repeat(i % 40), 0644, 0, bytes(i));
        }
        String deep = "/tree";
        for (int i = 0; i < 6; i++) {
            deep = deep + "/d" + i;
            m.mkdir(p, deep, 0755);
        }
        m.write(p, deep + "/bottom", 0644, 0, bytes(77));
        m.mkdir(p, "/tree/links", 0755);
        m.write(p, "/tree/links/hl1", 0644, 0, bytes(1234));
        m.link(p, "/tree/links/hl1", "/tree/links/hl2");
        m.link(p, "/tree/links/hl1", "/tree/hl3");
        m.symlink(p, "hl1", "/tree/links/short");
        m.symlink(p, "y".repeat(59), "/tree/links/fifty-nine");
        m.symlink(p, "x".repeat(60), "/tree/links/sixty");
        m.symlink(p, "../" + "long/".repeat(60) + "target", "/tree/links/long");
        m.symlink(p, "/nowhere/at/all", "/tree/links/dangling");
        m.mkdir(p, "/tree/special", 0755);
        m.mknod(p, "/tree/special/fifo", FileMode.S_IFIFO | 0644, 0, 0);
        m.mknod(p, "/tree/special/sock", FileMode.S_IFSOCK | 0755, 0, 0);
        m.mknod(p, "/tree/special/null", FileMode.S_IFCHR | 0666, 1, 3);
        m.mknod(p, "/tree/special/loop0", FileMode.S_IFBLK | 0660, 7, 0);
        m.mknod(p, "/tree/special/bigdev", FileMode.S_IFCHR | 0600, 300, 70000);
        m.mkdir(p, "/tree/modes", 0755);
        m.write(p, "/tree/modes/setuid", 0755, 0, bytes(5));
        m.chmod(p, "/tree/modes/setuid", 04755);
        m.write(p, "/tree/modes/setgid", 0711, 0, bytes(5));
        m.chmod(p, "/tree/modes/setgid", 02711);
        m.mkdir(p, "/tree/modes/sticky", 0755);
        m.chmod(p, "/tree/modes/sticky", 01777);
        m.write(p, "/tree/modes/none", 0644, 0, bytes(5));
        m.chmod(p, "/tree/modes/none", 0);
        m.write(p, "/tree/modes/owned", 0644, 0, bytes(5));
        m.chown(p, "/tree/modes/owned", 1234, 5678);
        m.chown(p, "/tree/links/short", 4321, 8765);
        m.utimes(p, "/tree/modes/owned", Instant.parse("1999-12-31T23:59:58Z"));
        m.utimes(p, "/tree/modes/none", Instant.parse("1970-01-02T00:00:00Z"));
        m.mkdir(p, "/tree/xattrs", 0755);
        m.write(p, "/tree/xattrs/small", 0644, 0, bytes(10));
        m.write(p, "/tree/xattrs/big", 0644, 0, bytes(10));
        if (!xattrs) {
            return;
        }
        m.setxattr(p, "/tree/xattrs/small", "user.x", ExtModel.utf8("y"));
        m.setxattr(p, "/tree/xattrs/small", "trusted.t", new byte[] {0, (byte) 0xff, 0x10});
        m.setxattr(p, "/tree/xattrs/small", "security.s", ExtModel.utf8("sec"));
        m.setxattr(p, "/tree/xattrs/big", "user.big", bytes(600));
        for (int i = 0; i < 4; i++) {
            m.setxattr(p, "/tree/xattrs/big", "user.k" + i, ExtModel.utf8("value-" + i));
        }
        m.setxattr(p, "/tree/xattrs", "user.ondir", ExtModel.utf8("d"));
    }

    private void sparse(Process p, String path, long offset, int len) {
        m.write(p, path, 0644, 0, bytes(100));
        m.write(p, path, 0644, offset, bytes(len));
    }

    void edit(Process p) {
        m.mkdir(p, "/tree/new", 0750);
        m.mkdir(p, "/tree/new/inner", 0700);
        m.rename(p, "/tree/sizes/f1", "/tree/sizes/renamed-in-place");
        m.rename(p, "/tree/sizes/f5000", "/tree/new/moved-across");
        m.rename(p, "/tree/d0/d1", "/tree/new/d1-moved"); // a directory to another parent: ".." and link counts
        m.rename(p, "/tree/sizes/f0", "/tree/sizes/f65537"); // over an existing file
        m.mkdir(p, "/tree/empty-target", 0755);
        m.rename(p, "/tree/new/inner", "/tree/empty-target"); // a directory over an empty directory
        m.write(p, "/tree/new/x", 0644, 0, bytes(3000));
        m.exchange(p, "/tree/new/x", "/tree/links"); // a file and a directory trade places across parents
        m.exchange(p, "/tree/new/x", "/tree/links"); // and back
        assertThatThrownBy(() -> p.rename("/mnt/tree/hl3", "/mnt/tree/names/with space", RenameFlags.RENAME_NOREPLACE))
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.EEXIST);
        m.unlink(p, "/tree/links/hl1"); // the other two names keep the inode
        m.link(p, "/tree/hl3", "/tree/new/hl4");
        m.removeTree(p, "/tree/many");
        m.chmod(p, "/tree/new", 0755);
        m.chown(p, "/tree/new/moved-across", 42, 43);
        m.truncate(p, "/tree/sizes/f" + ((12 + apb) * bs + 1), 13L * bs + 5); // frees through the single indirect block
        m.truncate(p, "/tree/sizes/f" + ((12 + apb + 3) * bs + 5), 12L * bs + 1); // drops the double tree
        m.truncate(p, "/tree/sparse/double", (12 + apb + 2) * bs + 3); // a partial double indirect tree
        if (tripleAffordable()) {
            m.truncate(p, "/tree/sparse/triple", (12 + apb + apb * apb + 1) * bs + 1);
        }
        m.truncate(p, "/tree/sizes/f" + bs, 5L * bs + 3); // grows into a hole
        m.write(p, "/tree/sizes/f" + bs, 0644, 5L * bs + 3, bytes(bs));
        m.write(p, "/tree/sizes/f" + (13L * bs), 0644, 3L * bs + 17, bytes(2 * bs)); // overwrite in the middle
        if (xattrs) {
            m.removexattr(p, "/tree/xattrs/big", "user.big"); // the block keeps the small ones
            m.setxattr(p, "/tree/xattrs/small", "user.x", ExtModel.utf8("replaced value"));
            m.removexattr(p, "/tree/xattrs/small", "trusted.t");
        }
        m.removeTree(p, "/tree/d0");
    }

    void third(Process p) {
        for (int d = 0; d < 8; d++) {
            m.mkdir(p, "/top" + d, 0755); // top-level directories: Orlov spreads them over the groups
            for (int f = 0; f < 5; f++) {
                m.write(p, "/top" + d + "/f" + f, 0644, 0, bytes(rnd.nextInt(20 * bs)));
            }
        }
        int fd = p.open("/mnt/tree/falloc", OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0644);
        p.write(fd, new byte[] {1, 2, 3});
        p.fallocate(fd, 0, 2L * bs, 10L * bs + 7);
        ExtModel.Node n = new ExtModel.Node(FileMode.S_IFREG | 0644);
        n.data = new byte[(int) (12L * bs + 7)];
        n.data[0] = 1;
        n.data[1] = 2;
        n.data[2] = 3;
        if (extents) {
            // Unwritten extents: KEEP_SIZE past EOF, then data written into the middle of the preallocation.
            p.fallocate(fd, 1, 12L * bs + 7, 30L * bs);
            assertThat(p.fstat(fd).size()).isEqualTo(12L * bs + 7);
            byte[] mid = bytes(bs + 5);
            p.pwrite(fd, java.nio.ByteBuffer.wrap(mid), 4L * bs + 3);
            System.arraycopy(mid, 0, n.data, 4 * bs + 3, mid.length);
            assertThatThrownBy(() -> p.fallocate(fd, 3, 0, bs)).extracting(e -> ((VfsException) e).errno())
                    .isEqualTo(Errno.EOPNOTSUPP);
        } else {
            assertThatThrownBy(() -> p.fallocate(fd, 1, 0, bs)).extracting(e -> ((VfsException) e).errno())
                    .isEqualTo(Errno.EOPNOTSUPP);
        }
        p.close(fd);
        m.paths.put("/tree/falloc", n);
        m.removeTree(p, "/tree/sizes");
        m.removeTree(p, "/top3");
        m.rename(p, "/top4", "/tree/top4-moved");
    }
}
