package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.vfscope.sys.ErrnoAssertions.assertErrno;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.fs.ramfs.RamfsType;
import org.vfscope.vfs.Credentials;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.StatFs;

/**
 * mount, umount, remount, statfs and freeze/thaw on ramfs, checked against Linux 6.18 tmpfs
 * (mount(2) and mount(8) as root; FIFREEZE/FITHAW on ext4, since tmpfs cannot freeze).
 */
class MountSpecTest {
    private Kernel k;
    private Process p;

    @BeforeEach
    void boot() {
        k = Kernel.boot();
        p = Process.init(k);
        p.mkdir("/mnt", 0755);
        p.close(p.creat("/plain", 0644));
    }

    private String procMountsLine(String mountpoint) {
        return k.procMounts().stream().filter(l -> l.split(" ")[1].equals(mountpoint)).findFirst().orElseThrow();
    }

    // ---- mount --------------------------------------------------------------------------------

    @Test
    void mountOnDirectoryShowsTheNewFilesystemThere() {
        p.mount("none", "/mnt", "ramfs", null);
        assertThat(p.stat("/mnt").dev()).isNotEqualTo(p.stat("/").dev());
        assertThat(procMountsLine("/mnt")).isEqualTo("none /mnt ramfs rw,relatime 0 0");
    }

    @Test
    void mountOfUnknownTypeFailsWithEnodev() {
        // Linux 6.18: mount("none", dir, "nosuchfs") -> ENODEV
        assertErrno(Errno.ENODEV, () -> p.mount("none", "/mnt", "nosuchfs", null));
    }

    @Test
    void mountOnFileFailsWithEnotdir() {
        // Linux 6.18: mount tmpfs on a regular file -> ENOTDIR
        assertErrno(Errno.ENOTDIR, () -> p.mount("none", "/plain", "ramfs", null));
    }

    @Test
    void mountOnMissingTargetFailsWithEnoent() {
        // Linux 6.18: mount tmpfs on a missing path -> ENOENT
        assertErrno(Errno.ENOENT, () -> p.mount("none", "/zz", "ramfs", null));
    }

    @Test
    void mountByNonRootFailsWithEperm() {
        // Linux 6.18 as uid 1000: mount(tmpfs) -> EPERM
        Process u = p.fork(Credentials.of(1000, 1000));
        assertErrno(Errno.EPERM, () -> u.mount("none", "/mnt", "ramfs", null));
    }

    @Test
    void mountWithUnknownOptionFailsWithEinval() {
        // Linux 6.18: mount tmpfs -o bogus -> EINVAL (deliberately like tmpfs; Linux ramfs ignores it)
        assertErrno(Errno.EINVAL, () -> p.mount("none", "/mnt", "ramfs", "bogus"));
    }

    @Test
    void mountWithMalformedSizeFailsWithEinval() {
        // Linux 6.18: mount tmpfs -o size=abc and -o size -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.mount("none", "/mnt", "ramfs", "size=abc"));
        assertErrno(Errno.EINVAL, () -> p.mount("none", "/mnt", "ramfs", "size"));
    }

    @Test
    void mountOptionsSetRootModeAndOwner() {
        p.mount("none", "/mnt", "ramfs", "mode=0700,uid=5,gid=6");
        assertThat(p.stat("/mnt").permissions()).isEqualTo(0700);
        assertThat(p.stat("/mnt").uid()).isEqualTo(5);
        assertThat(p.stat("/mnt").gid()).isEqualTo(6);
    }

    @Test
    void secondMountOnTheSameDirectoryHidesTheFirst() {
        p.mount("first", "/mnt", "ramfs", null);
        p.close(p.creat("/mnt/one", 0644));
        p.mount("second", "/mnt", "ramfs", null);
        assertErrno(Errno.ENOENT, () -> p.stat("/mnt/one"));
        p.umount("/mnt");
        assertThat(p.stat("/mnt/one").isRegular()).isTrue();
    }

    // ---- /proc/mounts and show_options --------------------------------------------------------

    @Test
    void procMountsListsTheRootFirst() {
        p.mount("none", "/mnt", "ramfs", null);
        assertThat(k.procMounts()).containsExactly("rootfs / ramfs rw,relatime 0 0", "none /mnt ramfs rw,relatime 0 0");
    }

    @Test
    void procMountsShowsSizeInKibibytesOfWholePages() {
        // Linux 6.18: tmpfs -o size=1m -> "size=1024k"; size=1048577 -> "size=1028k"; size=1g -> "size=1048576k"
        p.mount("none", "/mnt", "ramfs", "size=1m");
        assertThat(procMountsLine("/mnt")).isEqualTo("none /mnt ramfs rw,relatime,size=1024k 0 0");
        p.umount("/mnt");
        p.mount("none", "/mnt", "ramfs", "size=1048577");
        assertThat(procMountsLine("/mnt")).isEqualTo("none /mnt ramfs rw,relatime,size=1028k 0 0");
        p.umount("/mnt");
        p.mount("none", "/mnt", "ramfs", "size=1g");
        assertThat(procMountsLine("/mnt")).isEqualTo("none /mnt ramfs rw,relatime,size=1048576k 0 0");
    }

