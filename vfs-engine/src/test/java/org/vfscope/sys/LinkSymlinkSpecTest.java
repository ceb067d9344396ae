package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.sys.ErrnoAssertions.assertErrno;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;

/** link(2), symlink(2) and readlink(2) on ramfs, checked against Linux 6.18 tmpfs. */
class LinkSymlinkSpecTest {
    private final KernelClock.Manual clock = new KernelClock.Manual(Instant.parse("2024-01-01T00:00:00Z"));
    private Kernel k;
    private Process p;

    @BeforeEach
    void boot() {
        k = Kernel.boot(clock);
        p = Process.init(k);
        p.mkdir("/d", 0755);
        p.close(p.creat("/f", 0644));
        p.symlink("f", "/sl");
        p.symlink("zz", "/dang");
    }

    @Test
    void linkAddsANameForTheSameInodeAndRaisesItsLinkCount() {
        p.link("/f", "/d/h");
        assertThat(p.stat("/d/h").ino()).isEqualTo(p.stat("/f").ino());
        assertThat(p.stat("/f").nlink()).isEqualTo(2);
    }

    @Test
    void linkChangesCtimeOfTheInode() {
        Instant before = p.stat("/f").ctime();
        clock.advanceMillis(1000);
        p.link("/f", "/h");
        assertThat(p.stat("/f").ctime()).isAfter(before);
    }

    @Test
    void linkToDirectoryFailsWithEperm() {
        // Linux 6.18 tmpfs: link("d", "dh") -> EPERM
        assertErrno(Errno.EPERM, () -> p.link("/d", "/dh"));
    }

    @Test
    void linkAcrossMountsFailsWithExdev() {
        // Linux 6.18: link from tmpfs to ramfs -> EXDEV
        p.mkdir("/mnt", 0755);
        p.mount("none", "/mnt", "ramfs", null);
        assertErrno(Errno.EXDEV, () -> p.link("/f", "/mnt/h"));
    }

    @Test
    void linkOntoExistingNameFailsWithEexist() {
        // Linux 6.18 tmpfs: link("f", "sl") -> EEXIST
        assertErrno(Errno.EEXIST, () -> p.link("/f", "/sl"));
    }

    @Test
    void linkOfMissingFileFailsWithEnoent() {
        assertErrno(Errno.ENOENT, () -> p.link("/zz", "/h"));
    }

    @Test
    void linkOfFileWithTrailingSlashFailsWithEnotdir() {
        // Linux 6.18 tmpfs: link("f/", "h1") -> ENOTDIR
        assertErrno(Errno.ENOTDIR, () -> p.link("/f/", "/h1"));
    }

    @Test
    void linkToNewNameWithTrailingSlashFailsWithEnoent() {
        // Linux 6.18 tmpfs: link("f", "h1/") -> ENOENT
        assertErrno(Errno.ENOENT, () -> p.link("/f", "/h1/"));
    }

    @Test
    void linkOfSymlinkLinksTheSymlinkItself() {
        // Linux 6.18 tmpfs: link("sl", "h2") makes h2 a symlink (link(2) does not follow)
        p.link("/sl", "/h2");
        assertThat(p.lstat("/h2").isSymlink()).isTrue();
        assertThat(p.lstat("/sl").nlink()).isEqualTo(2);
    }

    @Test
    void linkOfDanglingSymlinkSucceeds() {
        // Linux 6.18 tmpfs: link("dang", "h3") -> 0
        p.link("/dang", "/h3");
        assertThat(p.readlink("/h3")).isEqualTo("zz");
    }

    @Test
    void symlinkStoresTargetVerbatimWithModeLrwxrwxrwxAndSizeOfTarget() {
        // Linux 6.18 tmpfs: lstat of a symlink -> 0120777, st_size = strlen(target)
        p.symlink("../some//where", "/d/l");
        assertThat(p.readlink("/d/l")).isEqualTo("../some//where");
        assertThat(p.lstat("/d/l").mode()).isEqualTo(FileMode.S_IFLNK | 0777);
        assertThat(p.lstat("/d/l").size()).isEqualTo(14);
    }

    @Test
    void symlinkWithEmptyTargetFailsWithEnoent() {
        // Linux 6.18 tmpfs: symlink("", "e") -> ENOENT
        assertErrno(Errno.ENOENT, () -> p.symlink("", "/e"));
    }

    @Test
    void symlinkOntoExistingNameFailsWithEexist() {
        // Linux 6.18 tmpfs: symlink("x", "f") and symlink("x", "dang") -> EEXIST
        assertErrno(Errno.EEXIST, () -> p.symlink("x", "/f"));
        assertErrno(Errno.EEXIST, () -> p.symlink("x", "/dang"));
    }

    @Test
    void symlinkToNewNameWithTrailingSlashFailsWithEnoent() {
        // Linux 6.18 tmpfs: symlink("x", "nn/") -> ENOENT
        assertErrno(Errno.ENOENT, () -> p.symlink("x", "/nn/"));
    }

    @Test
    void symlinkTargetOfPathMaxBytesFailsWithEnametoolong() {
        // Linux 6.18 tmpfs: symlink("a" * 4095, ..) -> 0; symlink("a" * 4096, ..) -> ENAMETOOLONG
        p.symlink("a".repeat(4095), "/long1");
        assertErrno(Errno.ENAMETOOLONG, () -> p.symlink("a".repeat(4096), "/long2"));
    }

    @Test
    void readlinkOfNonSymlinkFailsWithEinval() {
        // Linux 6.18 tmpfs: readlink("f") and readlink("d") -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.readlink("/f"));
        assertErrno(Errno.EINVAL, () -> p.readlink("/d"));
    }

    @Test
    void readlinkOfMissingNameFailsWithEnoent() {
        assertErrno(Errno.ENOENT, () -> p.readlink("/zz"));
    }

    @Test
    void readlinkWithTrailingSlashFollowsTheLinkAndFailsWithEnotdir() {
        // Linux 6.18 tmpfs: readlink("sl/") with sl -> f -> ENOTDIR
        assertErrno(Errno.ENOTDIR, () -> p.readlink("/sl/"));
    }

    @Test
    void readlinkDoesNotFollowTheFinalLink() {
        p.symlink("sl", "/sl2");
        assertThat(p.readlink("/sl2")).isEqualTo("sl");
    }

    @Test
    void statOfDanglingSymlinkFailsWithEnoentButLstatSucceeds() {
        // Linux 6.18 tmpfs: stat("dang") -> ENOENT, lstat("dang") -> 0, lstat("dang/") -> ENOENT
        assertErrno(Errno.ENOENT, () -> p.stat("/dang"));
        assertThat(p.lstat("/dang").isSymlink()).isTrue();
        assertErrno(Errno.ENOENT, () -> p.lstat("/dang/"));
    }
}
