package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.vfs.OpenFlags.O_APPEND;
import static org.vfscope.vfs.OpenFlags.O_CREAT;
import static org.vfscope.vfs.OpenFlags.O_DIRECTORY;
import static org.vfscope.vfs.OpenFlags.O_EXCL;
import static org.vfscope.vfs.OpenFlags.O_NOATIME;
import static org.vfscope.vfs.OpenFlags.O_NOFOLLOW;
import static org.vfscope.vfs.OpenFlags.O_PATH;
import static org.vfscope.vfs.OpenFlags.O_RDONLY;
import static org.vfscope.vfs.OpenFlags.O_RDWR;
import static org.vfscope.vfs.OpenFlags.O_TRUNC;
import static org.vfscope.vfs.OpenFlags.O_WRONLY;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Stat;

/** open(2), openat(2), creat(2), close(2) and dup(2) on ramfs, against Linux 6.18 tmpfs. */
class OpenSpecTest extends SpecSupport {

    @BeforeEach
    void files() {
        createFile("/f", "hello");
        p.mkdir("/d", 0755);
        p.symlink("f", "/lf");
        p.symlink("d", "/ld");
        p.symlink("nothere", "/dangle");
    }

    @Nested
    class Create {
        @Test
        void openWithCreatCreatesRegularFileWithUmaskedMode() {
            p.close(p.open("/new", O_CREAT | O_WRONLY, 0666));
            Stat st = p.stat("/new");
            // Linux tmpfs, umask 022: open(O_CREAT, 0666) -> 0100644
            assertThat(st.mode()).isEqualTo(FileMode.S_IFREG | 0644);
            assertThat(st.size()).isZero();
            assertThat(st.nlink()).isEqualTo(1);
        }

        @Test
        void umaskAlsoMasksPermissionBitsButNotSetUid() {
            p.umask(027);
            p.close(p.open("/new", O_CREAT | O_WRONLY, 04777));
            // Linux tmpfs, umask 027: open(O_CREAT, 04777) -> 0104750
            assertThat(p.stat("/new").mode()).isEqualTo(FileMode.S_IFREG | 04750);
        }

        @Test
        void umaskReturnsThePreviousMask() {
            assertThat(p.umask(077)).isEqualTo(022);
            assertThat(p.umask(022)).isEqualTo(077);
        }

        @Test
        void newFileBelongsToTheCallersUidAndGid() {
            p.mkdir("/pub", 0755);
            p.chmod("/pub", 0777);
            u.close(u.open("/pub/mine", O_CREAT | O_WRONLY, 0600));
            Stat st = p.stat("/pub/mine");
            assertThat(st.uid()).isEqualTo(USER);
            assertThat(st.gid()).isEqualTo(USER);
        }

        @Test
        void openWithCreatOnExistingFileOpensItWithoutTruncating() {
            int fd = p.open("/f", O_CREAT | O_RDWR, 0600);
            assertThat(read(p, fd, 10)).isEqualTo("hello");
            assertThat(p.stat("/f").permissions()).isEqualTo(0644);
        }

        @Test
        void openWithCreatAndExclOnExistingFileFailsWithEexist() {
            // Linux tmpfs: open(existing, O_CREAT|O_EXCL) -> EEXIST
            assertErrno(Errno.EEXIST, () -> p.open("/f", O_CREAT | O_EXCL | O_WRONLY, 0644));
        }

        @Test
        void openWithCreatAndExclOnSymlinkFailsWithEexistWithoutFollowingIt() {
            // Linux tmpfs: open(symlink, O_CREAT|O_EXCL) -> EEXIST
            assertErrno(Errno.EEXIST, () -> p.open("/lf", O_CREAT | O_EXCL | O_WRONLY, 0644));
        }

        @Test
        void openWithCreatAndExclOnDanglingSymlinkFailsWithEexistAndCreatesNothing() {
            // Linux tmpfs: open(dangling symlink, O_CREAT|O_EXCL) -> EEXIST
            assertErrno(Errno.EEXIST, () -> p.open("/dangle", O_CREAT | O_EXCL | O_WRONLY, 0644));
            assertErrno(Errno.ENOENT, () -> p.stat("/nothere"));
        }

