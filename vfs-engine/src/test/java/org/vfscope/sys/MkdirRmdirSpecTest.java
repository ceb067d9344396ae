package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.sys.ErrnoAssertions.assertErrno;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Credentials;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;

/** mkdir(2) and rmdir(2) on ramfs, checked against Linux 6.18 tmpfs. */
class MkdirRmdirSpecTest {
    private Kernel k;
    private Process p;

    @BeforeEach
    void boot() {
        k = Kernel.boot();
        p = Process.init(k);
        p.mkdir("/d", 0755);
        p.close(p.creat("/d/f", 0644));
        p.close(p.creat("/f", 0644));
    }

    @Test
    void mkdirCreatesDirectoryWithModeMaskedByUmask() {
        p.umask(027);
        p.mkdir("/n", 0777);
        assertThat(p.stat("/n").mode()).isEqualTo(FileMode.S_IFDIR | 0750);
    }

    @Test
    void mkdirKeepsStickyBitButDropsSetGid() {
        // Linux 6.18 tmpfs: mkdir(0o1777) -> 041755 with umask 022; mkdir(0o2755) -> 040755
        p.mkdir("/s", 01777);
        p.mkdir("/g", 02755);
        assertThat(p.stat("/s").permissions()).isEqualTo(01755);
        assertThat(p.stat("/g").permissions()).isEqualTo(0755);
    }

    @Test
    void newDirectoryHasTwoLinksAndRaisesParentLinkCount() {
        int before = p.stat("/d").nlink();
        p.mkdir("/d/sub", 0755);
        assertThat(p.stat("/d/sub").nlink()).isEqualTo(2);
        assertThat(p.stat("/d").nlink()).isEqualTo(before + 1);
    }

    @Test
    void mkdirOfExistingNameFailsWithEexist() {
        assertErrno(Errno.EEXIST, () -> p.mkdir("/d", 0755));
        assertErrno(Errno.EEXIST, () -> p.mkdir("/f", 0755));
    }

    @Test
    void mkdirWithTrailingSlashCreatesTheDirectory() {
        // Linux 6.18 tmpfs: mkdir("n/") -> 0
        p.mkdir("/n/", 0755);
        assertThat(p.stat("/n").isDir()).isTrue();
    }

    @Test
    void mkdirOfExistingFileWithTrailingSlashFailsWithEexist() {
        // Linux 6.18 tmpfs: mkdir("f/") on a file -> EEXIST
        assertErrno(Errno.EEXIST, () -> p.mkdir("/f/", 0755));
    }

    @Test
    void mkdirOfDotDotDotAndRootFailsWithEexist() {
        // Linux 6.18 tmpfs: mkdir(".") / mkdir("..") / mkdir("d/.") / mkdir("/") -> EEXIST
        assertErrno(Errno.EEXIST, () -> p.mkdir(".", 0755));
        assertErrno(Errno.EEXIST, () -> p.mkdir("..", 0755));
        assertErrno(Errno.EEXIST, () -> p.mkdir("/d/.", 0755));
        assertErrno(Errno.EEXIST, () -> p.mkdir("/", 0755));
    }

    @Test
    void mkdirInMissingParentFailsWithEnoent() {
        assertErrno(Errno.ENOENT, () -> p.mkdir("/zz/y", 0755));
    }

    @Test
    void mkdirThroughAFileFailsWithEnotdir() {
        assertErrno(Errno.ENOTDIR, () -> p.mkdir("/f/y", 0755));
    }

    @Test
    void mkdirInRemovedWorkingDirectoryFailsWithEnoent() {
        p.mkdir("/gone", 0755);
        p.chdir("/gone");
        p.rmdir("/gone");
        assertErrno(Errno.ENOENT, () -> p.mkdir("x", 0755));
    }

    @Test
    void mkdirAsUnprivilegedUserIsOwnedByTheirIds() {
        p.chmod("/d", 0777);
        Process u = p.fork(Credentials.of(1000, 1000));
        u.mkdir("/d/mine", 0755);
        assertThat(p.stat("/d/mine").uid()).isEqualTo(1000);
        assertThat(p.stat("/d/mine").gid()).isEqualTo(1000);
    }

