package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.sys.ErrnoAssertions.assertErrno;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.OpenFlags;

/** unlink(2) on ramfs, checked against Linux 6.18 tmpfs. */
class UnlinkSpecTest {
    private final KernelClock.Manual clock = new KernelClock.Manual(Instant.parse("2024-01-01T00:00:00Z"));
    private Kernel k;
    private Process p;

    @BeforeEach
    void boot() {
        k = Kernel.boot(clock);
        p = Process.init(k);
        p.mkdir("/d", 0755);
        p.close(p.creat("/f", 0644));
    }

    @Test
    void unlinkRemovesTheName() {
        p.unlink("/f");
        assertErrno(Errno.ENOENT, () -> p.stat("/f"));
    }

    @Test
    void unlinkOfOneHardLinkLowersLinkCountAndKeepsTheOther() {
        p.link("/f", "/g");
        p.unlink("/f");
        assertThat(p.stat("/g").nlink()).isEqualTo(1);
    }

    @Test
    void unlinkedFileStaysReadableThroughAnOpenDescriptor() {
        int w = p.open("/f", OpenFlags.O_WRONLY);
        p.write(w, "kept".getBytes(StandardCharsets.UTF_8));
        p.close(w);
        int fd = p.open("/f", OpenFlags.O_RDONLY);
        p.unlink("/f");
        byte[] buf = new byte[16];
        int n = p.read(fd, buf, 0, buf.length);
        assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("kept");
        assertThat(p.fstat(fd).nlink()).isZero();
        p.close(fd);
    }

    @Test
    void unlinkChangesDirectoryMtimeAndCtime() {
        var before = p.stat("/");
        clock.advanceMillis(1000);
        p.unlink("/f");
        var after = p.stat("/");
        assertThat(after.mtime()).isAfter(before.mtime());
        assertThat(after.ctime()).isAfter(before.ctime());
    }

    @Test
    void unlinkOfDirectoryFailsWithEisdir() {
        // Linux 6.18 tmpfs: unlink("d") -> EISDIR
        assertErrno(Errno.EISDIR, () -> p.unlink("/d"));
    }

    @Test
    void unlinkOfDotDotDotAndRootFailsWithEisdir() {
        // Linux 6.18 tmpfs: unlink(".") / ("..") / ("/") / ("d/.") -> EISDIR
        assertErrno(Errno.EISDIR, () -> p.unlink("."));
        assertErrno(Errno.EISDIR, () -> p.unlink(".."));
        assertErrno(Errno.EISDIR, () -> p.unlink("/"));
        assertErrno(Errno.EISDIR, () -> p.unlink("/d/."));
    }

    @Test
    void unlinkOfFileWithTrailingSlashFailsWithEnotdir() {
        // Linux 6.18 tmpfs: unlink("f/") -> ENOTDIR
        assertErrno(Errno.ENOTDIR, () -> p.unlink("/f/"));
        assertThat(p.stat("/f").isRegular()).isTrue();
    }

    @Test
    void unlinkOfSymlinkToDirectoryWithTrailingSlashFailsWithEnotdir() {
        // Linux 6.18 tmpfs: unlink("dl/") with dl -> d -> ENOTDIR
        p.symlink("d", "/dl");
        assertErrno(Errno.ENOTDIR, () -> p.unlink("/dl/"));
    }

    @Test
    void unlinkOfDanglingSymlinkWithTrailingSlashFailsWithEnotdir() {
        // Linux 6.18 tmpfs: unlink("dang/") with dang -> zz -> ENOTDIR
        p.symlink("zz", "/dang");
        assertErrno(Errno.ENOTDIR, () -> p.unlink("/dang/"));
    }

    @Test
    void unlinkOfSymlinkRemovesTheLinkNotItsTarget() {
        p.symlink("f", "/l");
        p.unlink("/l");
        assertErrno(Errno.ENOENT, () -> p.lstat("/l"));
        assertThat(p.stat("/f").isRegular()).isTrue();
    }

    @Test
    void unlinkOfMissingNameFailsWithEnoent() {
        assertErrno(Errno.ENOENT, () -> p.unlink("/zz"));
        assertErrno(Errno.ENOENT, () -> p.unlink("/zz/y"));
    }

    @Test
    void unlinkThroughAFileFailsWithEnotdir() {
        assertErrno(Errno.ENOTDIR, () -> p.unlink("/f/y"));
    }

    @Test
    void unlinkThenLookupAnswersEnoentAndCreateReusesTheName() {
        p.unlink("/f");
        assertErrno(Errno.ENOENT, () -> p.stat("/f"));
        p.close(p.creat("/f", 0600));
        assertThat(p.stat("/f").permissions()).isEqualTo(0600);
    }
}