        @Test
        void openWithCreatThroughDanglingSymlinkCreatesTheTarget() {
            // Linux tmpfs: open(dangling symlink, O_CREAT) creates the file it points to
            int fd = p.open("/dangle", O_CREAT | O_WRONLY, 0644);
            p.write(fd, bytes("via link"));
            p.close(fd);
            assertThat(p.lstat("/nothere").isRegular()).isTrue();
            assertThat(contents("/nothere")).isEqualTo("via link");
            assertThat(p.lstat("/dangle").isSymlink()).isTrue();
        }

        @Test
        void openWithCreatThroughSymlinkIntoMissingDirectoryFailsWithEnoent() {
            p.symlink("nodir/x", "/dangle2");
            // Linux tmpfs: open(link to nodir/x, O_CREAT) -> ENOENT
            assertErrno(Errno.ENOENT, () -> p.open("/dangle2", O_CREAT | O_WRONLY, 0644));
        }

        @Test
        void openWithCreatInMissingDirectoryFailsWithEnoent() {
            // Linux tmpfs: open("nodir/x", O_CREAT) -> ENOENT
            assertErrno(Errno.ENOENT, () -> p.open("/nodir/x", O_CREAT | O_WRONLY, 0644));
        }

        @Test
        void openWithCreatOnExistingDirectoryFailsWithEisdir() {
            // Linux tmpfs: open(dir, O_CREAT|O_RDONLY) -> EISDIR
            assertErrno(Errno.EISDIR, () -> p.open("/d", O_CREAT | O_RDONLY, 0644));
        }

        @Test
        void openWithCreatAndTrailingSlashFailsWithEisdir() {
            // Linux tmpfs: open("zz/", O_CREAT) -> EISDIR; open("file/", O_CREAT) -> EISDIR
            assertErrno(Errno.EISDIR, () -> p.open("/zz/", O_CREAT | O_RDONLY, 0644));
            assertErrno(Errno.EISDIR, () -> p.open("/f/", O_CREAT | O_RDONLY, 0644));
        }

        @Test
        void openWithCreatAndDirectoryOfNewNameFailsWithEinval() {
            // Linux 6.4+ tmpfs: open(new, O_CREAT|O_DIRECTORY) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.open("/n1", O_CREAT | O_DIRECTORY | O_RDONLY, 0644));
            assertErrno(Errno.ENOENT, () -> p.stat("/n1"));
        }

        @Test
        void openWithCreatAndDirectoryOfExistingDirectoryFailsWithEinval() {
            // Linux 6.4+ tmpfs: open(dir, O_CREAT|O_DIRECTORY) -> EINVAL
            assertErrno(Errno.EINVAL, () -> p.open("/d", O_CREAT | O_DIRECTORY | O_RDONLY, 0644));
        }

        @Test
        void creatTruncatesAnExistingFile() {
            p.close(p.creat("/f", 0600));
            // Linux tmpfs: creat(existing) -> size 0, mode unchanged
            assertThat(p.stat("/f").size()).isZero();
            assertThat(p.stat("/f").permissions()).isEqualTo(0644);
        }

        @Test
        void creatOpensWriteOnly() {
            int fd = p.creat("/c", 0644);
            assertErrno(Errno.EBADF, () -> read(p, fd, 1));
        }

        @Test
        void creatingAFileUpdatesTheParentMtimeAndCtimeOnly() {
            Stat before = p.stat("/d");
            tick();
            p.close(p.open("/d/n", O_CREAT | O_WRONLY, 0644));
            Stat after = p.stat("/d");
            // Linux tmpfs: O_CREAT of a new name changes the directory's mtime and ctime, not atime
            assertThat(after.mtime()).isEqualTo(clock.now());
            assertThat(after.ctime()).isEqualTo(clock.now());
            assertThat(after.atime()).isEqualTo(before.atime());
        }

        @Test
        void newFileHasAllThreeTimesSetToNow() {
            tick();
            p.close(p.open("/n", O_CREAT | O_WRONLY, 0644));
            Stat st = p.stat("/n");
            assertThat(st.atime()).isEqualTo(clock.now());
            assertThat(st.mtime()).isEqualTo(clock.now());
            assertThat(st.ctime()).isEqualTo(clock.now());
        }

