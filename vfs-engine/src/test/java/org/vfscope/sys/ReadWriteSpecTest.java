package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.vfs.OpenFlags.O_APPEND;
import static org.vfscope.vfs.OpenFlags.O_CREAT;
import static org.vfscope.vfs.OpenFlags.O_PATH;
import static org.vfscope.vfs.OpenFlags.O_RDONLY;
import static org.vfscope.vfs.OpenFlags.O_RDWR;
import static org.vfscope.vfs.OpenFlags.O_WRONLY;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Seek;
import org.vfscope.vfs.Stat;

/** read(2), write(2), pread(2) and pwrite(2) on ramfs, against Linux 6.18 tmpfs. */
class ReadWriteSpecTest extends SpecSupport {
    private int fd;

    @BeforeEach
    void file() {
        createFile("/f", "0123456789");
        fd = p.open("/f", O_RDWR);
    }

    @Nested
    class Data {
        @Test
        void readReturnsTheDataAndAdvancesTheOffset() {
            assertThat(read(p, fd, 4)).isEqualTo("0123");
            assertThat(read(p, fd, 4)).isEqualTo("4567");
            assertThat(p.lseek(fd, 0, Seek.SEEK_CUR)).isEqualTo(8);
        }

        @Test
        void readNearTheEndReturnsOnlyWhatIsLeft() {
            p.lseek(fd, 8, Seek.SEEK_SET);
            assertThat(read(p, fd, 100)).isEqualTo("89");
        }

        @Test
        void readAtEndOfFileReturnsZero() {
            p.lseek(fd, 0, Seek.SEEK_END);
            assertThat(p.read(fd, ByteBuffer.allocate(10))).isZero();
        }

        @Test
        void readPastEndOfFileReturnsZero() {
            p.lseek(fd, 1000, Seek.SEEK_SET);
            assertThat(p.read(fd, ByteBuffer.allocate(10))).isZero();
        }

        @Test
        void readIntoEmptyBufferReturnsZero() {
            assertThat(p.read(fd, ByteBuffer.allocate(0))).isZero();
            assertThat(p.lseek(fd, 0, Seek.SEEK_CUR)).isZero();
        }

        @Test
        void readWithByteArrayHonoursOffsetAndLength() {
            byte[] buf = new byte[6];
            assertThat(p.read(fd, buf, 2, 3)).isEqualTo(3);
            assertThat(buf).containsExactly(0, 0, '0', '1', '2', 0);
        }

        @Test
        void writeOverwritesInPlaceAndAdvancesTheOffset() {
            p.lseek(fd, 2, Seek.SEEK_SET);
            assertThat(p.write(fd, bytes("ab"))).isEqualTo(2);
            assertThat(p.lseek(fd, 0, Seek.SEEK_CUR)).isEqualTo(4);
            assertThat(contents("/f")).isEqualTo("01ab456789");
        }

        @Test
        void writeAtTheEndExtendsTheFile() {
            p.lseek(fd, 0, Seek.SEEK_END);
            p.write(fd, bytes("AB"));
            assertThat(p.fstat(fd).size()).isEqualTo(12);
        }

        @Test
        void writeSpanningSeveralPagesReadsBackIntact() {
            byte[] big = new byte[3 * 4096 + 123];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            int w = p.open("/big", O_CREAT | O_RDWR, 0644);
            assertThat(p.write(w, big)).isEqualTo(big.length);
            assertThat(pread(p, w, big.length + 10, 0)).containsExactly(big);
        }

        @Test
        void dataWrittenIsVisibleThroughAnotherOpenFile() {
            int other = p.open("/f", O_RDONLY);
            p.write(fd, bytes("XY"));
            assertThat(read(p, other, 3)).isEqualTo("XY2");
        }

        @Test
        void writePastTheEndLeavesAHoleThatReadsAsZeros() {
            p.lseek(fd, 8192, Seek.SEEK_SET);
            p.write(fd, bytes("Z"));
            assertThat(p.fstat(fd).size()).isEqualTo(8193);
            // Linux tmpfs: pread in a hole -> zeros
            assertThat(pread(p, fd, 4, 100)).containsExactly(0, 0, 0, 0);
            assertThat(pread(p, fd, 2, 8191)).containsExactly(0, 'Z');
        }

