package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.vfs.OpenFlags.O_CREAT;
import static org.vfscope.vfs.OpenFlags.O_PATH;
import static org.vfscope.vfs.OpenFlags.O_RDONLY;
import static org.vfscope.vfs.OpenFlags.O_RDWR;
import static org.vfscope.vfs.Seek.SEEK_CUR;
import static org.vfscope.vfs.Seek.SEEK_DATA;
import static org.vfscope.vfs.Seek.SEEK_END;
import static org.vfscope.vfs.Seek.SEEK_HOLE;
import static org.vfscope.vfs.Seek.SEEK_SET;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Stat;

/** lseek(2), including SEEK_DATA / SEEK_HOLE and directories, on ramfs against Linux 6.18 tmpfs. */
class SeekSpecTest extends SpecSupport {
    private static final int PAGE = 4096;
    private int fd;

    @BeforeEach
    void file() {
        createFile("/f", "hello");
        fd = p.open("/f", O_RDWR);
    }

    @Nested
    class Whence {
        @Test
        void seekSetReturnsTheNewOffset() {
            assertThat(p.lseek(fd, 3, SEEK_SET)).isEqualTo(3);
            assertThat(read(p, fd, 5)).isEqualTo("lo");
        }

        @Test
        void seekCurIsRelativeToTheCurrentOffset() {
            p.lseek(fd, 1, SEEK_SET);
            assertThat(p.lseek(fd, 2, SEEK_CUR)).isEqualTo(3);
            assertThat(p.lseek(fd, -1, SEEK_CUR)).isEqualTo(2);
        }

        @Test
        void seekEndIsRelativeToTheSize() {
            assertThat(p.lseek(fd, 0, SEEK_END)).isEqualTo(5);
            assertThat(p.lseek(fd, -2, SEEK_END)).isEqualTo(3);
        }

        @Test
        void seekBeyondTheEndIsAllowedAndDoesNotChangeTheSize() {
            // Linux tmpfs: lseek(100) on a 5-byte file -> 100, size stays 5
            assertThat(p.lseek(fd, 100, SEEK_SET)).isEqualTo(100);
            assertThat(p.fstat(fd).size()).isEqualTo(5);
        }

        @Test
        void seekToTheMaximumOffsetIsAllowed() {
            // Linux tmpfs: lseek(LLONG_MAX) -> LLONG_MAX (s_maxbytes is MAX_LFS_FILESIZE)
            assertThat(p.lseek(fd, Long.MAX_VALUE, SEEK_SET)).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void seekSetToNegativeOffsetFailsWithEinval() {
            p.lseek(fd, 2, SEEK_SET);
            // Linux tmpfs: lseek(-1, SEEK_SET) -> EINVAL, offset unchanged
            assertErrno(Errno.EINVAL, () -> p.lseek(fd, -1, SEEK_SET));
            assertThat(p.lseek(fd, 0, SEEK_CUR)).isEqualTo(2);
        }

        @Test
        void seekCurBeforeTheStartFailsWithEinval() {
            // Linux tmpfs: lseek(-1, SEEK_CUR) at 0 -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.lseek(fd, -1, SEEK_CUR));
        }

        @Test
        void seekEndBeforeTheStartFailsWithEinval() {
            // Linux tmpfs: lseek(-6, SEEK_END) on 5 bytes -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.lseek(fd, -6, SEEK_END));
        }

        @Test
        void seekCurOverflowFailsWithEinval() {
            p.lseek(fd, 10, SEEK_SET);
            assertErrno(Errno.EINVAL, () -> p.lseek(fd, Long.MAX_VALUE, SEEK_CUR));
        }

        @Test
        void unknownWhenceFailsWithEinval() {
            // Linux tmpfs: lseek(fd, 0, 7) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.lseek(fd, 0, 7));
            assertErrno(Errno.EINVAL, () -> p.lseek(fd, 0, -1));
        }

        @Test
        void seekOnClosedDescriptorFailsWithEbadf() {
            p.close(fd);
            assertErrno(Errno.EBADF, () -> p.lseek(fd, 0, SEEK_SET));
        }

        @Test
        void seekOnOPathDescriptorFailsWithEbadf() {
            int o = p.open("/f", O_PATH);
            // Linux tmpfs: lseek(O_PATH fd) -> EBADF
            assertErrno(Errno.EBADF, () -> p.lseek(o, 0, SEEK_SET));
        }

        @Test
        void seekChangesNoTimestamps() {
            Stat before = p.fstat(fd);
            tick();
            p.lseek(fd, 3, SEEK_SET);
            assertThat(p.fstat(fd)).isEqualTo(before);
        }

        @Test
        void eachOpenHasItsOwnOffset() {
            int other = p.open("/f", O_RDONLY);
            p.lseek(fd, 4, SEEK_SET);
            assertThat(p.lseek(other, 0, SEEK_CUR)).isZero();
        }
    }