        @Test
        void openWithCreatOfExistingFileChangesNoTimes() {
            Stat dirBefore = p.stat("/");
            Stat before = p.stat("/f");
            tick();
            p.close(p.open("/f", O_CREAT | O_WRONLY, 0644));
            // Linux tmpfs: O_CREAT on an existing name changes neither the file nor its directory
            assertThat(p.stat("/f")).isEqualTo(before);
            assertThat(p.stat("/").mtime()).isEqualTo(dirBefore.mtime());
        }
    }

    @Nested
    class Flags {
        @Test
        void openWithTruncEmptiesAnExistingFile() {
            p.close(p.open("/f", O_WRONLY | O_TRUNC));
            assertThat(p.stat("/f").size()).isZero();
        }

        @Test
        void openReadOnlyWithTruncStillTruncates() {
            // Linux tmpfs: open(O_RDONLY|O_TRUNC) truncates (POSIX leaves it unspecified)
            p.close(p.open("/f", O_RDONLY | O_TRUNC));
            assertThat(p.stat("/f").size()).isZero();
        }

        @Test
        void openWithTruncChangesMtimeAndCtimeEvenOfAnEmptyFile() {
            createFile("/e", "");
            Stat before = p.stat("/e");
            tick();
            p.close(p.open("/e", O_WRONLY | O_TRUNC));
            Stat after = p.stat("/e");
            // Linux tmpfs: O_TRUNC of an empty file -> mtime and ctime change, atime not
            assertThat(after.mtime()).isEqualTo(clock.now());
            assertThat(after.ctime()).isEqualTo(clock.now());
            assertThat(after.atime()).isEqualTo(before.atime());
        }

        @Test
        void openWithExclButWithoutCreatIgnoresExcl() {
            // Linux tmpfs: open(existing, O_EXCL) without O_CREAT -> succeeds
            int fd = p.open("/f", O_EXCL | O_RDONLY);
            assertThat(read(p, fd, 5)).isEqualTo("hello");
        }

        @Test
        void openWithAppendStartsAtOffsetZeroButWritesAtTheEnd() {
            int fd = p.open("/f", O_WRONLY | O_APPEND);
            assertThat(p.lseek(fd, 0, org.vfscope.vfs.Seek.SEEK_CUR)).isZero();
            p.write(fd, bytes("!"));
            assertThat(contents("/f")).isEqualTo("hello!");
        }

        @Test
        void openWithDirectoryOnRegularFileFailsWithEnotdir() {
            // Linux tmpfs: open(file, O_DIRECTORY) -> ENOTDIR
            assertErrno(Errno.ENOTDIR, () -> p.open("/f", O_RDONLY | O_DIRECTORY));
        }

        @Test
        void openWithDirectoryFollowsASymlinkToADirectory() {
            int fd = p.open("/ld", O_RDONLY | O_DIRECTORY);
            assertThat(p.fstat(fd).isDir()).isTrue();
        }

        @Test
        void openWithDirectoryAndNofollowOnSymlinkFailsWithEnotdir() {
            // Linux tmpfs: open(link to dir, O_DIRECTORY|O_NOFOLLOW) -> ENOTDIR (not ELOOP)
            assertErrno(Errno.ENOTDIR, () -> p.open("/ld", O_RDONLY | O_DIRECTORY | O_NOFOLLOW));
        }

        @Test
        void openWithNofollowOnSymlinkFailsWithEloop() {
            // Linux tmpfs: open(symlink, O_NOFOLLOW) -> ELOOP
            assertErrno(Errno.ELOOP, () -> p.open("/lf", O_RDONLY | O_NOFOLLOW));
        }

        @Test
        void openWithNofollowStillFollowsSymlinksEarlierInThePath() {
            createFile("/d/inner", "in");
            // Linux tmpfs: open("ld/../f", O_NOFOLLOW) -> succeeds; only the last component counts
            int fd = p.open("/ld/inner", O_RDONLY | O_NOFOLLOW);
            assertThat(read(p, fd, 2)).isEqualTo("in");
        }

        @Test
        void openWithPathAndNofollowOpensTheSymlinkItself() {
            // Linux tmpfs: open(symlink, O_PATH|O_NOFOLLOW) -> fd; fstat gives S_IFLNK 0777
            int fd = p.open("/lf", O_PATH | O_NOFOLLOW);
            assertThat(p.fstat(fd).mode()).isEqualTo(FileMode.S_IFLNK | 0777);
        }