    @Test
    void procMountsShowsOnlyOptionsThatDifferFromTheDefaults() {
        // Linux 6.18: tmpfs -o nr_inodes=100 -> "rw,relatime,nr_inodes=100"; uid=5,gid=6 -> "rw,relatime,uid=5,gid=6"
        p.mount("none", "/mnt", "ramfs", "nr_inodes=100,mode=0755,uid=5,gid=6");
        assertThat(procMountsLine("/mnt")).isEqualTo("none /mnt ramfs rw,relatime,nr_inodes=100,uid=5,gid=6 0 0");
    }

    @Test
    void procMountsShowsModeAsThreeOctalDigits() {
        // Linux 6.18: tmpfs -o mode=0700 -> "mode=700"; -o mode=7 -> "mode=007"
        p.mount("none", "/mnt", "ramfs", "mode=7");
        assertThat(procMountsLine("/mnt")).isEqualTo("none /mnt ramfs rw,relatime,mode=007 0 0");
    }

    @Test
    void procMountsShowsGenericFlagsInKernelOrder() {
        // Linux 6.18: mount -t tmpfs -o ro,nosuid,nodev,noexec,noatime -> "ro,nosuid,nodev,noexec,noatime"
        p.mount("none", "/mnt", "ramfs", "ro,nosuid,nodev,noexec,noatime");
        assertThat(procMountsLine("/mnt")).isEqualTo("none /mnt ramfs ro,nosuid,nodev,noexec,noatime 0 0");
    }

    @Test
    void procMountsShowsSyncDirsyncAndLazytimeBeforePerMountFlags() {
        // Linux 6.18: -o sync,dirsync -> "rw,sync,dirsync,relatime"; -o nodiratime,lazytime -> "rw,lazytime,nodiratime,relatime"
        p.mount("none", "/mnt", "ramfs", "sync,dirsync");
        assertThat(procMountsLine("/mnt")).isEqualTo("none /mnt ramfs rw,sync,dirsync,relatime 0 0");
        p.umount("/mnt");
        p.mount("none", "/mnt", "ramfs", "nodiratime,lazytime");
        assertThat(procMountsLine("/mnt")).isEqualTo("none /mnt ramfs rw,lazytime,nodiratime,relatime 0 0");
    }

    @Test
    void strictatimeShowsNoAtimeOption() {
        // Linux 6.18: mount -t tmpfs -o strictatime -> "rw"
        p.mount("none", "/mnt", "ramfs", "strictatime");
        assertThat(procMountsLine("/mnt")).isEqualTo("none /mnt ramfs rw 0 0");
    }

    // ---- statfs -------------------------------------------------------------------------------

    @Test
    void statfsReportsSizeAndInodeLimits() {
        // Linux 6.18: tmpfs size=1m,nr_inodes=100 -> bsize 4096, blocks 256, bfree 256, files 100, ffree 99, namelen 255
        p.mount("none", "/mnt", "ramfs", "size=1m,nr_inodes=100");
        StatFs s = p.statfs("/mnt");
        assertThat(s.type()).isEqualTo(RamfsType.RAMFS_MAGIC);
        assertThat(s.blockSize()).isEqualTo(4096);
        assertThat(s.blocks()).isEqualTo(256);
        assertThat(s.blocksFree()).isEqualTo(256);
        assertThat(s.blocksAvailable()).isEqualTo(256);
        assertThat(s.files()).isEqualTo(100);
        assertThat(s.filesFree()).isEqualTo(99);
        assertThat(s.nameMax()).isEqualTo(255);
    }

    @Test
    void statfsCountsInodesAndPagesInUse() {
        // Linux 6.18: tmpfs nr_inodes=100 after mkdir + create -> ffree 97
        p.mount("none", "/mnt", "ramfs", "size=1m,nr_inodes=100");
        p.mkdir("/mnt/sub", 0755);
        int fd = p.creat("/mnt/sub/f", 0644);
        p.write(fd, new byte[5000]);
        p.close(fd);
        StatFs s = p.statfs("/mnt");
        assertThat(s.filesFree()).isEqualTo(97);
        k.sync();
        assertThat(p.statfs("/mnt").blocksFree()).isEqualTo(254);
    }

    @Test
    void inodeLimitFailsCreatesWithEnospc() {
        p.mount("none", "/mnt", "ramfs", "nr_inodes=2");
        p.mkdir("/mnt/one", 0755);
        assertErrno(Errno.ENOSPC, () -> p.mkdir("/mnt/two", 0755));
    }

