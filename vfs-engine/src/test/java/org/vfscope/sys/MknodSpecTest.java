package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.sys.ErrnoAssertions.assertErrno;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Credentials;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Kernel;

/** mknod(2) on ramfs, checked against Linux 6.18 tmpfs. */
class MknodSpecTest {
    /** makedev(1, 3) as glibc encodes it (/dev/null): (1 << 8) | 3. */
    private static final long DEV_NULL = (1 << 8) | 3;

    private Kernel k;
    private Process p;

    @BeforeEach
    void boot() {
        k = Kernel.boot();
        p = Process.init(k);
        p.mkdir("/d", 0777);
        p.chmod("/d", 0777);
        p.close(p.creat("/f", 0644));
    }

    @Test
    void mknodCreatesFifoWithModeMaskedByUmask() {
        // Linux 6.18 tmpfs: mknod("p", S_IFIFO|0644) -> 010644
        p.umask(022);
        p.mknod("/p", FileMode.S_IFIFO | 0666, 0);
        assertThat(p.lstat("/p").mode()).isEqualTo(FileMode.S_IFIFO | 0644);
    }

    @Test
    void mknodOfCharacterDeviceRecordsRdev() {
        // Linux 6.18 tmpfs: mknod("c", S_IFCHR|0600, makedev(1,3)) -> st_rdev 259
        p.mknod("/c", FileMode.S_IFCHR | 0600, DEV_NULL);
        assertThat(p.lstat("/c").rdev()).isEqualTo(259);
        assertThat(p.lstat("/c").mode() & FileMode.S_IFMT).isEqualTo(FileMode.S_IFCHR);
    }

    @Test
    void mknodOfSocketAndBlockDeviceSucceedsForRoot() {
        p.mknod("/so", FileMode.S_IFSOCK | 0600, 0);
        p.mknod("/b", FileMode.S_IFBLK | 0600, DEV_NULL);
        assertThat(p.lstat("/so").mode() & FileMode.S_IFMT).isEqualTo(FileMode.S_IFSOCK);
        assertThat(p.lstat("/b").mode() & FileMode.S_IFMT).isEqualTo(FileMode.S_IFBLK);
    }

    @Test
    void mknodWithTypeZeroCreatesRegularFile() {
        // Linux 6.18 tmpfs: mknod("z0", 0600) -> 0100600
        p.mknod("/z0", 0600, 0);
        assertThat(p.lstat("/z0").mode()).isEqualTo(FileMode.S_IFREG | 0600);
    }

    @Test
    void mknodOfDirectoryFailsWithEperm() {
        // Linux 6.18 tmpfs: mknod("dd", S_IFDIR|0600) -> EPERM
        assertErrno(Errno.EPERM, () -> p.mknod("/dd", FileMode.S_IFDIR | 0600, 0));
    }

    @Test
    void mknodOfSymlinkTypeFailsWithEinval() {
        // Linux 6.18 tmpfs: mknod("ln", S_IFLNK|0600) -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.mknod("/ln", FileMode.S_IFLNK | 0600, 0));
    }

    @Test
    void mknodOfUnknownTypeFailsWithEinval() {
        // Linux 6.18 tmpfs: mknod("zb", 0o070600) -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.mknod("/zb", 0070000 | 0600, 0));
    }

    @Test
    void mknodOfExistingNameFailsWithEexist() {
        // Linux 6.18 tmpfs: mknod("f", S_IFIFO|0600) on an existing file -> EEXIST
        assertErrno(Errno.EEXIST, () -> p.mknod("/f", FileMode.S_IFIFO | 0600, 0));
    }

    @Test
    void mknodOfCharacterDeviceByUnprivilegedUserFailsWithEperm() {
        // Linux 6.18 tmpfs as uid 1000: mknod(S_IFCHR) -> EPERM, mknod(S_IFIFO) -> 0
        Process u = p.fork(Credentials.of(1000, 1000));
        assertErrno(Errno.EPERM, () -> u.mknod("/d/c", FileMode.S_IFCHR | 0600, DEV_NULL));
        assertErrno(Errno.EPERM, () -> u.mknod("/d/b", FileMode.S_IFBLK | 0600, DEV_NULL));
    }

    @Test
    void mknodOfFifoByUnprivilegedUserSucceeds() {
        Process u = p.fork(Credentials.of(1000, 1000));
        u.mknod("/d/p", FileMode.S_IFIFO | 0600, 0);
        assertThat(p.lstat("/d/p").uid()).isEqualTo(1000);
    }
}