        @Test
        void openOfSymlinkLoopFailsWithEloop() {
            p.symlink("loopb", "/loopa");
            p.symlink("loopa", "/loopb");
            // Linux tmpfs: open(a -> b -> a) -> ELOOP
            assertErrno(Errno.ELOOP, () -> p.open("/loopa", O_RDONLY));
        }

        @Test
        void openDirectoryWriteOnlyFailsWithEisdir() {
            // Linux tmpfs: open(dir, O_WRONLY) -> EISDIR
            assertErrno(Errno.EISDIR, () -> p.open("/d", O_WRONLY));
        }

        @Test
        void openDirectoryReadWriteFailsWithEisdir() {
            // Linux tmpfs: open(dir, O_RDWR) -> EISDIR
            assertErrno(Errno.EISDIR, () -> p.open("/d", O_RDWR));
        }

        @Test
        void openDirectoryWithTruncFailsWithEisdir() {
            // Linux tmpfs: open(dir, O_RDONLY|O_TRUNC) -> EISDIR
            assertErrno(Errno.EISDIR, () -> p.open("/d", O_RDONLY | O_TRUNC));
        }

        @Test
        void openDirectoryReadOnlySucceeds() {
            int fd = p.open("/d", O_RDONLY);
            assertThat(p.fstat(fd).isDir()).isTrue();
        }

        @Test
        void openWithTrailingSlashOnRegularFileFailsWithEnotdir() {
            // Linux tmpfs: open("f/") -> ENOTDIR
            assertErrno(Errno.ENOTDIR, () -> p.open("/f/", O_RDONLY));
        }

        @Test
        void openThroughRegularFileAsDirectoryFailsWithEnotdir() {
            // Linux tmpfs: open("f/x") -> ENOTDIR
            assertErrno(Errno.ENOTDIR, () -> p.open("/f/x", O_RDONLY));
        }

        @Test
        void openOfMissingFileFailsWithEnoent() {
            assertErrno(Errno.ENOENT, () -> p.open("/missing", O_RDONLY));
        }

        @Test
        void openOfDanglingSymlinkWithoutCreatFailsWithEnoent() {
            assertErrno(Errno.ENOENT, () -> p.open("/dangle", O_RDONLY));
        }

        @Test
        void openOfEmptyPathFailsWithEnoent() {
            assertErrno(Errno.ENOENT, () -> p.open("", O_RDONLY));
        }

        @Test
        void openatResolvesRelativePathsFromTheDirectoryDescriptor() {
            createFile("/d/inner", "in");
            int dfd = p.open("/d", O_RDONLY | O_DIRECTORY);
            int fd = p.openat(dfd, "inner", O_RDONLY, 0);
            assertThat(read(p, fd, 2)).isEqualTo("in");
        }

        @Test
        void openatIgnoresTheDirectoryDescriptorForAbsolutePaths() {
            int dfd = p.open("/d", O_RDONLY | O_DIRECTORY);
            int fd = p.openat(dfd, "/f", O_RDONLY, 0);
            assertThat(read(p, fd, 5)).isEqualTo("hello");
        }

        @Test
        void openatWithAtFdcwdUsesTheWorkingDirectory() {
            createFile("/d/inner", "in");
            p.chdir("/d");
            int fd = p.openat(Process.AT_FDCWD, "inner", O_RDONLY, 0);
            assertThat(read(p, fd, 2)).isEqualTo("in");
        }

        @Test
        void openatWithClosedDirectoryDescriptorFailsWithEbadf() {
            assertErrno(Errno.EBADF, () -> p.openat(77, "inner", O_RDONLY, 0));
        }

        @Test
        void openatRelativeToAnOPathDirectoryDescriptorWorks() {
            createFile("/d/inner", "in");
            int dfd = p.open("/d", O_PATH | O_DIRECTORY);
            int fd = p.openat(dfd, "inner", O_RDONLY, 0);
            assertThat(read(p, fd, 2)).isEqualTo("in");
        }
    }

