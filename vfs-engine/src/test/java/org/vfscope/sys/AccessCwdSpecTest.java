package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.sys.Process.F_OK;
import static org.vfscope.sys.Process.R_OK;
import static org.vfscope.sys.Process.W_OK;
import static org.vfscope.sys.Process.X_OK;
import static org.vfscope.vfs.OpenFlags.O_DIRECTORY;
import static org.vfscope.vfs.OpenFlags.O_PATH;
import static org.vfscope.vfs.OpenFlags.O_RDONLY;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Errno;

/** access(2), chdir(2), fchdir(2) and getcwd(2) on ramfs, against Linux 6.18 tmpfs. */
class AccessCwdSpecTest extends SpecSupport {

    @BeforeEach
    void tree() {
        createFile("/f", "x");
        createFile("/secret", "s");
        p.chmod("/secret", 0600);
        p.mkdir("/d", 0755);
        p.mkdir("/d/sub", 0755);
        p.mkdir("/priv", 0700);
        createFile("/priv/f", "x");
        p.chmod("/priv/f", 0666);
        p.mkdir("/noexec", 0755);
        p.chmod("/noexec", 0766);
        p.symlink("nothere", "/dangle");
    }

    @Nested
    class Access {
        @Test
        void existingFileIsAccessibleWithFOk() {
            p.access("/f", F_OK);
        }

        @Test
        void missingFileFailsWithEnoent() {
            // Linux tmpfs: access("nx", F_OK) -> ENOENT
            assertErrno(Errno.ENOENT, () -> p.access("/nx", F_OK));
        }

        @Test
        void danglingSymlinkIsFollowedAndFailsWithEnoent() {
            assertErrno(Errno.ENOENT, () -> p.access("/dangle", F_OK));
        }

        @Test
        void unknownModeBitsFailWithEinval() {
            // Linux tmpfs: access(f, 8) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.access("/f", 8));
        }

        @Test
        void rootMayNotExecuteAFileWithoutAnyExecuteBit() {
            // Linux tmpfs: access(0644 file, X_OK) as root -> EACCES
            assertErrno(Errno.EACCES, () -> p.access("/f", X_OK));
        }

        @Test
        void rootMayReadAndWriteAFileWithNoPermissions() {
            p.chmod("/f", 0);
            p.access("/f", R_OK | W_OK);
        }

        @Test
        void userMayNotReadARootOnlyFile() {
            // Linux tmpfs, uid 1000: access(root 0600, R_OK) -> EACCES
            assertErrno(Errno.EACCES, () -> u.access("/secret", R_OK));
        }

        @Test
        void userMayReadButNotWriteARootOwned0644File() {
            // Linux tmpfs, uid 1000: access(root 0644, R_OK) -> 0, W_OK -> EACCES
            u.access("/f", R_OK);
            assertErrno(Errno.EACCES, () -> u.access("/f", W_OK));
        }

        @Test
        void userCannotEvenSeeAFileInANonSearchableDirectory() {
            // Linux tmpfs, uid 1000: access("priv/f", F_OK) -> EACCES
            assertErrno(Errno.EACCES, () -> u.access("/priv/f", F_OK));
        }

        @Test
        void writeAccessOnAReadOnlyMountFailsWithErofs() {
            mountReadOnlyRamfs();
            // Linux tmpfs remounted ro: access(f, W_OK) -> EROFS, R_OK -> 0
            assertErrno(Errno.EROFS, () -> p.access("/mnt/f", W_OK));
            p.access("/mnt/f", R_OK);
        }
    }

    @Nested
    class WorkingDirectory {
        @Test
        void initialWorkingDirectoryIsTheRoot() {
            assertThat(p.getcwd()).isEqualTo("/");
        }

        @Test
        void chdirChangesWhereRelativePathsStart() {
            p.chdir("/d");
            createFile("rel", "r");
            assertThat(p.getcwd()).isEqualTo("/d");
            assertThat(contents("/d/rel")).isEqualTo("r");
        }

        @Test
        void chdirAcceptsRelativePathsAndDotDot() {
            p.chdir("/d");
            p.chdir("sub");
            assertThat(p.getcwd()).isEqualTo("/d/sub");
            p.chdir("../..");
            assertThat(p.getcwd()).isEqualTo("/");
        }

        @Test
        void dotDotAtTheRootStaysAtTheRoot() {
            p.chdir("/..");
            assertThat(p.getcwd()).isEqualTo("/");
        }

        @Test
        void getcwdCrossesMountPoints() {
            mountSmallRamfs();
            p.mkdir("/small/in", 0755);
            p.chdir("/small/in");
            assertThat(p.getcwd()).isEqualTo("/small/in");
        }

        @Test
        void forkedProcessInheritsTheWorkingDirectory() {
            p.chdir("/d");
            Process child = p.fork(org.vfscope.vfs.Credentials.ROOT);
            assertThat(child.getcwd()).isEqualTo("/d");
        }

        @Test
        void chdirToARegularFileFailsWithEnotdir() {
            // Linux tmpfs: chdir(file) -> ENOTDIR
            assertErrno(Errno.ENOTDIR, () -> p.chdir("/f"));
        }

        @Test
        void chdirToAMissingDirectoryFailsWithEnoent() {
            assertErrno(Errno.ENOENT, () -> p.chdir("/nx"));
        }

        @Test
        void chdirIntoANonSearchableDirectoryFailsWithEacces() {
            // Linux tmpfs, uid 1000: chdir(root 0700 dir) -> EACCES; chdir(root 0766 dir) -> EACCES
            assertErrno(Errno.EACCES, () -> u.chdir("/priv"));
            assertErrno(Errno.EACCES, () -> u.chdir("/noexec"));
            assertThat(u.getcwd()).isEqualTo("/");
        }

        @Test
        void fchdirMovesToTheDirectoryOfTheDescriptor() {
            int fd = p.open("/d/sub", O_RDONLY | O_DIRECTORY);
            p.fchdir(fd);
            assertThat(p.getcwd()).isEqualTo("/d/sub");
        }

        @Test
        void fchdirAcceptsAnOPathDescriptor() {
            int fd = p.open("/d", O_PATH | O_DIRECTORY);
            // Linux tmpfs: fchdir(O_PATH dirfd) -> 0
            p.fchdir(fd);
            assertThat(p.getcwd()).isEqualTo("/d");
        }

        @Test
        void fchdirToARegularFileFailsWithEnotdir() {
            int fd = p.open("/f", O_RDONLY);
            // Linux tmpfs: fchdir(file fd) -> ENOTDIR
            assertErrno(Errno.ENOTDIR, () -> p.fchdir(fd));
        }

        @Test
        void fchdirOfAClosedDescriptorFailsWithEbadf() {
            assertErrno(Errno.EBADF, () -> p.fchdir(42));
        }

        @Test
        void fchdirIntoANonSearchableDirectoryFailsWithEacces() {
            int fd = u.open("/priv", O_PATH);
            // Linux tmpfs, uid 1000: fchdir(O_PATH of root 0700 dir) -> EACCES
            assertErrno(Errno.EACCES, () -> u.fchdir(fd));
        }

        @Test
        void getcwdAfterTheDirectoryIsRemovedFailsWithEnoent() {
            p.mkdir("/cw", 0755);
            p.chdir("/cw");
            p.rmdir("/cw");
            // Linux tmpfs: getcwd() in a removed directory -> ENOENT
            assertErrno(Errno.ENOENT, () -> p.getcwd());
        }
    }
}