    // ---- umount -------------------------------------------------------------------------------

    @Test
    void umountDetachesTheFilesystem() {
        p.mount("none", "/mnt", "ramfs", null);
        p.umount("/mnt");
        assertThat(p.stat("/mnt").dev()).isEqualTo(p.stat("/").dev());
        assertThat(k.procMounts()).hasSize(1);
    }

    @Test
    void umountOfNonMountpointFailsWithEinval() {
        // Linux 6.18: umount2(plain directory) -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.umount("/mnt"));
    }

    @Test
    void umountOfMissingPathFailsWithEnoent() {
        assertErrno(Errno.ENOENT, () -> p.umount("/zz"));
    }

    @Test
    void umountWithAnOpenFileFailsWithEbusy() {
        // Linux 6.18: umount2(tmpfs with an open file) -> EBUSY
        p.mount("none", "/mnt", "ramfs", null);
        int fd = p.creat("/mnt/f", 0644);
        assertErrno(Errno.EBUSY, () -> p.umount("/mnt"));
        p.close(fd);
        p.umount("/mnt");
    }

    @Test
    void umountWithAWorkingDirectoryInsideFailsWithEbusy() {
        // Linux 6.18: umount2(tmpfs) while the cwd is inside it -> EBUSY
        p.mount("none", "/mnt", "ramfs", null);
        p.mkdir("/mnt/sub", 0755);
        Process other = p.fork(Credentials.ROOT);
        other.chdir("/mnt/sub");
        assertErrno(Errno.EBUSY, () -> p.umount("/mnt"));
        other.chdir("/");
        p.umount("/mnt");
    }

    @Test
    void umountWithAChildMountFailsWithEbusy() {
        // Linux 6.18: umount2(tmpfs with a tmpfs mounted inside) -> EBUSY
        p.mount("none", "/mnt", "ramfs", null);
        p.mkdir("/mnt/inner", 0755);
        p.mount("none", "/mnt/inner", "ramfs", null);
        assertErrno(Errno.EBUSY, () -> p.umount("/mnt"));
        p.umount("/mnt/inner");
        p.umount("/mnt");
    }

    @Test
    void umountByNonRootFailsWithEperm() {
        // Linux 6.18 as uid 1000: umount2(tmpfs) -> EPERM
        p.mount("none", "/mnt", "ramfs", null);
        Process u = p.fork(Credentials.of(1000, 1000));
        assertErrno(Errno.EPERM, () -> u.umount("/mnt"));
    }

    @Test
    void umountedFilesystemContentsAreGone() {
        p.mount("none", "/mnt", "ramfs", null);
        p.close(p.creat("/mnt/f", 0644));
        p.umount("/mnt");
        p.mount("none", "/mnt", "ramfs", null);
        assertErrno(Errno.ENOENT, () -> p.stat("/mnt/f"));
    }

    // ---- remount ------------------------------------------------------------------------------

    @Test
    void remountReadOnlyMakesWritesFailWithErofs() {
        // Linux 6.18: tmpfs remounted ro: mkdir, unlink, chmod -> EROFS
        p.mount("none", "/mnt", "ramfs", null);
        p.close(p.creat("/mnt/f", 0644));
        p.remount("/mnt", "ro");
        assertErrno(Errno.EROFS, () -> p.mkdir("/mnt/x", 0755));
        assertErrno(Errno.EROFS, () -> p.creat("/mnt/g", 0644));
        assertErrno(Errno.EROFS, () -> p.unlink("/mnt/f"));
        assertErrno(Errno.EROFS, () -> p.chmod("/mnt/f", 0600));
        assertErrno(Errno.EROFS, () -> p.open("/mnt/f", OpenFlags.O_WRONLY));
        assertThat(procMountsLine("/mnt")).startsWith("none /mnt ramfs ro,");
    }

    @Test
    void readOnlyMountReportsEexistBeforeErofs() {
        // Linux 6.18: mkdir of an existing name on a ro tmpfs -> EEXIST
        p.mount("none", "/mnt", "ramfs", null);
        p.mkdir("/mnt/sub", 0755);
        p.remount("/mnt", "ro");
        assertErrno(Errno.EEXIST, () -> p.mkdir("/mnt/sub", 0755));
    }

    @Test
    void remountReadOnlyWithAFileOpenForWritingFailsWithEbusy() {
        // Linux 6.18: mount -o remount,ro with a file open O_WRONLY -> EBUSY
        p.mount("none", "/mnt", "ramfs", null);
        int fd = p.creat("/mnt/f", 0644);
        assertErrno(Errno.EBUSY, () -> p.remount("/mnt", "ro"));
        p.close(fd);
        p.remount("/mnt", "ro");
    }