    @Nested
    class DataAndHoles {
        private int holes;

        @BeforeEach
        void sparse() {
            // One byte in page 3; pages 0..2 are a hole. Size 3 * 4096 + 11.
            holes = p.open("/holes", O_CREAT | O_RDWR, 0644);
            p.pwrite(holes, ByteBuffer.wrap(bytes("A")), 3 * PAGE + 10);
        }

        @Test
        void seekDataAtEndOfFileFailsWithEnxio() {
            // Linux tmpfs: lseek(size, SEEK_DATA) -> ENXIO
            assertErrno(Errno.ENXIO, () -> p.lseek(fd, 5, SEEK_DATA));
        }

        @Test
        void seekHoleAtEndOfFileFailsWithEnxio() {
            // Linux tmpfs: lseek(size, SEEK_HOLE) -> ENXIO
            assertErrno(Errno.ENXIO, () -> p.lseek(fd, 5, SEEK_HOLE));
        }

        @Test
        void seekDataPastEndOfFileFailsWithEnxio() {
            assertErrno(Errno.ENXIO, () -> p.lseek(fd, 100, SEEK_DATA));
            assertErrno(Errno.ENXIO, () -> p.lseek(fd, 100, SEEK_HOLE));
        }

        @Test
        void seekDataWithNegativeOffsetFailsWithEnxio() {
            // Linux tmpfs: lseek(-1, SEEK_DATA) -> ENXIO
            assertErrno(Errno.ENXIO, () -> p.lseek(fd, -1, SEEK_DATA));
        }

        @Test
        void seekDataInAnEmptyFileFailsWithEnxio() {
            int e = p.open("/empty", O_CREAT | O_RDWR, 0644);
            assertErrno(Errno.ENXIO, () -> p.lseek(e, 0, SEEK_DATA));
        }

        @Test
        void seekHoleInAFileWithoutHolesFindsTheImplicitHoleAtTheEnd() {
            // Linux tmpfs: lseek(0, SEEK_HOLE) on a dense 5-byte file -> 5
            assertThat(p.lseek(fd, 0, SEEK_HOLE)).isEqualTo(5);
        }

        @Test
        void seekDataInsideDataReturnsTheOffsetItself() {
            // Linux tmpfs: lseek(2, SEEK_DATA) -> 2
            assertThat(p.lseek(fd, 2, SEEK_DATA)).isEqualTo(2);
        }

        @Test
        void seekDataSetsTheFileOffset() {
            p.lseek(holes, 0, SEEK_DATA);
            assertThat(p.lseek(holes, 0, SEEK_CUR)).isEqualTo(3 * PAGE);
        }

        @Test
        void seekDataSkipsALeadingHole() {
            // Linux tmpfs: one byte at 12298 -> lseek(0, SEEK_DATA) = 12288
            assertThat(p.lseek(holes, 0, SEEK_DATA)).isEqualTo(3 * PAGE);
        }

        @Test
        void seekHoleAtTheStartOfALeadingHoleReturnsTheOffset() {
            // Linux tmpfs: lseek(0, SEEK_HOLE) -> 0
            assertThat(p.lseek(holes, 0, SEEK_HOLE)).isZero();
        }