    @Nested
    class Permissions {
        @BeforeEach
        void tree() {
            createFile("/secret", "s");
            p.chmod("/secret", 0600);
            createFile("/pub", "p");
            p.mkdir("/priv", 0700);
            createFile("/priv/f", "x");
            p.chmod("/priv/f", 0666);
            p.mkdir("/rodir", 0755);
            p.mkdir("/noexec", 0766);
        }

        @Test
        void openForReadingOfRootOwned0600FileFailsWithEacces() {
            // Linux tmpfs, uid 1000: open(root 0600, O_RDONLY) -> EACCES
            assertErrno(Errno.EACCES, () -> u.open("/secret", O_RDONLY));
        }

        @Test
        void openForWritingOfRootOwned0644FileFailsWithEacces() {
            // Linux tmpfs, uid 1000: open(root 0644, O_WRONLY) -> EACCES
            assertErrno(Errno.EACCES, () -> u.open("/pub", O_WRONLY));
        }

        @Test
        void openForReadingOfRootOwned0644FileSucceeds() {
            int fd = u.open("/pub", O_RDONLY);
            assertThat(read(u, fd, 1)).isEqualTo("p");
        }

        @Test
        void openReadOnlyWithTruncNeedsWritePermission() {
            // Linux tmpfs, uid 1000: open(root 0644, O_RDONLY|O_TRUNC) -> EACCES
            assertErrno(Errno.EACCES, () -> u.open("/pub", O_RDONLY | O_TRUNC));
            assertThat(p.stat("/pub").size()).isEqualTo(1);
        }

        @Test
        void openThroughNonSearchableDirectoryFailsWithEacces() {
            // Linux tmpfs, uid 1000: open("priv/f") with priv root 0700 -> EACCES
            assertErrno(Errno.EACCES, () -> u.open("/priv/f", O_RDONLY));
        }

        @Test
        void openWithCreatInNonSearchableDirectoryFailsWithEacces() {
            // Linux tmpfs, uid 1000: open("priv/new", O_CREAT) -> EACCES
            assertErrno(Errno.EACCES, () -> u.open("/priv/new", O_CREAT | O_WRONLY, 0644));
        }

        @Test
        void openWithCreatInNonWritableDirectoryFailsWithEacces() {
            // Linux tmpfs, uid 1000: open("rodir/new", O_CREAT) with rodir root 0755 -> EACCES
            assertErrno(Errno.EACCES, () -> u.open("/rodir/new", O_CREAT | O_WRONLY, 0644));
        }

        @Test
        void openWithCreatInWritableButNonSearchableDirectoryFailsWithEacces() {
            // Linux tmpfs, uid 1000: open("noexec/x", O_CREAT) with noexec root 0766 -> EACCES
            assertErrno(Errno.EACCES, () -> u.open("/noexec/x", O_CREAT | O_WRONLY, 0644));
        }

        @Test
        void openOfMissingNameInSearchableDirectoryFailsWithEnoentNotEacces() {
            // Linux tmpfs, uid 1000: open("rodir/nx") -> ENOENT
            assertErrno(Errno.ENOENT, () -> u.open("/rodir/nx", O_RDONLY));
        }

        @Test
        void openWithCreatOfExistingUnreadableFileFailsWithEacces() {
            // Linux tmpfs, uid 1000: open(root 0600, O_CREAT|O_RDONLY) -> EACCES
            assertErrno(Errno.EACCES, () -> u.open("/secret", O_CREAT | O_RDONLY, 0644));
        }

        @Test
        void openWithPathNeedsNoPermissionOnTheFile() {
            // Linux tmpfs, uid 1000: open(root 0600, O_PATH) -> fd
            int fd = u.open("/secret", O_PATH);
            assertThat(u.fstat(fd).size()).isEqualTo(1);
        }

        @Test
        void openWithPathStillNeedsSearchPermissionOnTheDirectories() {
            // Linux tmpfs, uid 1000: open("priv/f", O_PATH) -> EACCES
            assertErrno(Errno.EACCES, () -> u.open("/priv/f", O_PATH));
        }

        @Test
        void openWithNoatimeOfAnotherUsersFileFailsWithEperm() {
            // Linux tmpfs, uid 1000: open(root 0644, O_RDONLY|O_NOATIME) -> EPERM
            assertErrno(Errno.EPERM, () -> u.open("/pub", O_RDONLY | O_NOATIME));
        }

