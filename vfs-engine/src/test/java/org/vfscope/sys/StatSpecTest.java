package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.sys.ErrnoAssertions.assertErrno;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Credentials;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.Stat;

/** stat(2), lstat(2) and fstat(2) on ramfs, checked against Linux 6.18 tmpfs. */
class StatSpecTest {
    private final KernelClock.Manual clock = new KernelClock.Manual(Instant.parse("2024-01-01T00:00:00Z"));
    private Kernel k;
    private Process p;

    @BeforeEach
    void boot() {
        k = Kernel.boot(clock);
        p = Process.init(k);
        p.mkdir("/d", 0777);
        p.chmod("/d", 0777);
        p.close(p.creat("/f", 0644));
    }

    @Test
    void newFileHasOneLinkNoSizeNoBlocksAndEqualTimestamps() {
        // Linux 6.18 tmpfs: new file -> nlink 1, size 0, blocks 0, blksize 4096, atime == mtime == ctime
        Stat st = p.stat("/f");
        assertThat(st.nlink()).isEqualTo(1);
        assertThat(st.size()).isZero();
        assertThat(st.blocks()).isZero();
        assertThat(st.blksize()).isEqualTo(4096);
        assertThat(st.atime()).isEqualTo(st.mtime()).isEqualTo(st.ctime()).isEqualTo(clock.now());
    }

    @Test
    void newFileIsOwnedByTheCreatorsUidAndGid() {
        Process u = p.fork(Credentials.of(1000, 1001));
        u.close(u.creat("/d/mine", 0644));
        Stat st = p.stat("/d/mine");
        assertThat(st.uid()).isEqualTo(1000);
        assertThat(st.gid()).isEqualTo(1001);
        assertThat(st.mode()).isEqualTo(FileMode.S_IFREG | 0644);
    }

    @Test
    void blocksCountWholePagesInFiveHundredTwelveByteUnits() {
        // Linux 6.18 tmpfs: 5000 bytes written -> st_blocks 16 (two 4 KiB pages)
        int fd = p.open("/f", OpenFlags.O_WRONLY);
        p.write(fd, new byte[5000]);
        p.close(fd);
        assertThat(p.stat("/f").size()).isEqualTo(5000);
        assertThat(p.stat("/f").blocks()).isEqualTo(16);
    }

    @Test
    void directoryLinkCountIsTwoPlusSubdirectories() {
        // Linux 6.18 tmpfs: new dir nlink 2, then 3 after mkdir d/sub
        assertThat(p.stat("/d").nlink()).isEqualTo(2);
        p.mkdir("/d/sub", 0755);
        p.close(p.creat("/d/file", 0644));
        assertThat(p.stat("/d").nlink()).isEqualTo(3);
    }

    @Test
    void everyInodeHasADistinctNumberOnTheSameDevice() {
        Stat f = p.stat("/f");
        Stat d = p.stat("/d");
        assertThat(f.ino()).isNotEqualTo(d.ino());
        assertThat(f.dev()).isEqualTo(d.dev());
    }

    @Test
    void anotherMountHasAnotherDevice() {
        p.mkdir("/mnt", 0755);
        long under = p.stat("/mnt").dev();
        p.mount("none", "/mnt", "ramfs", null);
        assertThat(p.stat("/mnt").dev()).isNotEqualTo(under);
    }

    @Test
    void statFollowsSymlinksAndLstatDoesNot() {
        p.symlink("f", "/l");
        assertThat(p.stat("/l").ino()).isEqualTo(p.stat("/f").ino());
        assertThat(p.lstat("/l").isSymlink()).isTrue();
        assertThat(p.lstat("/l").ino()).isNotEqualTo(p.stat("/f").ino());
    }

    @Test
    void lstatOfSymlinkToDirectoryWithTrailingSlashFollowsIt() {
        // Linux 6.18 tmpfs: lstat("dl/") with dl -> d is the directory
        p.symlink("d", "/dl");
        assertThat(p.lstat("/dl/").isDir()).isTrue();
        assertThat(p.lstat("/dl/").ino()).isEqualTo(p.stat("/d").ino());
    }

    @Test
    void statOfFileWithTrailingSlashDotOrDotDotFailsWithEnotdir() {
        // Linux 6.18 tmpfs: stat("f/"), stat("f/."), stat("f/..") -> ENOTDIR
        assertErrno(Errno.ENOTDIR, () -> p.stat("/f/"));
        assertErrno(Errno.ENOTDIR, () -> p.stat("/f/."));
        assertErrno(Errno.ENOTDIR, () -> p.stat("/f/.."));
    }

    @Test
    void statOfDotDotBelowMissingNameFailsWithEnoent() {
        // Linux 6.18 tmpfs: stat("zz/..") -> ENOENT
        assertErrno(Errno.ENOENT, () -> p.stat("/zz/.."));
    }

    @Test
    void statOfEmptyPathFailsWithEnoent() {
        assertErrno(Errno.ENOENT, () -> p.stat(""));
    }

    @Test
    void fstatWorksOnAnOpathDescriptor() {
        int fd = p.open("/f", OpenFlags.O_PATH);
        assertThat(p.fstat(fd).ino()).isEqualTo(p.stat("/f").ino());
        p.close(fd);
    }

    @Test
    void statSeesAttributesAfterTheInodeWasEvictedFromTheCache() {
        p.chmod("/f", 0600);
        p.chown("/f", 7, 8);
        Stat before = p.stat("/f");
        k.sync();
        k.dropCaches(3);
        assertThat(p.stat("/f")).isEqualTo(before);
    }
}
