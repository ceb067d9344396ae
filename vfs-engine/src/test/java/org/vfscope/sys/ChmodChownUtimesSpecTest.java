package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.sys.ErrnoAssertions.assertErrno;
import static org.vfscope.vfs.Attr.UTIME_NOW;
import static org.vfscope.vfs.Attr.UTIME_OMIT;

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

/**
 * chmod(2), chown(2) and utimensat(2) on ramfs, checked against Linux 6.18 tmpfs as root and as
 * uid 1000 / gid 1000 with supplementary group 2000.
 */
class ChmodChownUtimesSpecTest {
    private static final Instant T5 = Instant.ofEpochSecond(5);
    private static final Instant T6 = Instant.ofEpochSecond(6);

    private final KernelClock.Manual clock = new KernelClock.Manual(Instant.parse("2024-01-01T00:00:00Z"));
    private Kernel k;
    private Process root;
    private Process user;

    @BeforeEach
    void boot() {
        k = Kernel.boot(clock);
        root = Process.init(k);
        user = root.fork(Credentials.of(1000, 1000, 2000));
        root.mkdir("/own", 0777);
        root.chmod("/own", 0777);
        file("/own/mine", 0644, 1000, 1000);
        file("/own/rootrw", 0666, 0, 0);
        file("/own/rootro", 0644, 0, 0);
    }

    private void file(String path, int mode, int uid, int gid) {
        root.close(root.creat(path, 0600));
        root.chown(path, uid, gid);
        root.chmod(path, mode);
    }

    // ---- chmod --------------------------------------------------------------------------------

    @Test
    void chmodByOwnerChangesPermissionsAndKeepsFileType() {
        user.chmod("/own/mine", 0600);
        assertThat(root.stat("/own/mine").mode()).isEqualTo(FileMode.S_IFREG | 0600);
    }

    @Test
    void chmodByNonOwnerFailsWithEperm() {
        // Linux 6.18 tmpfs as uid 1000: chmod(root's 0666 file) -> EPERM
        assertErrno(Errno.EPERM, () -> user.chmod("/own/rootrw", 0600));
    }

    @Test
    void chmodByRootOfAnyFileSucceeds() {
        root.chmod("/own/mine", 0400);
        assertThat(root.stat("/own/mine").permissions()).isEqualTo(0400);
    }

    @Test
    void chmodChangesCtime() {
        // Linux 6.18 tmpfs: chmod changes st_ctime
        Instant before = root.stat("/own/mine").ctime();
        clock.advanceMillis(1000);
        user.chmod("/own/mine", 0600);
        assertThat(root.stat("/own/mine").ctime()).isAfter(before);
    }

    @Test
    void chmodFollowsSymlinks() {
        root.symlink("mine", "/own/l");
        user.chmod("/own/l", 0640);
        assertThat(root.stat("/own/mine").permissions()).isEqualTo(0640);
        assertThat(root.lstat("/own/l").permissions()).isEqualTo(0777);
    }

    @Test
    void chmodSetGidOnFileOfOwnGroupIsKept() {
        // Linux 6.18 tmpfs as uid 1000: chmod(02755) on a gid 1000 file and on a gid 2000 file -> kept
        file("/own/g2000", 0644, 1000, 2000);
        user.chmod("/own/mine", 02755);
        user.chmod("/own/g2000", 02755);
        assertThat(root.stat("/own/mine").permissions()).isEqualTo(02755);
        assertThat(root.stat("/own/g2000").permissions()).isEqualTo(02755);
    }

    @Test
    void chmodSetGidOnFileOfForeignGroupIsSilentlyDropped() {
        // Linux 6.18 tmpfs as uid 1000 (groups 1000, 2000): chmod(02755) on a gid 3000 file -> 0755
        file("/own/g3000", 0644, 1000, 3000);
        user.chmod("/own/g3000", 02755);
        assertThat(root.stat("/own/g3000").permissions()).isEqualTo(0755);
    }

    @Test
    void chmodOfSetGidByRootIsKeptForAnyGroup() {
        file("/own/g3000", 0644, 1000, 3000);
        root.chmod("/own/g3000", 02755);
        assertThat(root.stat("/own/g3000").permissions()).isEqualTo(02755);
    }

    @Test
    void fchmodOnReadOnlyDescriptorByOwnerSucceeds() {
        int fd = user.open("/own/mine", OpenFlags.O_RDONLY);
        user.fchmod(fd, 0600);
        user.close(fd);
        assertThat(root.stat("/own/mine").permissions()).isEqualTo(0600);
    }

    // ---- chown --------------------------------------------------------------------------------

    @Test
    void chownByOwnerToOwnUidIsAllowed() {
        // Linux 6.18 tmpfs as uid 1000: chown(own file, 1000, -1) -> 0
        user.chown("/own/mine", 1000, -1);
        assertThat(root.stat("/own/mine").uid()).isEqualTo(1000);
    }