    @Test
    void remountReadOnlyWithAFileOpenForReadingSucceeds() {
        p.mount("none", "/mnt", "ramfs", null);
        p.close(p.creat("/mnt/f", 0644));
        int fd = p.open("/mnt/f", OpenFlags.O_RDONLY);
        p.remount("/mnt", "ro");
        p.close(fd);
    }

    @Test
    void remountReadWriteAllowsWritesAgain() {
        p.mount("none", "/mnt", "ramfs", "ro");
        assertErrno(Errno.EROFS, () -> p.mkdir("/mnt/x", 0755));
        p.remount("/mnt", "rw");
        p.mkdir("/mnt/x", 0755);
    }

    @Test
    void remountChangesTheSizeShownInProcMounts() {
        // Linux 6.18: tmpfs size=1m, then mount -o remount,size=2m,ro -> "ro,relatime,size=2048k"
        p.mount("none", "/mnt", "ramfs", "size=1m");
        p.remount("/mnt", "size=2m,ro");
        assertThat(procMountsLine("/mnt")).isEqualTo("none /mnt ramfs ro,relatime,size=2048k 0 0");
    }

    @Test
    void remountWithUnknownOptionFailsWithEinvalAndChangesNothing() {
        // Linux 6.18: mount -o remount,bogus on tmpfs -> EINVAL, /proc/mounts unchanged
        p.mount("none", "/mnt", "ramfs", "size=2m");
        assertErrno(Errno.EINVAL, () -> p.remount("/mnt", "ro,bogus"));
        assertThat(procMountsLine("/mnt")).isEqualTo("none /mnt ramfs rw,relatime,size=2048k 0 0");
    }

    @Test
    void remountWithInodeLimitBelowUseFailsWithEinval() {
        // Linux 6.18: tmpfs with 3 inodes in use, remount nr_inodes=1 -> EINVAL
        p.mount("none", "/mnt", "ramfs", null);
        p.mkdir("/mnt/a", 0755);
        p.mkdir("/mnt/b", 0755);
        assertErrno(Errno.EINVAL, () -> p.remount("/mnt", "nr_inodes=1"));
    }

    @Test
    void remountOfNonMountpointFailsWithEinval() {
        // Linux 6.18: mount -o remount on a subdirectory of a tmpfs -> EINVAL
        p.mount("none", "/mnt", "ramfs", null);
        p.mkdir("/mnt/sub", 0755);
        assertErrno(Errno.EINVAL, () -> p.remount("/mnt/sub", "ro"));
    }

    // ---- freeze / thaw ------------------------------------------------------------------------

    @Test
    void freezeBlocksWritersUntilThaw() throws Exception {
        p.mount("none", "/mnt", "ramfs", null);
        p.freeze("/mnt");
        Process writer = p.fork(Credentials.ROOT);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            started.countDown();
            try {
                writer.mkdir("/mnt/x", 0755);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "frozen-writer");
        t.start();
        started.await();
        awaitBlockedInStartWrite(t);
        assertErrno(Errno.ENOENT, () -> p.stat("/mnt/x"));
        assertThat(p.stat("/mnt").isDir()).isTrue();
        p.thaw("/mnt");
        t.join();
        assertThat(failure.get()).isNull();
        assertThat(p.stat("/mnt/x").isDir()).isTrue();
    }

    /** Waits (without a timeout) until {@code t} parks in sb_start_write; fails if it finishes instead. */
    private static void awaitBlockedInStartWrite(Thread t) {
        while (true) {
            Thread.State state = t.getState();
            if (state == Thread.State.TERMINATED) {
                fail("the writer finished although the filesystem is frozen");
            }
            if (state == Thread.State.WAITING && Arrays.stream(t.getStackTrace())
                    .anyMatch(f -> f.getMethodName().equals("startWrite"))) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void freezeOfFrozenFilesystemFailsWithEbusy() {
        // Linux 6.18 ext4: FIFREEZE twice -> EBUSY
        p.mount("none", "/mnt", "ramfs", null);
        p.freeze("/mnt");
        assertErrno(Errno.EBUSY, () -> p.freeze("/mnt"));
        p.thaw("/mnt");
    }

    @Test
    void thawOfUnfrozenFilesystemFailsWithEinval() {
        // Linux 6.18 ext4 and tmpfs: FITHAW when not frozen -> EINVAL
        p.mount("none", "/mnt", "ramfs", null);
        assertErrno(Errno.EINVAL, () -> p.thaw("/mnt"));
    }

    @Test
    void freezeByNonRootFailsWithEperm() {
        // Linux 6.18 as uid 1000: FIFREEZE -> EPERM
        p.mount("none", "/mnt", "ramfs", null);
        Process u = p.fork(Credentials.of(1000, 1000));
        assertErrno(Errno.EPERM, () -> u.freeze("/mnt"));
    }
}