        @Test
        void zeroLengthWriteReturnsZeroAndChangesNothing() {
            Stat before = p.fstat(fd);
            tick();
            // Linux tmpfs: write(fd, "", 0) -> 0, no timestamp change
            assertThat(p.write(fd, new byte[0])).isZero();
            assertThat(p.fstat(fd)).isEqualTo(before);
        }

        @Test
        void writeDoesNotChangeSizeWhenOverwritingInside() {
            p.write(fd, bytes("ab"));
            assertThat(p.fstat(fd).size()).isEqualTo(10);
        }
    }

    @Nested
    class Positional {
        @Test
        void preadReadsAtTheOffsetWithoutMovingTheFileOffset() {
            assertThat(pread(p, fd, 3, 5)).containsExactly('5', '6', '7');
            assertThat(p.lseek(fd, 0, Seek.SEEK_CUR)).isZero();
        }

        @Test
        void pwriteWritesAtTheOffsetWithoutMovingTheFileOffset() {
            p.pwrite(fd, ByteBuffer.wrap(bytes("XY")), 4);
            assertThat(p.lseek(fd, 0, Seek.SEEK_CUR)).isZero();
            assertThat(contents("/f")).isEqualTo("0123XY6789");
        }

        @Test
        void preadPastEndOfFileReturnsZero() {
            // Linux tmpfs: pread(fd, 5, 100) on a 5-byte file -> 0
            assertThat(p.pread(fd, ByteBuffer.allocate(5), 100)).isZero();
        }

        @Test
        void preadWithNegativeOffsetFailsWithEinval() {
            // Linux tmpfs: pread(fd, buf, 5, -1) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.pread(fd, ByteBuffer.allocate(5), -1));
            assertErrno(Errno.EINVAL, () -> p.pread(fd, ByteBuffer.allocate(5), -2));
        }

        @Test
        void pwriteWithNegativeOffsetFailsWithEinval() {
            // Linux tmpfs: pwrite(fd, buf, 5, -1) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.pwrite(fd, ByteBuffer.wrap(bytes("x")), -1));
            assertErrno(Errno.EINVAL, () -> p.pwrite(fd, ByteBuffer.wrap(bytes("x")), -2));
            assertThat(contents("/f")).isEqualTo("0123456789");
        }

        @Test
        void preadWithNegativeOffsetOnAClosedDescriptorFailsWithEinvalFirst() {
            // Linux: pread(999, buf, 5, -1) -> EINVAL (checked before the descriptor)
            assertErrno(Errno.EINVAL, () -> p.pread(999, ByteBuffer.allocate(5), -1));
        }

        @Test
        void writeWhoseEndWouldOverflowTheOffsetFailsWithEinval() {
            p.lseek(fd, Long.MAX_VALUE, Seek.SEEK_SET);
            // Linux tmpfs: lseek(LLONG_MAX) then write(1 byte) -> EINVAL (rw_verify_area)
            assertErrno(Errno.EINVAL, () -> p.write(fd, bytes("x")));
        }

        @Test
        void pwriteWhoseEndWouldOverflowTheOffsetFailsWithEinval() {
            // Linux tmpfs: pwrite(10 bytes, LLONG_MAX - 5) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.pwrite(fd, ByteBuffer.wrap(bytes("0123456789")), Long.MAX_VALUE - 5));
        }

        @Test
        void preadWhoseEndWouldOverflowTheOffsetFailsWithEinval() {
            // Linux tmpfs: pread(10 bytes, LLONG_MAX - 5) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.pread(fd, ByteBuffer.allocate(10), Long.MAX_VALUE - 5));
        }

