package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.vfs.OpenFlags.O_CREAT;
import static org.vfscope.vfs.OpenFlags.O_DIRECTORY;
import static org.vfscope.vfs.OpenFlags.O_EXCL;
import static org.vfscope.vfs.OpenFlags.O_RDONLY;
import static org.vfscope.vfs.OpenFlags.O_RDWR;
import static org.vfscope.vfs.OpenFlags.O_TMPFILE;
import static org.vfscope.vfs.OpenFlags.O_WRONLY;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.DirEntry;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Stat;

/** open(O_TMPFILE) and linkat(fd, "", AT_EMPTY_PATH) on ramfs, against Linux 6.18 tmpfs. */
class TmpfileSpecTest extends SpecSupport {

    @BeforeEach
    void directory() {
        p.mkdir("/d", 0755);
        createFile("/f", "x");
    }

    private List<String> listing(String dir) {
        int fd = p.open(dir, O_RDONLY);
        try {
            return p.getdents(fd, 1000).stream().map(DirEntry::name).toList();
        } finally {
            p.close(fd);
        }
    }

    @Test
    void tmpfileIsARegularFileWithNoLinks() {
        int fd = p.open("/d", O_TMPFILE | O_RDWR, 0600);
        Stat st = p.fstat(fd);
        // Linux tmpfs: open(dir, O_TMPFILE|O_RDWR, 0600) -> fstat nlink 0, S_IFREG
        assertThat(st.nlink()).isZero();
        assertThat(st.mode()).isEqualTo(FileMode.S_IFREG | 0600);
    }

    @Test
    void tmpfileDoesNotAppearInItsDirectory() {
        p.open("/d", O_TMPFILE | O_RDWR, 0600);
        assertThat(listing("/d")).containsExactly(".", "..");
    }

    @Test
    void tmpfileCanBeWrittenAndReadBack() {
        int fd = p.open("/d", O_TMPFILE | O_RDWR, 0600);
        p.write(fd, bytes("scratch"));
        assertThat(pread(p, fd, 20, 0)).containsExactly(bytes("scratch"));
    }

    @Test
    void tmpfileModeHonoursTheUmask() {
        p.umask(027);
        int fd = p.open("/d", O_TMPFILE | O_RDWR, 0666);
        // Linux tmpfs, umask 027: open(O_TMPFILE, 0666) -> 0100640
        assertThat(p.fstat(fd).mode()).isEqualTo(FileMode.S_IFREG | 0640);
    }

    @Test
    void tmpfileWriteOnlyIsAllowed() {
        int fd = p.open("/d", O_TMPFILE | O_WRONLY, 0600);
        assertThat(p.write(fd, bytes("w"))).isEqualTo(1);
    }

    @Test
    void tmpfileBelongsToTheCaller() {
        p.chmod("/d", 0777);
        int fd = u.open("/d", O_TMPFILE | O_RDWR, 0600);
        assertThat(u.fstat(fd).uid()).isEqualTo(USER);
    }

    @Test
    void linkFdGivesTheTmpfileAName() {
        int fd = p.open("/d", O_TMPFILE | O_RDWR, 0600);
        p.write(fd, bytes("kept"));
        p.linkFd(fd, "/d/named");
        // Linux tmpfs: linkat(fd, "", AT_FDCWD, "d/t2", AT_EMPTY_PATH) -> 0, nlink 1
        assertThat(p.fstat(fd).nlink()).isEqualTo(1);
        assertThat(contents("/d/named")).isEqualTo("kept");
        assertThat(listing("/d")).contains("named");
    }

    @Test
    void linkedTmpfileSurvivesTheClose() {
        int fd = p.open("/d", O_TMPFILE | O_RDWR, 0600);
        p.write(fd, bytes("kept"));
        p.linkFd(fd, "/d/named");
        p.close(fd);
        p.sync();
        k.dropCaches(3);
        assertThat(contents("/d/named")).isEqualTo("kept");
    }

    @Test
    void linkFdTwiceGivesTwoNames() {
        int fd = p.open("/d", O_TMPFILE | O_RDWR, 0600);
        p.linkFd(fd, "/d/one");
        p.linkFd(fd, "/d/two");
        // Linux tmpfs: a second linkat of the same tmpfile -> 0, nlink 2
        assertThat(p.fstat(fd).nlink()).isEqualTo(2);
        assertThat(p.stat("/d/one").ino()).isEqualTo(p.stat("/d/two").ino());
    }

    @Test
    void linkFdOntoAnExistingNameFailsWithEexist() {
        int fd = p.open("/d", O_TMPFILE | O_RDWR, 0600);
        // Linux tmpfs: linkat(tmpfile, existing name) -> EEXIST
        assertErrno(Errno.EEXIST, () -> p.linkFd(fd, "/f"));
    }