    @Test
    void mkdirInSetGidDirectoryInheritsGroupAndSetGid() {
        p.mkdir("/sg", 0755);
        p.chown("/sg", -1, 50);
        p.chmod("/sg", 02777);
        Process u = p.fork(Credentials.of(1000, 1000));
        u.mkdir("/sg/child", 0755);
        assertThat(p.stat("/sg/child").gid()).isEqualTo(50);
        assertThat(p.stat("/sg/child").permissions() & FileMode.S_ISGID).isEqualTo(FileMode.S_ISGID);
    }

    @Test
    void rmdirRemovesEmptyDirectoryAndLowersParentLinkCount() {
        p.mkdir("/d/sub", 0755);
        int before = p.stat("/d").nlink();
        p.rmdir("/d/sub");
        assertErrno(Errno.ENOENT, () -> p.stat("/d/sub"));
        assertThat(p.stat("/d").nlink()).isEqualTo(before - 1);
    }

    @Test
    void rmdirOfNonEmptyDirectoryFailsWithEnotempty() {
        assertErrno(Errno.ENOTEMPTY, () -> p.rmdir("/d"));
    }

    @Test
    void rmdirOfTrailingDotFailsWithEinval() {
        // Linux 6.18 tmpfs: rmdir("d/.") -> EINVAL, rmdir(".") -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.rmdir("/d/."));
        assertErrno(Errno.EINVAL, () -> p.rmdir("."));
    }

    @Test
    void rmdirOfTrailingDotDotFailsWithEnotempty() {
        // Linux 6.18 tmpfs: rmdir("d/..") -> ENOTEMPTY
        assertErrno(Errno.ENOTEMPTY, () -> p.rmdir("/d/.."));
    }

    @Test
    void rmdirOfRootFailsWithEbusy() {
        // Linux 6.18: rmdir("/") -> EBUSY
        assertErrno(Errno.EBUSY, () -> p.rmdir("/"));
    }

    @Test
    void rmdirOfFileFailsWithEnotdir() {
        // Linux 6.18 tmpfs: rmdir("f") and rmdir("f/") -> ENOTDIR
        assertErrno(Errno.ENOTDIR, () -> p.rmdir("/f"));
        assertErrno(Errno.ENOTDIR, () -> p.rmdir("/f/"));
    }

    @Test
    void rmdirOfSymlinkToDirectoryFailsWithEnotdir() {
        // Linux 6.18 tmpfs: rmdir("dl") and rmdir("dl/") with dl -> d -> ENOTDIR
        p.mkdir("/e", 0755);
        p.symlink("e", "/dl");
        assertErrno(Errno.ENOTDIR, () -> p.rmdir("/dl"));
        assertErrno(Errno.ENOTDIR, () -> p.rmdir("/dl/"));
        assertThat(p.stat("/e").isDir()).isTrue();
    }

    @Test
    void rmdirOfMissingNameFailsWithEnoent() {
        assertErrno(Errno.ENOENT, () -> p.rmdir("/zz"));
    }

    @Test
    void rmdirWithTrailingSlashRemovesTheDirectory() {
        // Linux 6.18 tmpfs: rmdir("e/") -> 0
        p.mkdir("/e", 0755);
        p.rmdir("/e/");
        assertErrno(Errno.ENOENT, () -> p.stat("/e"));
    }

    @Test
    void rmdirOfWorkingDirectoryLeavesGetcwdFailingWithEnoent() {
        p.mkdir("/w", 0755);
        p.chdir("/w");
        p.rmdir("/w");
        assertErrno(Errno.ENOENT, p::getcwd);
    }

    @Test
    void removedDirectoryKeptOpenReportsNoLinks() {
        p.mkdir("/w", 0755);
        int fd = p.open("/w", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY);
        p.rmdir("/w");
        assertThat(p.fstat(fd).nlink()).isZero();
        p.close(fd);
    }

    @Test
    void rmdirOfMountpointFailsWithEbusy() {
        // Linux 6.18: rmdir of a tmpfs mountpoint -> EBUSY
        p.mkdir("/mnt", 0755);
        p.mount("none", "/mnt", "ramfs", null);
        assertErrno(Errno.EBUSY, () -> p.rmdir("/mnt"));
    }
}
