package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.vfs.OpenFlags.O_PATH;
import static org.vfscope.vfs.OpenFlags.O_RDONLY;
import static org.vfscope.vfs.OpenFlags.O_RDWR;
import static org.vfscope.vfs.OpenFlags.O_WRONLY;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Seek;
import org.vfscope.vfs.Stat;

/** truncate(2) and ftruncate(2) on ramfs, against Linux 6.18 tmpfs. */
class TruncateSpecTest extends SpecSupport {

    @BeforeEach
    void files() {
        createFile("/f", "0123456789");
        p.mkdir("/d", 0755);
        p.symlink("f", "/lf");
    }

    @Nested
    class Semantics {
        @Test
        void truncateShrinksAndDiscardsTheTail() {
            p.truncate("/f", 4);
            assertThat(contents("/f")).isEqualTo("0123");
        }

        @Test
        void truncateExtendsWithZeros() {
            p.truncate("/f", 12);
            assertThat(p.stat("/f").size()).isEqualTo(12);
            assertThat(bytes(contents("/f"))).endsWith(0, 0);
        }

        @Test
        void dataCutByTruncateDoesNotReappearWhenExtendedAgain() {
            p.truncate("/f", 2);
            p.truncate("/f", 10);
            assertThat(bytes(contents("/f"))).containsExactly('0', '1', 0, 0, 0, 0, 0, 0, 0, 0);
        }

        @Test
        void truncateFollowsSymlinks() {
            // Linux tmpfs: truncate(symlink, 2) -> target size 2
            p.truncate("/lf", 2);
            assertThat(p.stat("/f").size()).isEqualTo(2);
        }

        @Test
        void ftruncateDoesNotMoveTheFileOffset() {
            int fd = p.open("/f", O_RDWR);
            p.lseek(fd, 7, Seek.SEEK_SET);
            p.ftruncate(fd, 2);
            assertThat(p.lseek(fd, 0, Seek.SEEK_CUR)).isEqualTo(7);
        }

        @Test
        void ftruncateOfMultiPageFileFreesItsBlocks() {
            int fd = p.open("/f", O_RDWR);
            p.pwrite(fd, ByteBuffer.wrap(new byte[3 * 4096]), 0);
            assertThat(p.fstat(fd).blocks()).isEqualTo(24);
            p.ftruncate(fd, 4096);
            assertThat(p.fstat(fd).blocks()).isEqualTo(8);
        }

        @Test
        void extendingTruncateAllocatesNothing() {
            int fd = p.open("/f", O_RDWR);
            long blocks = p.fstat(fd).blocks();
            p.ftruncate(fd, 1 << 20);
            assertThat(p.fstat(fd).blocks()).isEqualTo(blocks);
        }

        @Test
        void truncateChangesMtimeAndCtime() {
            Stat before = p.stat("/f");
            tick();
            p.truncate("/f", 3);
            Stat after = p.stat("/f");
            assertThat(after.mtime()).isEqualTo(clock.now());
            assertThat(after.ctime()).isEqualTo(clock.now());
            assertThat(after.atime()).isEqualTo(before.atime());
        }

        @Test
        void truncateToTheSameSizeStillChangesMtimeAndCtime() {
            tick();
            p.truncate("/f", 10);
            // Linux tmpfs: truncate(f, same size) and ftruncate(fd, same size) -> mtime, ctime change
            assertThat(p.stat("/f").mtime()).isEqualTo(clock.now());
            assertThat(p.stat("/f").ctime()).isEqualTo(clock.now());
        }

        @Test
        void ftruncateToTheSameSizeStillChangesMtimeAndCtime() {
            int fd = p.open("/f", O_WRONLY);
            tick();
            p.ftruncate(fd, 10);
            // Linux tmpfs: ftruncate(fd, same size) -> mtime, ctime change
            assertThat(p.fstat(fd).mtime()).isEqualTo(clock.now());
            assertThat(p.fstat(fd).ctime()).isEqualTo(clock.now());
        }

        @Test
        void truncateFreesSpaceOnAFullFilesystem() {
            mountSmallRamfs();
            int fd = p.open("/small/a", O_RDWR | org.vfscope.vfs.OpenFlags.O_CREAT, 0644);
            p.write(fd, new byte[65536]);
            assertThat(p.statfs("/small").blocksFree()).isZero();
            p.ftruncate(fd, 0);
            // Linux tmpfs size=64k: ftruncate(0) -> statvfs f_bfree back to 16
            assertThat(p.statfs("/small").blocksFree()).isEqualTo(16);
        }

        @Test
        void extendingTruncateOnAFullFilesystemSucceeds() {
            mountSmallRamfs();
            int fd = p.open("/small/a", O_RDWR | org.vfscope.vfs.OpenFlags.O_CREAT, 0644);
            p.write(fd, new byte[65536]);
            int b = p.open("/small/b", O_RDWR | org.vfscope.vfs.OpenFlags.O_CREAT, 0644);
            // Linux tmpfs size=64k, full: ftruncate(b, 1 MiB) -> 0 (sparse)
            p.ftruncate(b, 1 << 20);
            assertThat(p.fstat(b).size()).isEqualTo(1 << 20);
        }
    }

    @Nested
    class SetIdBits {
        private void userFile(String path, int mode) {
            createFile(path, "x");
            p.chown(path, USER, USER);
            p.chmod(path, mode);
        }