        @Test
        void seekHoleInTheLastDataPageFindsTheEndOfFile() {
            // Linux tmpfs: lseek(12288, SEEK_HOLE) -> 12299 (the size)
            assertThat(p.lseek(holes, 3 * PAGE, SEEK_HOLE)).isEqualTo(3 * PAGE + 11);
        }

        @Test
        void seekDataInsideTheDataPageReturnsTheOffset() {
            // Linux tmpfs: lseek(12290, SEEK_DATA) -> 12290
            assertThat(p.lseek(holes, 3 * PAGE + 2, SEEK_DATA)).isEqualTo(3 * PAGE + 2);
        }

        @Test
        void seekHoleAfterADataPageFindsTheNextPage() {
            p.pwrite(holes, ByteBuffer.wrap(bytes("B")), 0);
            // Linux tmpfs: data in pages 0 and 3 -> lseek(0, SEEK_HOLE) = 4096
            assertThat(p.lseek(holes, 0, SEEK_HOLE)).isEqualTo(PAGE);
        }

        @Test
        void seekDataFromAMiddleHoleFindsTheNextDataPage() {
            p.pwrite(holes, ByteBuffer.wrap(bytes("B")), 0);
            // Linux tmpfs: data in pages 0 and 3 -> lseek(4096, SEEK_DATA) = 12288
            assertThat(p.lseek(holes, PAGE, SEEK_DATA)).isEqualTo(3 * PAGE);
        }

        @Test
        void seekDataInATrailingHoleLeftByExtendingTruncateFailsWithEnxio() {
            p.ftruncate(holes, 5 * PAGE);
            // Linux tmpfs: ftruncate(5 pages) -> lseek(12288, SEEK_HOLE) = 16384,
            // lseek(16384, SEEK_DATA) -> ENXIO
            assertThat(p.lseek(holes, 3 * PAGE, SEEK_HOLE)).isEqualTo(4 * PAGE);
            assertErrno(Errno.ENXIO, () -> p.lseek(holes, 4 * PAGE, SEEK_DATA));
        }

        @Test
        void holesReadAsZeros() {
            assertThat(pread(p, holes, 4, 100)).containsExactly(0, 0, 0, 0);
        }

        @Test
        void readingAHoleDoesNotTurnItIntoData() {
            pread(p, holes, 4, 100);
            // Linux tmpfs: a read of a hole allocates nothing -> lseek(0, SEEK_HOLE) still 0
            assertThat(p.lseek(holes, 0, SEEK_HOLE)).isZero();
            assertThat(p.lseek(holes, 0, SEEK_DATA)).isEqualTo(3 * PAGE);
        }

        @Test
        void holesSurviveWritebackAndCacheDrop() {
            p.fsync(holes);
            k.dropCaches(3);
            assertThat(p.lseek(holes, 0, SEEK_DATA)).isEqualTo(3 * PAGE);
            assertThat(p.lseek(holes, 0, SEEK_HOLE)).isZero();
        }
    }

    @Nested
    class Directories {
        private int dir;

        @BeforeEach
        void directory() {
            p.mkdir("/d", 0755);
            dir = p.open("/d", O_RDONLY);
        }

        @Test
        void seekEndOnADirectoryFailsWithEinval() {
            // Linux tmpfs: lseek(dirfd, 0, SEEK_END) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.lseek(dir, 0, SEEK_END));
        }

        @Test
        void seekDataOnADirectoryFailsWithEinval() {
            // Linux tmpfs: lseek(dirfd, 0, SEEK_DATA) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.lseek(dir, 0, SEEK_DATA));
        }

        @Test
        void seekToNegativeDirectoryOffsetFailsWithEinval() {
            // Linux tmpfs: lseek(dirfd, -1, SEEK_SET) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.lseek(dir, -1, SEEK_SET));
        }

        @Test
        void seekCurOnADirectoryReportsTheReadPosition() {
            p.getdents(dir, 2);
            assertThat(p.lseek(dir, 0, SEEK_CUR)).isEqualTo(2);
        }
    }
}