    @Test
    void chownByOwnerToAnotherUidFailsWithEperm() {
        // Linux 6.18 tmpfs as uid 1000: chown(own file, 1001, -1) -> EPERM
        assertErrno(Errno.EPERM, () -> user.chown("/own/mine", 1001, -1));
    }

    @Test
    void chownByOwnerToOwnSupplementaryGroupIsAllowed() {
        // Linux 6.18 tmpfs as uid 1000 groups [2000]: chown(own file, -1, 2000) -> 0
        user.chown("/own/mine", -1, 2000);
        assertThat(root.stat("/own/mine").gid()).isEqualTo(2000);
    }

    @Test
    void chownByOwnerToForeignGroupFailsWithEperm() {
        // Linux 6.18 tmpfs as uid 1000: chown(own file, -1, 3000) -> EPERM
        assertErrno(Errno.EPERM, () -> user.chown("/own/mine", -1, 3000));
    }

    @Test
    void chownByNonOwnerToTheCurrentOwnerFailsWithEperm() {
        // Linux 6.18 tmpfs as uid 1000: chown(root's file, 0, -1) -> EPERM
        assertErrno(Errno.EPERM, () -> user.chown("/own/rootrw", 0, -1));
    }

    @Test
    void chownWithBothIdsMinusOneByNonOwnerSucceeds() {
        // Linux 6.18 tmpfs as uid 1000: chown(root's file, -1, -1) -> 0
        user.chown("/own/rootrw", -1, -1);
        assertThat(root.stat("/own/rootrw").uid()).isZero();
    }

    @Test
    void chownByRootChangesOwnerAndGroup() {
        root.chown("/own/mine", 5, 6);
        Stat st = root.stat("/own/mine");
        assertThat(st.uid()).isEqualTo(5);
        assertThat(st.gid()).isEqualTo(6);
    }

    @Test
    void chownClearsSetUidOfRegularFile() {
        // Linux 6.18 tmpfs as uid 1000: chown(04755 file, -1, 1000) -> 0755
        file("/own/suid", 04755, 1000, 1000);
        user.chown("/own/suid", -1, 1000);
        assertThat(root.stat("/own/suid").permissions()).isEqualTo(0755);
    }

    @Test
    void chownClearsSetGidOfGroupExecutableFile() {
        // Linux 6.18 tmpfs as uid 1000: chown(02755 file, -1, 1000) -> 0755
        file("/own/sgid", 02755, 1000, 1000);
        user.chown("/own/sgid", -1, 1000);
        assertThat(root.stat("/own/sgid").permissions()).isEqualTo(0755);
    }

    @Test
    void chownKeepsSetGidOfFileWithoutGroupExecute() {
        // Linux 6.18 tmpfs as uid 1000: chown(02745 file, -1, 1000) -> 02745 (the mandatory-locking marker)
        file("/own/sgidnx", 02745, 1000, 1000);
        user.chown("/own/sgidnx", -1, 1000);
        assertThat(root.stat("/own/sgidnx").permissions()).isEqualTo(02745);
    }

    @Test
    void chownByRootAlsoClearsSetUidAndSetGid() {
        // Linux 6.18 tmpfs as root: chown(06755 file, -1, -1) -> 0755
        file("/own/rs", 06755, 0, 0);
        root.chown("/own/rs", -1, -1);
        assertThat(root.stat("/own/rs").permissions()).isEqualTo(0755);
    }

    @Test
    void chownKeepsSetIdBitsOfDirectory() {
        // Linux 6.18 tmpfs as root: chown(06755 dir, 5, 5) -> 06755
        root.mkdir("/own/sd", 0755);
        root.chmod("/own/sd", 06755);
        root.chown("/own/sd", 5, 5);
        assertThat(root.stat("/own/sd").permissions()).isEqualTo(06755);
    }

    @Test
    void lchownChangesTheSymlinkNotItsTarget() {
        root.symlink("mine", "/own/l");
        root.lchown("/own/l", 7, 7);
        assertThat(root.lstat("/own/l").uid()).isEqualTo(7);
        assertThat(root.stat("/own/mine").uid()).isEqualTo(1000);
    }

    // ---- utimensat ----------------------------------------------------------------------------

    @Test
    void utimesWithExplicitTimesSetsThemAndCtimeToNow() {
        root.utimes("/own/mine", T5, T6);
        Stat st = root.stat("/own/mine");
        assertThat(st.atime()).isEqualTo(T5);
        assertThat(st.mtime()).isEqualTo(T6);
        assertThat(st.ctime()).isEqualTo(clock.now());
    }