        @Test
        void pwriteEndingExactlyAtTheMaximumFileSizeSucceeds() {
            // Linux tmpfs: pwrite(5 bytes, LLONG_MAX - 5) -> 5, size LLONG_MAX
            assertThat(p.pwrite(fd, ByteBuffer.wrap(bytes("abcde")), Long.MAX_VALUE - 5)).isEqualTo(5);
            assertThat(p.fstat(fd).size()).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Nested
    class Append {
        @Test
        void appendWriteGoesToTheEndEvenAfterSeekingBack() {
            int a = p.open("/f", O_WRONLY | O_APPEND);
            p.lseek(a, 0, Seek.SEEK_SET);
            p.write(a, bytes("Z"));
            // Linux tmpfs: lseek(0) then write on O_APPEND -> appended, offset 11
            assertThat(contents("/f")).isEqualTo("0123456789Z");
            assertThat(p.lseek(a, 0, Seek.SEEK_CUR)).isEqualTo(11);
        }

        @Test
        void pwriteOnAppendFileAppendsAndLeavesTheOffset() {
            int a = p.open("/f", O_WRONLY | O_APPEND);
            // Linux tmpfs: pwrite(O_APPEND fd, "XY", 2) -> appended at the end, offset stays 0
            assertThat(p.pwrite(a, ByteBuffer.wrap(bytes("XY")), 2)).isEqualTo(2);
            assertThat(contents("/f")).isEqualTo("0123456789XY");
            assertThat(p.lseek(a, 0, Seek.SEEK_CUR)).isZero();
        }

        @Test
        void appendWritesThroughTwoDescriptorsBothLand() {
            int a = p.open("/f", O_WRONLY | O_APPEND);
            int b = p.open("/f", O_WRONLY | O_APPEND);
            p.write(a, bytes("A"));
            p.write(b, bytes("B"));
            p.write(a, bytes("C"));
            assertThat(contents("/f")).isEqualTo("0123456789ABC");
        }
    }

    @Nested
    class BadDescriptors {
        @Test
        void writeOnReadOnlyDescriptorFailsWithEbadf() {
            int r = p.open("/f", O_RDONLY);
            // Linux tmpfs: write(O_RDONLY fd) -> EBADF
            assertErrno(Errno.EBADF, () -> p.write(r, bytes("x")));
        }

        @Test
        void pwriteOnReadOnlyDescriptorFailsWithEbadf() {
            int r = p.open("/f", O_RDONLY);
            assertErrno(Errno.EBADF, () -> p.pwrite(r, ByteBuffer.wrap(bytes("x")), 0));
        }

        @Test
        void readOnWriteOnlyDescriptorFailsWithEbadf() {
            int w = p.open("/f", O_WRONLY);
            // Linux tmpfs: read(O_WRONLY fd) -> EBADF
            assertErrno(Errno.EBADF, () -> read(p, w, 1));
        }

        @Test
        void preadOnWriteOnlyDescriptorFailsWithEbadf() {
            int w = p.open("/f", O_WRONLY);
            assertErrno(Errno.EBADF, () -> p.pread(w, ByteBuffer.allocate(1), 0));
        }

        @Test
        void readOnClosedDescriptorFailsWithEbadf() {
            p.close(fd);
            assertErrno(Errno.EBADF, () -> read(p, fd, 1));
        }

        @Test
        void writeOnClosedDescriptorFailsWithEbadf() {
            p.close(fd);
            assertErrno(Errno.EBADF, () -> p.write(fd, bytes("x")));
        }

        @Test
        void readOnOPathDescriptorFailsWithEbadf() {
            int o = p.open("/f", O_PATH);
            // Linux tmpfs: read(O_PATH fd) -> EBADF
            assertErrno(Errno.EBADF, () -> read(p, o, 1));
        }

        @Test
        void writeOnOPathDescriptorFailsWithEbadf() {
            int o = p.open("/f", O_PATH);
            // Linux tmpfs: write(O_PATH fd) -> EBADF
            assertErrno(Errno.EBADF, () -> p.write(o, bytes("x")));
        }

        @Test
        void preadOnOPathDescriptorFailsWithEbadf() {
            int o = p.open("/f", O_PATH);
            // Linux tmpfs: pread(O_PATH fd) -> EBADF
            assertErrno(Errno.EBADF, () -> p.pread(o, ByteBuffer.allocate(1), 0));
        }

        @Test
        void readOfDirectoryFailsWithEisdir() {
            p.mkdir("/d", 0755);
            int d = p.open("/d", O_RDONLY);
            // Linux tmpfs: read(dir fd) -> EISDIR
            assertErrno(Errno.EISDIR, () -> read(p, d, 10));
        }
    }

    @Nested
    class Times {
        @Test
        void writeUpdatesMtimeAndCtimeButNotAtime() {
            Stat before = p.fstat(fd);
            tick();
            p.write(fd, bytes("x"));
            Stat after = p.fstat(fd);
            // Linux tmpfs: write -> mtime, ctime change; atime not
            assertThat(after.mtime()).isEqualTo(clock.now());
            assertThat(after.ctime()).isEqualTo(clock.now());
            assertThat(after.atime()).isEqualTo(before.atime());
        }

        @Test
        void pwriteUpdatesMtimeAndCtime() {
            tick();
            p.pwrite(fd, ByteBuffer.wrap(bytes("x")), 3);
            assertThat(p.fstat(fd).mtime()).isEqualTo(clock.now());
            assertThat(p.fstat(fd).ctime()).isEqualTo(clock.now());
        }

        @Test
        void readAfterAWriteUpdatesAtimeOnly() {
            tick();
            p.write(fd, bytes("x"));
            Stat before = p.fstat(fd);
            tick();
            p.pread(fd, ByteBuffer.allocate(3), 0);
            Stat after = p.fstat(fd);
            // Linux tmpfs (relatime): first read after a write -> atime changes, mtime/ctime not
            assertThat(after.atime()).isEqualTo(clock.now());
            assertThat(after.mtime()).isEqualTo(before.mtime());
            assertThat(after.ctime()).isEqualTo(before.ctime());
        }

        @Test
        void secondReadWithinADayDoesNotUpdateAtimeUnderRelatime() {
            tick();
            p.pread(fd, ByteBuffer.allocate(3), 0);
            Instant first = p.fstat(fd).atime();
            tick();
            p.pread(fd, ByteBuffer.allocate(3), 0);
            // Linux tmpfs (relatime): a second read with atime > mtime -> atime unchanged
            assertThat(p.fstat(fd).atime()).isEqualTo(first);
        }

        @Test
        void readMoreThanADayAfterTheLastAccessUpdatesAtimeUnderRelatime() {
            tick();
            p.pread(fd, ByteBuffer.allocate(3), 0);
            clock.advanceMillis(Duration.ofHours(25).toMillis());
            p.pread(fd, ByteBuffer.allocate(3), 0);
            // fs/inode.c relatime_need_update: atime older than 24 h is refreshed
            assertThat(p.fstat(fd).atime()).isEqualTo(clock.now());
        }

        @Test
        void readAtEndOfFileStillCountsAsAnAccess() {
            tick();
            p.write(fd, bytes("x"));
            tick();
            p.pread(fd, ByteBuffer.allocate(3), 100);
            // Linux tmpfs: pread at EOF after a write -> atime changes
            assertThat(p.fstat(fd).atime()).isEqualTo(clock.now());
        }

        @Test
        void readWithNoatimeLeavesAtimeAlone() {
            tick();
            p.write(fd, bytes("x"));
            Instant atime = p.fstat(fd).atime();
            int n = p.open("/f", O_RDONLY | org.vfscope.vfs.OpenFlags.O_NOATIME);
            tick();
            read(p, n, 3);
            assertThat(p.fstat(fd).atime()).isEqualTo(atime);
        }

        @Test
        void readOnReadOnlyMountDoesNotUpdateAtime() {
            mountReadOnlyRamfs();
            int r = p.open("/mnt/f", O_RDONLY);
            Instant atime = p.fstat(r).atime();
            tick();
            read(p, r, 5);
            // Linux tmpfs remounted ro: read -> atime unchanged
            assertThat(p.fstat(r).atime()).isEqualTo(atime);
        }
    }

    @Nested
    class SetIdBits {
        private void userFile(String path, int mode, int gid) {
            createFile(path, "x");
            p.chown(path, USER, gid);
            p.chmod(path, mode);
        }

        private void writeAs(Process proc, String path) {
            int w = proc.open(path, O_WRONLY);
            proc.write(w, bytes("y"));
            proc.close(w);
        }

        @Test
        void writeByNonRootClearsSetUid() {
            userFile("/su", 04766, USER);
            writeAs(u, "/su");
            // Linux tmpfs, uid 1000 writes its 04766 file -> 0766
            assertThat(p.stat("/su").permissions()).isEqualTo(0766);
        }

        @Test
        void writeByNonRootClearsSetGidOfAGroupExecutableFile() {
            userFile("/sg", 02776, USER);
            writeAs(u, "/sg");
            // Linux tmpfs, uid 1000 writes its 02776 file -> 0776
            assertThat(p.stat("/sg").permissions()).isEqualTo(0776);
        }

        @Test
        void writeByGroupMemberKeepsSetGidWithoutGroupExecute() {
            userFile("/sgl", 02766, USER);
            writeAs(u, "/sgl");
            // Linux tmpfs, uid 1000 in the file's group writes 02766 -> 02766 (mandatory-lock marker)
            assertThat(p.stat("/sgl").permissions()).isEqualTo(02766);
        }

        @Test
        void writeByNonMemberClearsSetGidEvenWithoutGroupExecute() {
            userFile("/sgo", 02766, 0);
            writeAs(u, "/sgo");
            // Linux 6.x tmpfs, uid 1000 not in group 0 writes 02766 -> 0766 (setattr_should_drop_sgid)
            assertThat(p.stat("/sgo").permissions()).isEqualTo(0766);
        }

        @Test
        void writeByRootKeepsSetUid() {
            userFile("/sr", 04766, USER);
            writeAs(p, "/sr");
            // Linux tmpfs: root (CAP_FSETID) writes 04766 -> 04766
            assertThat(p.stat("/sr").permissions()).isEqualTo(04766);
        }

        @Test
        void zeroLengthWriteKeepsSetUid() {
            userFile("/sz", 04766, USER);
            int w = u.open("/sz", O_WRONLY);
            u.write(w, new byte[0]);
            assertThat(p.stat("/sz").mode() & FileMode.S_ISUID).isEqualTo(FileMode.S_ISUID);
        }
    }

    @Nested
    class NoSpace {
        @BeforeEach
        void small() {
            mountSmallRamfs();
        }

        @Test
        void writeLargerThanTheFreeSpaceIsShort() {
            int w = p.open("/small/a", O_CREAT | O_RDWR, 0644);
            // Linux tmpfs size=64k: write(100000 bytes) -> 65536
            assertThat(p.write(w, new byte[100_000])).isEqualTo(65536);
            assertThat(p.fstat(w).size()).isEqualTo(65536);
        }

        @Test
        void writeOnAFullFilesystemFailsWithEnospc() {
            int w = p.open("/small/a", O_CREAT | O_RDWR, 0644);
            p.write(w, new byte[100_000]);
            // Linux tmpfs size=64k, full: write(1 byte) -> ENOSPC
            assertErrno(Errno.ENOSPC, () -> p.write(w, bytes("x")));
            assertThat(p.fstat(w).size()).isEqualTo(65536);
        }

        @Test
        void writeToAnotherFileOnAFullFilesystemFailsWithEnospc() {
            int w = p.open("/small/a", O_CREAT | O_RDWR, 0644);
            p.write(w, new byte[65536]);
            int b = p.open("/small/b", O_CREAT | O_RDWR, 0644);
            // Linux tmpfs size=64k, full: creating b works, write to b -> ENOSPC
            assertErrno(Errno.ENOSPC, () -> p.write(b, bytes("y")));
        }

        @Test
        void overwritingAnAllocatedPageSucceedsOnAFullFilesystem() {
            int w = p.open("/small/a", O_CREAT | O_RDWR, 0644);
            p.write(w, new byte[65536]);
            // Linux tmpfs size=64k, full: pwrite(1 byte, 10) -> 1
            assertThat(p.pwrite(w, ByteBuffer.wrap(bytes("z")), 10)).isEqualTo(1);
        }

        @Test
        void spaceFreedByUnlinkCanBeWrittenAgain() {
            int w = p.open("/small/a", O_CREAT | O_RDWR, 0644);
            p.write(w, new byte[65536]);
            p.close(w);
            p.unlink("/small/a");
            int b = p.open("/small/b", O_CREAT | O_RDWR, 0644);
            // Linux tmpfs size=64k: after unlink of the full file, statfs shows all 16 blocks free
            assertThat(p.statfs("/small").blocksFree()).isEqualTo(16);
            assertThat(p.write(b, new byte[65536])).isEqualTo(65536);
        }

        @Test
        void spaceOfAnUnlinkedFileIsFreedOnlyAtItsLastClose() {
            int w = p.open("/small/a", O_CREAT | O_RDWR, 0644);
            p.write(w, new byte[65536]);
            p.unlink("/small/a");
            assertThat(p.statfs("/small").blocksFree()).isZero();
            p.close(w);
            assertThat(p.statfs("/small").blocksFree()).isEqualTo(16);
        }
    }
}