        @Test
        void openForReadingOfDirectoryWithoutReadPermissionFailsWithEacces() {
            // Linux tmpfs, uid 1000: open(root 0700 dir, O_RDONLY) -> EACCES
            assertErrno(Errno.EACCES, () -> u.open("/priv", O_RDONLY));
        }

        @Test
        void rootBypassesPermissionBitsForReadAndWrite() {
            p.chmod("/secret", 0);
            int fd = p.open("/secret", O_RDWR);
            assertThat(read(p, fd, 1)).isEqualTo("s");
        }
    }

    @Nested
    class ReadOnlyMount {
        @BeforeEach
        void readOnly() {
            mountReadOnlyRamfs();
        }

        @Test
        void openWriteOnlyOnReadOnlyMountFailsWithErofs() {
            // Linux tmpfs remounted ro: open(f, O_WRONLY) -> EROFS
            assertErrno(Errno.EROFS, () -> p.open("/mnt/f", O_WRONLY));
        }

        @Test
        void openReadWriteOnReadOnlyMountFailsWithErofs() {
            // Linux tmpfs remounted ro: open(f, O_RDWR) -> EROFS
            assertErrno(Errno.EROFS, () -> p.open("/mnt/f", O_RDWR));
        }

        @Test
        void openReadOnlyOnReadOnlyMountSucceeds() {
            int fd = p.open("/mnt/f", O_RDONLY);
            assertThat(read(p, fd, 5)).isEqualTo("hello");
        }

        @Test
        void openWithCreatOfNewNameOnReadOnlyMountFailsWithErofs() {
            // Linux tmpfs remounted ro: open(new, O_CREAT) -> EROFS
            assertErrno(Errno.EROFS, () -> p.open("/mnt/new", O_CREAT | O_RDONLY, 0644));
        }

        @Test
        void openWithCreatOfExistingFileReadOnlyOnReadOnlyMountSucceeds() {
            // Linux tmpfs remounted ro: open(existing, O_CREAT|O_RDONLY) -> fd
            int fd = p.open("/mnt/f", O_CREAT | O_RDONLY, 0644);
            assertThat(read(p, fd, 5)).isEqualTo("hello");
        }

        @Test
        void openWithCreatAndExclOfExistingFileOnReadOnlyMountFailsWithEexist() {
            // Linux tmpfs remounted ro: open(existing, O_CREAT|O_EXCL) -> EEXIST (not EROFS)
            assertErrno(Errno.EEXIST, () -> p.open("/mnt/f", O_CREAT | O_EXCL | O_RDONLY, 0644));
        }

        @Test
        void openWithCreatInMissingDirectoryOnReadOnlyMountFailsWithEnoent() {
            // Linux tmpfs remounted ro: open("nodir/x", O_CREAT) -> ENOENT
            assertErrno(Errno.ENOENT, () -> p.open("/mnt/nodir/x", O_CREAT | O_RDONLY, 0644));
        }

        @Test
        void openWithCreatThroughDanglingSymlinkOnReadOnlyMountFailsWithErofs() {
            // Linux tmpfs remounted ro: open(dangling symlink, O_CREAT) -> EROFS
            assertErrno(Errno.EROFS, () -> p.open("/mnt/dangle", O_CREAT | O_WRONLY, 0644));
        }

        @Test
        void openWithTruncOnReadOnlyMountFailsWithErofs() {
            // Linux tmpfs remounted ro: open(f, O_RDONLY|O_TRUNC) -> EROFS
            assertErrno(Errno.EROFS, () -> p.open("/mnt/f", O_RDONLY | O_TRUNC));
            assertThat(p.stat("/mnt/f").size()).isEqualTo(5);
        }
    }

    @Nested
    class RemountReadOnly {
        @Test
        void remountReadOnlyWhileAFileIsOpenForWritingFailsWithEbusy() {
            p.mkdir("/mnt", 0755);
            p.mount("none", "/mnt", "ramfs", "");
            int fd = p.open("/mnt/f", O_CREAT | O_WRONLY, 0644);
            // Linux tmpfs: mount -o remount,ro with a file open for writing -> EBUSY
            assertErrno(Errno.EBUSY, () -> p.remount("/mnt", "ro"));
            p.close(fd);
            p.remount("/mnt", "ro");
            assertErrno(Errno.EROFS, () -> p.open("/mnt/f", O_WRONLY));
        }
    }