    @Test
    void futimensSetsTheTimesOfTheOpenFile() {
        int fd = root.open("/own/mine", OpenFlags.O_WRONLY);
        root.futimens(fd, T5, T6);
        root.close(fd);
        Stat st = root.stat("/own/mine");
        assertThat(st.atime()).isEqualTo(T5);
        assertThat(st.mtime()).isEqualTo(T6);
        assertThat(st.ctime()).isEqualTo(clock.now());
    }

    @Test
    void futimensOnAClosedDescriptorFailsWithEbadf() {
        assertErrno(Errno.EBADF, () -> root.futimens(99, T5, T6));
    }

    @Test
    void utimesNowSetsBothTimesToNow() {
        clock.advanceMillis(1000);
        root.utimes("/own/mine", UTIME_NOW, UTIME_NOW);
        Stat st = root.stat("/own/mine");
        assertThat(st.atime()).isEqualTo(clock.now());
        assertThat(st.mtime()).isEqualTo(clock.now());
    }

    @Test
    void utimesOmitLeavesThatTimeAlone() {
        root.utimes("/own/mine", T5, T6);
        root.utimes("/own/mine", UTIME_OMIT, Instant.ofEpochSecond(9));
        assertThat(root.stat("/own/mine").atime()).isEqualTo(T5);
        assertThat(root.stat("/own/mine").mtime()).isEqualTo(Instant.ofEpochSecond(9));
    }

    @Test
    void utimesNowByNonOwnerWithWritePermissionSucceeds() {
        // Linux 6.18 tmpfs as uid 1000: utimensat(root's 0666 file, NOW, NOW) -> 0
        user.utimes("/own/rootrw", UTIME_NOW, UTIME_NOW);
    }

    @Test
    void utimesNowByNonOwnerWithoutWritePermissionFailsWithEacces() {
        // Linux 6.18 tmpfs as uid 1000: utimensat(root's 0644 file, NOW, NOW) -> EACCES
        assertErrno(Errno.EACCES, () -> user.utimes("/own/rootro", UTIME_NOW, UTIME_NOW));
    }

    @Test
    void utimesWithExplicitTimesByNonOwnerWithWritePermissionFailsWithEperm() {
        // Linux 6.18 tmpfs as uid 1000: utimensat(root's 0666 file, {5,0}, {6,0}) -> EPERM
        assertErrno(Errno.EPERM, () -> user.utimes("/own/rootrw", T5, T6));
    }

    @Test
    void utimesWithExplicitTimesByNonOwnerWithoutWritePermissionFailsWithEperm() {
        // Linux 6.18 tmpfs as uid 1000: utimensat(root's 0644 file, {5,0}, {6,0}) -> EPERM
        assertErrno(Errno.EPERM, () -> user.utimes("/own/rootro", T5, T6));
    }

    @Test
    void utimesNowForOneTimeAndOmitForTheOtherByNonOwnerFailsWithEperm() {
        // Linux 6.18 tmpfs as uid 1000: utimensat(root's 0666 file, NOW, OMIT) -> EPERM (ATTR_TIMES_SET)
        assertErrno(Errno.EPERM, () -> user.utimes("/own/rootrw", UTIME_NOW, UTIME_OMIT));
    }

    @Test
    void utimesOmitForBothTimesSucceedsWithoutAnyCheck() {
        // Linux 6.18 tmpfs as uid 1000: utimensat(root's 0644 file, OMIT, OMIT) -> 0
        Instant ctime = root.stat("/own/rootro").ctime();
        clock.advanceMillis(1000);
        user.utimes("/own/rootro", UTIME_OMIT, UTIME_OMIT);
        assertThat(root.stat("/own/rootro").ctime()).isEqualTo(ctime);
    }

    @Test
    void utimesOmitForBothTimesDoesNotEvenLookUpThePath() {
        // Linux 6.18 tmpfs: utimensat("missing", OMIT, OMIT) -> 0, also on a read-only mount
        root.utimes("/own/missing", UTIME_OMIT, UTIME_OMIT);
    }

    @Test
    void utimesByOwnerOfReadOnlyFileSucceedsForExplicitTimesAndNow() {
        // Linux 6.18 tmpfs as uid 1000: utimensat(own 0400 file, {5,0},{6,0}) -> 0, (NOW, NOW) -> 0
        user.chmod("/own/mine", 0400);
        user.utimes("/own/mine", T5, T6);
        user.utimes("/own/mine", UTIME_NOW, UTIME_NOW);
    }

    @Test
    void lutimesChangesTheSymlinkNotItsTarget() {
        root.symlink("mine", "/own/l");
        root.lutimes("/own/l", T5, T6);
        assertThat(root.lstat("/own/l").mtime()).isEqualTo(T6);
        assertThat(root.stat("/own/mine").mtime()).isNotEqualTo(T6);
    }
}
