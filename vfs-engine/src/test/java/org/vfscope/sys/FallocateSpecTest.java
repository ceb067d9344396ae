package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.vfs.FallocateFlags.FALLOC_FL_KEEP_SIZE;
import static org.vfscope.vfs.FallocateFlags.FALLOC_FL_PUNCH_HOLE;
import static org.vfscope.vfs.FallocateFlags.FALLOC_FL_ZERO_RANGE;
import static org.vfscope.vfs.OpenFlags.O_CREAT;
import static org.vfscope.vfs.OpenFlags.O_PATH;
import static org.vfscope.vfs.OpenFlags.O_RDONLY;
import static org.vfscope.vfs.OpenFlags.O_RDWR;
import static org.vfscope.vfs.OpenFlags.O_WRONLY;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Seek;
import org.vfscope.vfs.Stat;

/** fallocate(2) on ramfs, against Linux 6.18 tmpfs. */
class FallocateSpecTest extends SpecSupport {
    private static final int PAGE = 4096;
    private int fd;

    @BeforeEach
    void file() {
        fd = p.open("/f", O_CREAT | O_RDWR, 0644);
    }

    private void fill(int length, char c) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) c);
        p.pwrite(fd, ByteBuffer.wrap(data), 0);
    }

    @Nested
    class Allocation {
        @Test
        void defaultModeExtendsTheSizeAndAllocatesWholePages() {
            p.fallocate(fd, 0, 0, 10_000);
            // Linux tmpfs: fallocate(0, 0, 10000) -> size 10000, st_blocks 24
            assertThat(p.fstat(fd).size()).isEqualTo(10_000);
            assertThat(p.fstat(fd).blocks()).isEqualTo(24);
        }

        @Test
        void keepSizeAllocatesWithoutChangingTheSize() {
            p.fallocate(fd, 0, 0, 10_000);
            p.fallocate(fd, FALLOC_FL_KEEP_SIZE, 20_000, 10_000);
            // Linux tmpfs: then fallocate(KEEP_SIZE, 20000, 10000) -> size 10000, st_blocks 56
            assertThat(p.fstat(fd).size()).isEqualTo(10_000);
            assertThat(p.fstat(fd).blocks()).isEqualTo(56);
        }

        @Test
        void defaultModeInsideTheFileNeverShrinksIt() {
            fill(3 * PAGE, 'x');
            p.fallocate(fd, 0, 0, 10);
            assertThat(p.fstat(fd).size()).isEqualTo(3 * PAGE);
        }

        @Test
        void defaultModeKeepsExistingData() {
            fill(100, 'x');
            p.fallocate(fd, 0, 0, 2 * PAGE);
            assertThat(pread(p, fd, 3, 97)).containsExactly('x', 'x', 'x');
        }

        @Test
        void allocatedRangeReadsAsZeros() {
            p.fallocate(fd, 0, 0, 2 * PAGE);
            assertThat(pread(p, fd, 4, PAGE)).containsExactly(0, 0, 0, 0);
        }

        @Test
        void allocatedRangeCountsAsDataForSeekData() {
            p.fallocate(fd, 0, 2 * PAGE, PAGE);
            p.ftruncate(fd, 4 * PAGE);
            assertThat(p.lseek(fd, 0, Seek.SEEK_DATA)).isEqualTo(2 * PAGE);
        }

        @Test
        void defaultModeUpdatesMtimeAndCtime() {
            Stat before = p.fstat(fd);
            tick();
            p.fallocate(fd, 0, 0, 8192);
            Stat after = p.fstat(fd);
            // Linux tmpfs: fallocate(mode 0) -> mtime and ctime change (file_modified), atime not
            assertThat(after.mtime()).isEqualTo(clock.now());
            assertThat(after.ctime()).isEqualTo(clock.now());
            assertThat(after.atime()).isEqualTo(before.atime());
        }

        @Test
        void keepSizeUpdatesMtimeAndCtime() {
            tick();
            p.fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 8192);
            // Linux tmpfs: fallocate(KEEP_SIZE) -> mtime and ctime change
            assertThat(p.fstat(fd).mtime()).isEqualTo(clock.now());
            assertThat(p.fstat(fd).ctime()).isEqualTo(clock.now());
        }

        @Test
        void fallocateByNonRootClearsSetUid() {
            p.chown("/f", USER, USER);
            p.chmod("/f", 04766);
            int w = u.open("/f", O_WRONLY);
            u.fallocate(w, 0, 0, 100);
            // Linux tmpfs, uid 1000: fallocate on its 04766 file -> 0766 (file_modified)
            assertThat(p.stat("/f").permissions()).isEqualTo(0766);
        }
    }

    @Nested
    class Holes {
        @Test
        void punchHoleZeroesTheRangeAndKeepsTheSize() {
            fill(3 * PAGE, 'x');
            p.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, PAGE, PAGE);
            assertThat(p.fstat(fd).size()).isEqualTo(3 * PAGE);
            assertThat(pread(p, fd, 2, PAGE)).containsExactly(0, 0);
            assertThat(pread(p, fd, 2, 2 * PAGE)).containsExactly('x', 'x');
        }

        @Test
        void punchedWholePageIsFoundBySeekHoleAndFreed() {
            fill(3 * PAGE, 'x');
            p.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, PAGE, PAGE);
            assertThat(p.lseek(fd, 0, Seek.SEEK_HOLE)).isEqualTo(PAGE);
            assertThat(p.lseek(fd, PAGE, Seek.SEEK_DATA)).isEqualTo(2 * PAGE);
            assertThat(p.fstat(fd).blocks()).isEqualTo(16);
        }

        @Test
        void punchedHoleStaysAHoleAfterWriteback() {
            fill(3 * PAGE, 'x');
            p.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, PAGE, PAGE);
            p.fsync(fd);
            k.dropCaches(3);
            assertThat(p.lseek(fd, 0, Seek.SEEK_HOLE)).isEqualTo(PAGE);
            assertThat(p.fstat(fd).blocks()).isEqualTo(16);
            assertThat(pread(p, fd, 2, PAGE)).containsExactly(0, 0);
        }

        @Test
        void punchingPartOfAPageZeroesOnlyThatPart() {
            fill(PAGE, 'x');
            p.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 10, 5);
            assertThat(pread(p, fd, 7, 9)).containsExactly('x', 0, 0, 0, 0, 0, 'x');
            assertThat(p.fstat(fd).blocks()).isEqualTo(8);
        }

        @Test
        void punchHoleUpdatesMtimeAndCtime() {
            fill(PAGE, 'x');
            tick();
            p.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, PAGE);
            // Linux tmpfs: fallocate(PUNCH_HOLE|KEEP_SIZE) -> mtime and ctime change
            assertThat(p.fstat(fd).mtime()).isEqualTo(clock.now());
            assertThat(p.fstat(fd).ctime()).isEqualTo(clock.now());
        }

        @Test
        void zeroRangeZeroesTheRangeAndKeepsItAllocated() {
            // Deliberately beyond tmpfs, which answers ZERO_RANGE with EOPNOTSUPP; ext4 and xfs
            // implement it like this.
            fill(2 * PAGE, 'x');
            p.fallocate(fd, FALLOC_FL_ZERO_RANGE, 100, PAGE);
            assertThat(pread(p, fd, 3, 99)).containsExactly('x', 0, 0);
            assertThat(pread(p, fd, 3, 100 + PAGE - 1)).containsExactly(0, 'x', 'x');
            assertThat(p.fstat(fd).blocks()).isEqualTo(16);
        }
    }

    @Nested
    class Errors {
        @Test
        void zeroLengthFailsWithEinval() {
            // Linux tmpfs: fallocate(fd, 0, 0, 0) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.fallocate(fd, 0, 0, 0));
        }

        @Test
        void negativeLengthFailsWithEinval() {
            // Linux tmpfs: fallocate(fd, 0, 0, -1) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.fallocate(fd, 0, 0, -1));
        }

        @Test
        void negativeOffsetFailsWithEinval() {
            // Linux tmpfs: fallocate(fd, 0, -1, 1) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.fallocate(fd, 0, -1, 1));
        }

        @Test
        void unknownModeBitFailsWithEopnotsupp() {
            // Linux tmpfs: fallocate(fd, 0x80, 0, 1) -> EOPNOTSUPP
            assertErrno(Errno.EOPNOTSUPP, () -> p.fallocate(fd, 0x80, 0, 1));
        }

        @Test
        void punchHoleWithoutKeepSizeFailsWithEopnotsupp() {
            // Linux tmpfs: fallocate(PUNCH_HOLE) -> EOPNOTSUPP
            assertErrno(Errno.EOPNOTSUPP, () -> p.fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 1));
        }

        @Test
        void punchHoleTogetherWithZeroRangeFailsWithEopnotsupp() {
            // Linux tmpfs: fallocate(PUNCH_HOLE|ZERO_RANGE|KEEP_SIZE) -> EOPNOTSUPP
            assertErrno(Errno.EOPNOTSUPP, () -> p.fallocate(fd,
                    FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, 0, 1));
        }

        @Test
        void readOnlyDescriptorFailsWithEbadf() {
            int r = p.open("/f", O_RDONLY);
            // Linux tmpfs: fallocate(O_RDONLY fd) -> EBADF
            assertErrno(Errno.EBADF, () -> p.fallocate(r, 0, 0, 10));
        }

        @Test
        void readOnlyDescriptorWithZeroLengthFailsWithEinvalFirst() {
            int r = p.open("/f", O_RDONLY);
            // Linux tmpfs: fallocate(O_RDONLY fd, len 0) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.fallocate(r, 0, 0, 0));
        }

        @Test
        void oPathDescriptorFailsWithEbadf() {
            int o = p.open("/f", O_PATH);
            // Linux tmpfs: fallocate(O_PATH fd, len 0) -> EBADF (fdget fails before any check)
            assertErrno(Errno.EBADF, () -> p.fallocate(o, 0, 0, 10));
            assertErrno(Errno.EBADF, () -> p.fallocate(o, 0, 0, 0));
        }

        @Test
        void closedDescriptorFailsWithEbadfEvenWithBadArguments() {
            // Linux: fallocate(999, 0, -1, 10) -> EBADF
            assertErrno(Errno.EBADF, () -> p.fallocate(999, 0, -1, 10));
        }

        @Test
        void directoryDescriptorFailsWithEbadf() {
            p.mkdir("/d", 0755);
            int d = p.open("/d", O_RDONLY);
            // Linux tmpfs: fallocate(dir fd) -> EBADF (a directory is never open for writing)
            assertErrno(Errno.EBADF, () -> p.fallocate(d, 0, 0, 10));
        }

        @Test
        void rangeEndingPastTheMaximumFileSizeFailsWithEfbig() {
            // Linux tmpfs: fallocate(fd, 0, LLONG_MAX, 2) -> EFBIG
            assertErrno(Errno.EFBIG, () -> p.fallocate(fd, 0, Long.MAX_VALUE, 2));
        }
    }

    @Nested
    class NoSpace {
        private int small;

        @BeforeEach
        void smallFs() {
            mountSmallRamfs();
            small = p.open("/small/a", O_CREAT | O_RDWR, 0644);
        }

        @Test
        void allocationLargerThanTheFilesystemFailsWithEnospcAndAllocatesNothing() {
            // Linux tmpfs size=64k: fallocate(0, 128k) -> ENOSPC; f_bfree 16, size 0, st_blocks 0
            assertErrno(Errno.ENOSPC, () -> p.fallocate(small, 0, 0, 128 * 1024));
            assertThat(p.statfs("/small").blocksFree()).isEqualTo(16);
            assertThat(p.fstat(small).size()).isZero();
            assertThat(p.fstat(small).blocks()).isZero();
        }

        @Test
        void allocationThatFitsSucceeds() {
            // Linux tmpfs size=64k: fallocate(0, 60k) -> 0; f_bfree 1
            p.fallocate(small, 0, 0, 60 * 1024);
            assertThat(p.statfs("/small").blocksFree()).isEqualTo(1);
            assertThat(p.fstat(small).size()).isEqualTo(60 * 1024);
        }

        @Test
        void allocationRunningOutHalfwayFailsWithEnospcAndKeepsTheOldState() {
            p.fallocate(small, 0, 0, 60 * 1024);
            // Linux tmpfs size=64k: then fallocate(60k, 8k) -> ENOSPC; size 61440, st_blocks 120
            assertErrno(Errno.ENOSPC, () -> p.fallocate(small, 0, 60 * 1024, 8 * 1024));
            assertThat(p.fstat(small).size()).isEqualTo(60 * 1024);
            assertThat(p.fstat(small).blocks()).isEqualTo(120);
            assertThat(p.statfs("/small").blocksFree()).isEqualTo(1);
        }

        @Test
        void writeAfterFallocateFillsTheReservedPagesOnAFullFilesystem() {
            p.fallocate(small, 0, 0, 64 * 1024);
            int other = p.open("/small/b", O_CREAT | O_RDWR, 0644);
            assertErrno(Errno.ENOSPC, () -> p.write(other, bytes("x")));
            assertThat(p.pwrite(small, ByteBuffer.wrap(new byte[64 * 1024]), 0)).isEqualTo(64 * 1024);
        }
    }
}