    @Nested
    class Descriptors {
        @Test
        void openReturnsTheLowestFreeDescriptor() {
            int a = p.open("/f", O_RDONLY);
            int b = p.open("/f", O_RDONLY);
            int c = p.open("/f", O_RDONLY);
            p.close(b);
            assertThat(p.open("/f", O_RDONLY)).isEqualTo(b);
            assertThat(List.of(a, b, c)).containsExactly(0, 1, 2);
        }

        @Test
        void openOfThe1025thDescriptorFailsWithEmfile() {
            List<Integer> fds = new ArrayList<>();
            for (int i = 0; i < 1024; i++) {
                fds.add(p.open("/f", O_RDONLY));
            }
            assertThat(fds.get(1023)).isEqualTo(1023);
            // Linux with RLIMIT_NOFILE 1024: the 1025th open -> EMFILE
            assertErrno(Errno.EMFILE, () -> p.open("/f", O_RDONLY));
            p.close(fds.get(500));
            assertThat(p.open("/f", O_RDONLY)).isEqualTo(500);
        }

        @Test
        void failedOpenWithEmfileCreatesNothingVisibleToTheCaller() {
            for (int i = 0; i < 1024; i++) {
                p.open("/f", O_RDONLY);
            }
            assertErrno(Errno.EMFILE, () -> p.open("/f", O_RDONLY));
            assertThat(p.openFileCount()).isEqualTo(1024);
        }

        @Test
        void dupBeyond1024DescriptorsFailsWithEmfile() {
            int fd = p.open("/f", O_RDONLY);
            for (int i = 1; i < 1024; i++) {
                p.dup(fd);
            }
            // Linux with RLIMIT_NOFILE 1024: dup with every slot taken -> EMFILE
            assertErrno(Errno.EMFILE, () -> p.dup(fd));
        }

        @Test
        void closeOfClosedDescriptorFailsWithEbadf() {
            int fd = p.open("/f", O_RDONLY);
            p.close(fd);
            // Linux: close(fd) twice -> EBADF
            assertErrno(Errno.EBADF, () -> p.close(fd));
        }

        @Test
        void closeOfNegativeOrUnusedDescriptorFailsWithEbadf() {
            assertErrno(Errno.EBADF, () -> p.close(-1));
            assertErrno(Errno.EBADF, () -> p.close(999));
        }

        @Test
        void dupSharesTheFileOffset() {
            int fd = p.open("/f", O_RDONLY);
            int copy = p.dup(fd);
            assertThat(read(p, fd, 2)).isEqualTo("he");
            assertThat(read(p, copy, 2)).isEqualTo("ll");
            assertThat(p.lseek(fd, 0, org.vfscope.vfs.Seek.SEEK_CUR)).isEqualTo(4);
        }

        @Test
        void dupReturnsTheLowestFreeDescriptor() {
            int a = p.open("/f", O_RDONLY);
            int b = p.open("/f", O_RDONLY);
            p.close(a);
            assertThat(p.dup(b)).isEqualTo(a);
        }

        @Test
        void dupOfClosedDescriptorFailsWithEbadf() {
            // Linux: dup(closed fd) -> EBADF
            assertErrno(Errno.EBADF, () -> p.dup(5));
        }

        @Test
        void dupKeepsTheFileOpenAfterTheOriginalIsClosed() {
            int fd = p.open("/f", O_RDONLY);
            int copy = p.dup(fd);
            p.close(fd);
            assertThat(read(p, copy, 5)).isEqualTo("hello");
        }

        @Test
        void dupOfOPathDescriptorIsAllowed() {
            // Linux: dup(O_PATH fd) -> new fd
            int fd = p.open("/f", O_PATH);
            int copy = p.dup(fd);
            assertThat(p.fstat(copy).size()).isEqualTo(5);
        }

        @Test
        void unlinkedFileStaysReadableThroughAnOpenDescriptor() {
            int fd = p.open("/f", O_RDONLY);
            p.unlink("/f");
            assertThat(p.fstat(fd).nlink()).isZero();
            assertThat(read(p, fd, 5)).isEqualTo("hello");
        }
    }
}