        @Test
        void truncateByNonRootClearsSetUid() {
            userFile("/su", 04766);
            u.truncate("/su", 0);
            // Linux tmpfs, uid 1000: truncate(04766 file) -> 0766
            assertThat(p.stat("/su").permissions()).isEqualTo(0766);
        }

        @Test
        void truncateByNonRootClearsSetGidOfAGroupExecutableFile() {
            userFile("/sg", 02776);
            u.truncate("/sg", 0);
            // Linux tmpfs, uid 1000: truncate(02776 file) -> 0776
            assertThat(p.stat("/sg").permissions()).isEqualTo(0776);
        }

        @Test
        void ftruncateByNonRootClearsSetGidOfAGroupExecutableFile() {
            userFile("/sg", 02776);
            int fd = u.open("/sg", O_WRONLY);
            u.ftruncate(fd, 0);
            // Linux tmpfs, uid 1000: ftruncate(02776 file) -> 0776
            assertThat(p.stat("/sg").permissions()).isEqualTo(0776);
        }

        @Test
        void truncateByRootKeepsSetUid() {
            userFile("/sr", 04766);
            p.truncate("/sr", 0);
            assertThat(p.stat("/sr").permissions()).isEqualTo(04766);
        }
    }

    @Nested
    class Errors {
        @Test
        void truncateOfMissingFileFailsWithEnoent() {
            assertErrno(Errno.ENOENT, () -> p.truncate("/missing", 0));
        }

        @Test
        void truncateThroughAFileFailsWithEnotdir() {
            // Linux tmpfs: truncate("f/x") -> ENOTDIR
            assertErrno(Errno.ENOTDIR, () -> p.truncate("/f/x", 0));
        }

        @Test
        void truncateOfDirectoryFailsWithEisdir() {
            // Linux tmpfs: truncate(dir) -> EISDIR
            assertErrno(Errno.EISDIR, () -> p.truncate("/d", 0));
        }

        @Test
        void truncateToNegativeLengthFailsWithEinval() {
            // Linux tmpfs: truncate(f, -1) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.truncate("/f", -1));
        }

        @Test
        void truncateOfSymlinkLoopFailsWithEloop() {
            p.symlink("loopb", "/loopa");
            p.symlink("loopa", "/loopb");
            // Linux tmpfs: truncate(a -> b -> a) -> ELOOP
            assertErrno(Errno.ELOOP, () -> p.truncate("/loopa", 0));
        }

        @Test
        void truncateWithoutWritePermissionFailsWithEacces() {
            // Linux tmpfs, uid 1000: truncate(root 0644) -> EACCES
            assertErrno(Errno.EACCES, () -> u.truncate("/f", 0));
            assertThat(p.stat("/f").size()).isEqualTo(10);
        }

        @Test
        void truncateThroughNonSearchableDirectoryFailsWithEacces() {
            p.mkdir("/priv", 0700);
            createFile("/priv/f", "x");
            p.chmod("/priv/f", 0666);
            // Linux tmpfs, uid 1000: truncate("priv/f") with priv root 0700 -> EACCES
            assertErrno(Errno.EACCES, () -> u.truncate("/priv/f", 0));
        }

        @Test
        void truncateOnReadOnlyMountFailsWithErofs() {
            mountReadOnlyRamfs();
            // Linux tmpfs remounted ro: truncate(f) -> EROFS; truncate(dir) -> EISDIR
            assertErrno(Errno.EROFS, () -> p.truncate("/mnt/f", 0));
            assertErrno(Errno.EISDIR, () -> p.truncate("/mnt/d", 0));
        }

        @Test
        void ftruncateOfReadOnlyDescriptorFailsWithEinval() {
            int fd = p.open("/f", O_RDONLY);
            // Linux tmpfs: ftruncate(O_RDONLY fd) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.ftruncate(fd, 0));
        }

        @Test
        void ftruncateOnReadOnlyMountOfReadOnlyDescriptorFailsWithEinval() {
            mountReadOnlyRamfs();
            int fd = p.open("/mnt/f", O_RDONLY);
            // Linux tmpfs remounted ro: ftruncate(O_RDONLY fd) -> EINVAL (not EROFS)
            assertErrno(Errno.EINVAL, () -> p.ftruncate(fd, 0));
        }

        @Test
        void ftruncateToNegativeLengthFailsWithEinval() {
            int fd = p.open("/f", O_WRONLY);
            // Linux tmpfs: ftruncate(fd, -1) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.ftruncate(fd, -1));
        }

        @Test
        void ftruncateOfDirectoryDescriptorFailsWithEinval() {
            int fd = p.open("/d", O_RDONLY);
            // Linux tmpfs: ftruncate(dir fd) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.ftruncate(fd, 0));
        }

        @Test
        void ftruncateOfClosedDescriptorFailsWithEbadf() {
            // Linux: ftruncate(999, 0) -> EBADF
            assertErrno(Errno.EBADF, () -> p.ftruncate(999, 0));
        }

        @Test
        void ftruncateToNegativeLengthOfClosedDescriptorFailsWithEinvalFirst() {
            // Linux: ftruncate(999, -1) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.ftruncate(999, -1));
        }

        @Test
        void ftruncateOfOPathDescriptorFailsWithEbadf() {
            int fd = p.open("/f", O_PATH);
            // Linux tmpfs: ftruncate(O_PATH fd) -> EBADF
            assertErrno(Errno.EBADF, () -> p.ftruncate(fd, 0));
        }
    }
}
