package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.sys.ErrnoAssertions.assertErrno;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Credentials;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;

/**
 * generic_permission and the sticky-directory rules on ramfs, checked against Linux 6.18 tmpfs
 * as uid 1000 / gid 1000 with supplementary group 2000.
 */
class PermissionSpecTest {
    private Kernel k;
    private Process root;
    private Process user;

    @BeforeEach
    void boot() {
        k = Kernel.boot();
        root = Process.init(k);
        user = root.fork(Credentials.of(1000, 1000, 2000));
    }

    private void file(String path, int mode, int uid, int gid) {
        root.close(root.creat(path, 0600));
        root.chown(path, uid, gid);
        root.chmod(path, mode);
    }

    private void dir(String path, int mode, int uid, int gid) {
        root.mkdir(path, 0700);
        root.chown(path, uid, gid);
        root.chmod(path, mode);
    }

    private void readAs(Process proc, String path) {
        proc.close(proc.open(path, OpenFlags.O_RDONLY));
    }

    @Test
    void ownerBitsApplyToTheOwnerEvenWhenGroupAndOtherAllowMore() {
        // Linux 6.18 tmpfs as uid 1000: open(own 0077 file, O_RDONLY) -> EACCES
        file("/f", 0077, 1000, 1000);
        assertErrno(Errno.EACCES, () -> readAs(user, "/f"));
    }

    @Test
    void groupBitsApplyThroughThePrimaryGroup() {
        // Linux 6.18 tmpfs as uid 1000: open(root:1000 0640, O_RDONLY) -> 0
        file("/f", 0640, 0, 1000);
        readAs(user, "/f");
    }

    @Test
    void groupBitsApplyThroughASupplementaryGroup() {
        // Linux 6.18 tmpfs as uid 1000 groups [2000]: open(root:2000 0640, O_RDONLY) -> 0
        file("/f", 0640, 0, 2000);
        readAs(user, "/f");
    }

    @Test
    void groupBitsApplyToAGroupMemberEvenWhenOtherAllowsMore() {
        // Linux 6.18 tmpfs as uid 1000 groups [2000]: open(root:2000 0604, O_RDONLY) -> EACCES
        file("/f", 0604, 0, 2000);
        assertErrno(Errno.EACCES, () -> readAs(user, "/f"));
    }

    @Test
    void otherBitsApplyToEveryoneElse() {
        // Linux 6.18 tmpfs as uid 1000: open(root:root 0604, O_RDONLY) -> 0, O_WRONLY -> EACCES
        file("/f", 0604, 0, 0);
        readAs(user, "/f");
        assertErrno(Errno.EACCES, () -> user.open("/f", OpenFlags.O_WRONLY));
    }

    @Test
    void rootReadsAndWritesRegardlessOfModeBits() {
        file("/f", 0000, 1000, 1000);
        root.close(root.open("/f", OpenFlags.O_RDWR));
    }

    @Test
    void accessReportsEachRequestedBit() {
        // Linux 6.18 tmpfs as uid 1000: access(root 0604, F_OK) -> 0, W_OK -> EACCES
        file("/f", 0604, 0, 0);
        user.access("/f", Process.F_OK);
        user.access("/f", Process.R_OK);
        assertErrno(Errno.EACCES, () -> user.access("/f", Process.W_OK));
        assertErrno(Errno.EACCES, () -> user.access("/f", Process.R_OK | Process.X_OK));
    }

    @Test
    void accessWithUnknownModeBitsFailsWithEinval() {
        file("/f", 0644, 0, 0);
        assertErrno(Errno.EINVAL, () -> user.access("/f", 8));
    }

    @Test
    void creatingInDirectoryWithoutWritePermissionFailsWithEacces() {
        // Linux 6.18 tmpfs as uid 1000: open(O_CREAT) and mkdir in root's 0555 dir -> EACCES
        dir("/nowrite", 0555, 0, 0);
        assertErrno(Errno.EACCES, () -> user.creat("/nowrite/g", 0644));
        assertErrno(Errno.EACCES, () -> user.mkdir("/nowrite/d", 0755));
        assertErrno(Errno.EACCES, () -> user.symlink("x", "/nowrite/l"));
    }