    @Test
    void tmpfileOpenedWithExclCannotBeLinked() {
        int fd = p.open("/d", O_TMPFILE | O_EXCL | O_RDWR, 0600);
        // Linux tmpfs: linkat(O_TMPFILE|O_EXCL fd, "", AT_EMPTY_PATH) -> ENOENT
        assertErrno(Errno.ENOENT, () -> p.linkFd(fd, "/d/never"));
        assertErrno(Errno.ENOENT, () -> p.stat("/d/never"));
    }

    @Test
    void anUnlinkedRegularFileCannotBeLinkedBack() {
        createFile("/gone", "x");
        int fd = p.open("/gone", O_RDWR);
        p.unlink("/gone");
        // Linux tmpfs: linkat(fd of an unlinked file, "", AT_EMPTY_PATH) -> ENOENT
        assertErrno(Errno.ENOENT, () -> p.linkFd(fd, "/gone2"));
    }

    @Test
    void tmpfileWithoutWriteAccessFailsWithEinval() {
        // Linux tmpfs: open(dir, O_TMPFILE|O_RDONLY) -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.open("/d", O_TMPFILE | O_RDONLY, 0600));
    }

    @Test
    void tmpfileWithCreatFailsWithEinval() {
        // Linux tmpfs: open(dir, O_TMPFILE|O_CREAT|O_RDWR) -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.open("/d", O_TMPFILE | O_CREAT | O_RDWR, 0600));
    }

    @Test
    void tmpfileBitWithoutDirectoryFailsWithEinval() {
        // Linux tmpfs: open(dir, __O_TMPFILE|O_RDWR) without O_DIRECTORY -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.open("/d", (O_TMPFILE & ~O_DIRECTORY) | O_RDWR, 0600));
    }

    @Test
    void tmpfileOnARegularFileFailsWithEnotdir() {
        // Linux tmpfs: open(file, O_TMPFILE|O_RDWR) -> ENOTDIR
        assertErrno(Errno.ENOTDIR, () -> p.open("/f", O_TMPFILE | O_RDWR, 0600));
    }

    @Test
    void tmpfileInAMissingDirectoryFailsWithEnoent() {
        // Linux tmpfs: open(nonexistent, O_TMPFILE|O_RDWR) -> ENOENT
        assertErrno(Errno.ENOENT, () -> p.open("/nx", O_TMPFILE | O_RDWR, 0600));
    }

    @Test
    void tmpfileInANonWritableDirectoryFailsWithEacces() {
        // Linux tmpfs, uid 1000: open(root 0755 dir, O_TMPFILE|O_RDWR) -> EACCES
        assertErrno(Errno.EACCES, () -> u.open("/d", O_TMPFILE | O_RDWR, 0600));
    }

    @Test
    void tmpfileOnAReadOnlyMountFailsWithErofs() {
        mountReadOnlyRamfs();
        // Linux tmpfs remounted ro: open(dir, O_TMPFILE|O_RDWR) -> EROFS
        assertErrno(Errno.EROFS, () -> p.open("/mnt/d", O_TMPFILE | O_RDWR, 0600));
    }

    @Test
    void tmpfileDoesNotChangeTheDirectoryTimes() {
        Stat before = p.stat("/d");
        tick();
        p.open("/d", O_TMPFILE | O_RDWR, 0600);
        // Linux tmpfs: O_TMPFILE -> directory atime, mtime, ctime unchanged
        assertThat(p.stat("/d")).isEqualTo(before);
    }

    @Test
    void linkFdUpdatesDirectoryMtimeCtimeAndTheFileCtime() {
        int fd = p.open("/d", O_TMPFILE | O_RDWR, 0600);
        tick();
        p.linkFd(fd, "/d/named");
        // Linux tmpfs: linkat(tmpfile) -> dir mtime+ctime change, file ctime changes
        assertThat(p.stat("/d").mtime()).isEqualTo(clock.now());
        assertThat(p.stat("/d").ctime()).isEqualTo(clock.now());
        assertThat(p.fstat(fd).ctime()).isEqualTo(clock.now());
    }

    @Test
    void spaceOfAnUnlinkedTmpfileIsFreedAtClose() {
        mountSmallRamfs();
        int fd = p.open("/small", O_TMPFILE | O_RDWR, 0600);
        p.write(fd, new byte[8192]);
        assertThat(p.statfs("/small").blocksFree()).isEqualTo(14);
        p.close(fd);
        assertThat(p.statfs("/small").blocksFree()).isEqualTo(16);
    }
}