    @Test
    void unlinkInDirectoryWithoutWritePermissionFailsWithEacces() {
        // Linux 6.18 tmpfs as uid 1000: unlink in root's 0555 dir of a 0666 file -> EACCES
        dir("/nowrite", 0755, 0, 0);
        file("/nowrite/f", 0666, 1000, 1000);
        root.chmod("/nowrite", 0555);
        assertErrno(Errno.EACCES, () -> user.unlink("/nowrite/f"));
    }

    @Test
    void listingADirectoryWithoutReadPermissionFailsWithEacces() {
        // Linux 6.18 tmpfs as uid 1000: opendir(root's 0311 dir) -> EACCES
        dir("/noread", 0311, 0, 0);
        assertErrno(Errno.EACCES, () -> user.open("/noread", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY));
    }

    @Test
    void stickyDirectoryForbidsUnlinkingAnotherUsersFile() {
        // Linux 6.18 tmpfs as uid 1000: unlink(root's file in root's 01777 dir) -> EPERM
        dir("/sticky", 01777, 0, 0);
        file("/sticky/rootfile", 0666, 0, 0);
        assertErrno(Errno.EPERM, () -> user.unlink("/sticky/rootfile"));
    }

    @Test
    void stickyDirectoryForbidsRenamingAnotherUsersFileAway() {
        // Linux 6.18 tmpfs as uid 1000: rename(root's file in 01777 dir, "x") -> EPERM
        dir("/sticky", 01777, 0, 0);
        file("/sticky/rootfile", 0666, 0, 0);
        assertErrno(Errno.EPERM, () -> user.rename("/sticky/rootfile", "/sticky/x"));
    }

    @Test
    void stickyDirectoryForbidsReplacingAnotherUsersFile() {
        // Linux 6.18 tmpfs as uid 1000: rename(own file, root's file) in 01777 dir -> EPERM
        dir("/sticky", 01777, 0, 0);
        file("/sticky/rootfile", 0666, 0, 0);
        file("/sticky/mine", 0644, 1000, 1000);
        assertErrno(Errno.EPERM, () -> user.rename("/sticky/mine", "/sticky/rootfile"));
    }

    @Test
    void stickyDirectoryForbidsRemovingAnotherUsersDirectory() {
        // Linux 6.18 tmpfs as uid 1000: rmdir(root's 0777 dir in 01777 dir) -> EPERM
        dir("/sticky", 01777, 0, 0);
        dir("/sticky/sub", 0777, 0, 0);
        assertErrno(Errno.EPERM, () -> user.rmdir("/sticky/sub"));
    }

    @Test
    void stickyDirectoryLetsTheFileOwnerUnlink() {
        // Linux 6.18 tmpfs as uid 1000: unlink(own file in root's 01777 dir) -> 0
        dir("/sticky", 01777, 0, 0);
        file("/sticky/mine", 0644, 1000, 1000);
        user.unlink("/sticky/mine");
    }

    @Test
    void stickyDirectoryLetsTheDirectoryOwnerUnlinkAnyFile() {
        // Linux 6.18 tmpfs as uid 1000: unlink(root's file in own 01777 dir) -> 0
        dir("/usticky", 01777, 1000, 1000);
        file("/usticky/rootfile", 0666, 0, 0);
        user.unlink("/usticky/rootfile");
    }

    @Test
    void stickyDirectoryLetsRootUnlinkAnyFile() {
        dir("/sticky", 01777, 0, 0);
        file("/sticky/theirs", 0644, 1000, 1000);
        root.unlink("/sticky/theirs");
        assertErrno(Errno.ENOENT, () -> root.stat("/sticky/theirs"));
    }

    @Test
    void movingOwnDirectoryToAnotherParentNeedsWritePermissionOnIt() {
        // Linux 6.18 tmpfs as uid 1000: rename(own 0555 dir, other parent) -> EACCES (its ".." changes)
        dir("/src", 0777, 0, 0);
        dir("/dst", 0777, 0, 0);
        dir("/src/rdir", 0555, 1000, 1000);
        assertErrno(Errno.EACCES, () -> user.rename("/src/rdir", "/dst/rdir"));
    }

    @Test
    void renamingOwnDirectoryWithinItsParentNeedsNoWritePermissionOnIt() {
        // Linux 6.18 tmpfs as uid 1000: rename(own 0555 dir, same parent) -> 0
        dir("/src", 0777, 0, 0);
        dir("/src/rdir", 0555, 1000, 1000);
        user.rename("/src/rdir", "/src/rdir2");
        assertThat(root.stat("/src/rdir2").isDir()).isTrue();
    }
}
