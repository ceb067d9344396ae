package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.sys.ErrnoAssertions.assertErrno;
import static org.vfscope.vfs.RenameFlags.RENAME_EXCHANGE;
import static org.vfscope.vfs.RenameFlags.RENAME_NOREPLACE;
import static org.vfscope.vfs.RenameFlags.RENAME_WHITEOUT;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.OpenFlags;

/** rename(2) and renameat2(2) on ramfs, checked against Linux 6.18 tmpfs (and ramfs for flags). */
class RenameSpecTest {
    private final KernelClock.Manual clock = new KernelClock.Manual(Instant.parse("2024-01-01T00:00:00Z"));
    private Kernel k;
    private Process p;

    @BeforeEach
    void boot() {
        k = Kernel.boot(clock);
        p = Process.init(k);
        p.mkdir("/r", 0755);
        p.mkdir("/r/a", 0755);
        p.mkdir("/r/a/b", 0755);
        p.mkdir("/r/full", 0755);
        p.close(p.creat("/r/full/x", 0644));
        p.mkdir("/r/empty", 0755);
        p.close(p.creat("/r/file", 0644));
        p.close(p.creat("/r/file2", 0644));
    }

    @Test
    void renameMovesTheInodeToTheNewName() {
        long ino = p.stat("/r/file").ino();
        p.rename("/r/file", "/r/moved");
        assertThat(p.stat("/r/moved").ino()).isEqualTo(ino);
        assertErrno(Errno.ENOENT, () -> p.stat("/r/file"));
    }

    @Test
    void renameOntoAnExistingFileReplacesItAndDropsItsLink() {
        long ino = p.stat("/r/file").ino();
        int victim = p.open("/r/file2", OpenFlags.O_RDONLY);
        p.rename("/r/file", "/r/file2");
        assertThat(p.stat("/r/file2").ino()).isEqualTo(ino);
        assertThat(p.fstat(victim).nlink()).isZero();
        p.close(victim);
    }

    @Test
    void renameOfDirectoryOntoEmptyDirectoryReplacesIt() {
        int before = p.stat("/r").nlink();
        p.rename("/r/a", "/r/empty");
        assertThat(p.stat("/r/empty/b").isDir()).isTrue();
        assertErrno(Errno.ENOENT, () -> p.stat("/r/a"));
        assertThat(p.stat("/r").nlink()).isEqualTo(before - 1);
    }

    @Test
    void renameOfDirectoryToNewParentMovesItsDotDotAndLinkCounts() {
        int oldParent = p.stat("/r/a").nlink();
        int newParent = p.stat("/r/empty").nlink();
        p.rename("/r/a/b", "/r/empty/b");
        assertThat(p.stat("/r/empty/b/..").ino()).isEqualTo(p.stat("/r/empty").ino());
        assertThat(p.stat("/r/a").nlink()).isEqualTo(oldParent - 1);
        assertThat(p.stat("/r/empty").nlink()).isEqualTo(newParent + 1);
    }

    @Test
    void renameChangesCtimeOfTheMovedInode() {
        Instant before = p.stat("/r/file").ctime();
        clock.advanceMillis(1000);
        p.rename("/r/file", "/r/moved");
        assertThat(p.stat("/r/moved").ctime()).isAfter(before);
    }

    @Test
    void renameOfDirectoryOntoNonEmptyDirectoryFailsWithEnotempty() {
        // Linux 6.18 tmpfs: rename("r/a", "r/full") -> ENOTEMPTY
        assertErrno(Errno.ENOTEMPTY, () -> p.rename("/r/a", "/r/full"));
    }

    @Test
    void renameOfDirectoryIntoItsOwnSubtreeFailsWithEinval() {
        // Linux 6.18 tmpfs: rename("r/a", "r/a/b/c") -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.rename("/r/a", "/r/a/b/c"));
    }

    @Test
    void renameOfDirectoryOntoItsOwnChildFailsWithEinval() {
        // Linux 6.18 tmpfs: rename("r/a", "r/a/b") -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.rename("/r/a", "/r/a/b"));
    }

    @Test
    void renameOfDirectoryOntoItsAncestorFailsWithEnotempty() {
        // Linux 6.18 tmpfs: rename("r/a/b", "r/a") -> ENOTEMPTY; rename("r/a/b", "r") -> ENOTEMPTY
        assertErrno(Errno.ENOTEMPTY, () -> p.rename("/r/a/b", "/r/a"));
        assertErrno(Errno.ENOTEMPTY, () -> p.rename("/r/a/b", "/r"));
    }

    @Test
    void renameOfDirectoryOntoFileFailsWithEnotdir() {
        // Linux 6.18 tmpfs: rename(dir, file) -> ENOTDIR
        assertErrno(Errno.ENOTDIR, () -> p.rename("/r/a", "/r/file"));
    }

    @Test
    void renameOfFileOntoDirectoryFailsWithEisdir() {
        // Linux 6.18 tmpfs: rename(file, dir) -> EISDIR
        assertErrno(Errno.EISDIR, () -> p.rename("/r/file", "/r/empty"));
    }

    @Test
    void renameFromDotOrDotDotFailsWithEbusy() {
        // Linux 6.18 tmpfs: rename("r/a/.", "r/x") and rename("r/a/..", "r/x") -> EBUSY
        assertErrno(Errno.EBUSY, () -> p.rename("/r/a/.", "/r/x"));
        assertErrno(Errno.EBUSY, () -> p.rename("/r/a/..", "/r/x"));
    }

    @Test
    void renameOntoDotOrDotDotFailsWithEbusy() {
        // Linux 6.18 tmpfs: rename("r/file", "r/a/.") and rename("r/file", "r/a/..") -> EBUSY
        assertErrno(Errno.EBUSY, () -> p.rename("/r/file", "/r/a/."));
        assertErrno(Errno.EBUSY, () -> p.rename("/r/file", "/r/a/.."));
    }

    @Test
    void renameNoreplaceOntoDotOrDotDotFailsWithEexist() {
        // Linux 6.18 tmpfs: renameat2("r/file", "r/a/.", RENAME_NOREPLACE) -> EEXIST (".." too)
        assertErrno(Errno.EEXIST, () -> p.rename("/r/file", "/r/a/.", RENAME_NOREPLACE));
        assertErrno(Errno.EEXIST, () -> p.rename("/r/file", "/r/a/..", RENAME_NOREPLACE));
    }

    @Test
    void renameOfMissingSourceFailsWithEnoent() {
        assertErrno(Errno.ENOENT, () -> p.rename("/r/zz", "/r/yy"));
    }

    @Test
    void renameOfFileWithTrailingSlashFailsWithEnotdir() {
        // Linux 6.18 tmpfs: rename("r/file/", "r/q") and rename("r/file", "r/q/") -> ENOTDIR
        assertErrno(Errno.ENOTDIR, () -> p.rename("/r/file/", "/r/q"));
        assertErrno(Errno.ENOTDIR, () -> p.rename("/r/file", "/r/q/"));
        assertErrno(Errno.ENOTDIR, () -> p.rename("/r/file", "/r/file2/"));
    }

    @Test
    void renameOfDirectoryWithTrailingSlashesSucceeds() {
        // Linux 6.18 tmpfs: rename("r/empty/", "r/q/") -> 0
        p.rename("/r/empty/", "/r/q/");
        assertThat(p.stat("/r/q").isDir()).isTrue();
    }

    @Test
    void renameOfDirectoryOntoItselfIsANoOp() {
        // Linux 6.18 tmpfs: rename("r/a", "r/a") -> 0
        p.rename("/r/a", "/r/a");
        assertThat(p.stat("/r/a/b").isDir()).isTrue();
    }

    @Test
    void renameBetweenHardLinksToTheSameInodeIsANoOp() {
        // Linux 6.18 tmpfs: rename("file2", "hl") with hl a link of file2 -> 0, both names remain, nlink 2
        p.link("/r/file2", "/r/hl");
        p.rename("/r/file2", "/r/hl");
        assertThat(p.stat("/r/file2").nlink()).isEqualTo(2);
        assertThat(p.stat("/r/hl").ino()).isEqualTo(p.stat("/r/file2").ino());
    }

    @Test
    void renameNoreplaceOntoHardLinkOfTheSameInodeFailsWithEexist() {
        // Linux 6.18 tmpfs: renameat2("file2", "hl", RENAME_NOREPLACE) -> EEXIST
        p.link("/r/file2", "/r/hl");
        assertErrno(Errno.EEXIST, () -> p.rename("/r/file2", "/r/hl", RENAME_NOREPLACE));
    }

    @Test
    void renameAcrossMountsFailsWithExdev() {
        // Linux 6.18: rename from tmpfs to another filesystem -> EXDEV
        p.mkdir("/mnt", 0755);
        p.mount("none", "/mnt", "ramfs", null);
        assertErrno(Errno.EXDEV, () -> p.rename("/r/file", "/mnt/file"));
    }

    @Test
    void renameOfMountpointFailsWithEbusy() {
        // Linux 6.18: rename of a tmpfs mountpoint -> EBUSY
        p.mount("none", "/r/empty", "ramfs", null);
        assertErrno(Errno.EBUSY, () -> p.rename("/r/empty", "/r/moved"));
    }

    @Test
    void renameOfDirectoryOntoMountpointFailsWithEbusy() {
        // Linux 6.18 tmpfs: rename("other", mountpoint) -> EBUSY; a file onto it -> EISDIR
        p.mkdir("/r/other", 0755);
        p.mount("none", "/r/empty", "ramfs", null);
        assertErrno(Errno.EBUSY, () -> p.rename("/r/other", "/r/empty"));
        assertErrno(Errno.EISDIR, () -> p.rename("/r/file", "/r/empty"));
    }

    @Test
    void renameExchangeWithMountpointFailsWithEbusy() {
        // Linux 6.18 tmpfs: renameat2("other", mountpoint, RENAME_EXCHANGE) -> EBUSY
        p.mkdir("/r/other", 0755);
        p.mount("none", "/r/empty", "ramfs", null);
        assertErrno(Errno.EBUSY, () -> p.rename("/r/other", "/r/empty", RENAME_EXCHANGE));
    }

    @Test
    void renameNoreplaceOntoExistingNameFailsWithEexist() {
        // Linux 6.18 tmpfs: renameat2(file, file2, RENAME_NOREPLACE) -> EEXIST
        assertErrno(Errno.EEXIST, () -> p.rename("/r/file", "/r/file2", RENAME_NOREPLACE));
        assertThat(p.stat("/r/file").ino()).isNotEqualTo(p.stat("/r/file2").ino());
    }

    @Test
    void renameNoreplaceOntoFreeNameMoves() {
        p.rename("/r/file", "/r/file3", RENAME_NOREPLACE);
        assertThat(p.stat("/r/file3").isRegular()).isTrue();
    }

    @Test
    void renameExchangeSwapsTwoNames() {
        long file = p.stat("/r/file").ino();
        long dir = p.stat("/r/empty").ino();
        p.rename("/r/file", "/r/empty", RENAME_EXCHANGE);
        assertThat(p.stat("/r/file").ino()).isEqualTo(dir);
        assertThat(p.stat("/r/empty").ino()).isEqualTo(file);
        assertThat(p.stat("/r/file").isDir()).isTrue();
    }

    @Test
    void renameExchangeOfFileAndDirectoryAcrossParentsMovesTheDirectoryLink() {
        int r = p.stat("/r").nlink();
        int full = p.stat("/r/full").nlink();
        p.rename("/r/empty", "/r/full/x", RENAME_EXCHANGE);
        assertThat(p.stat("/r").nlink()).isEqualTo(r - 1);
        assertThat(p.stat("/r/full").nlink()).isEqualTo(full + 1);
        assertThat(p.stat("/r/full/x/..").ino()).isEqualTo(p.stat("/r/full").ino());
    }

    @Test
    void renameExchangeWithMissingTargetFailsWithEnoent() {
        // Linux 6.18 tmpfs: renameat2(file, zz, RENAME_EXCHANGE) -> ENOENT
        assertErrno(Errno.ENOENT, () -> p.rename("/r/file", "/r/zz", RENAME_EXCHANGE));
    }

    @Test
    void renameExchangeBetweenHardLinksToTheSameInodeIsANoOp() {
        // Linux 6.18 tmpfs: renameat2("file2", "hl", RENAME_EXCHANGE) -> 0
        p.link("/r/file2", "/r/hl");
        p.rename("/r/file2", "/r/hl", RENAME_EXCHANGE);
        assertThat(p.stat("/r/hl").nlink()).isEqualTo(2);
    }

    @Test
    void renameExchangeOfDirectoryWithItsDescendantFailsWithEinval() {
        // Linux 6.18 tmpfs: renameat2("r/a", "r/a/b", EXCHANGE) and ("r/a/b", "r/a", EXCHANGE) -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.rename("/r/a", "/r/a/b", RENAME_EXCHANGE));
        assertErrno(Errno.EINVAL, () -> p.rename("/r/a/b", "/r/a", RENAME_EXCHANGE));
    }

    @Test
    void renameExchangeWithTrailingSlashOnAFileFailsWithEnotdir() {
        // Linux 6.18 tmpfs: renameat2("file", "file2/", EXCHANGE) and ("empty", "file2/", EXCHANGE) -> ENOTDIR
        assertErrno(Errno.ENOTDIR, () -> p.rename("/r/file", "/r/file2/", RENAME_EXCHANGE));
        assertErrno(Errno.ENOTDIR, () -> p.rename("/r/empty", "/r/file2/", RENAME_EXCHANGE));
    }

    @Test
    void renameExchangeCombinedWithNoreplaceFailsWithEinval() {
        // Linux 6.18 tmpfs: renameat2(.., RENAME_EXCHANGE|RENAME_NOREPLACE) -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.rename("/r/file", "/r/file2", RENAME_EXCHANGE | RENAME_NOREPLACE));
    }

    @Test
    void renameWithUnknownFlagFailsWithEinval() {
        // Linux 6.18 tmpfs: renameat2(.., 8) -> EINVAL
        assertErrno(Errno.EINVAL, () -> p.rename("/r/file", "/r/file2", 8));
    }

    @Test
    void renameWhiteoutOnRamfsFailsWithEinval() {
        // Linux 6.18 ramfs: renameat2(.., RENAME_WHITEOUT) -> EINVAL (tmpfs supports whiteouts; ramfs does not)
        assertErrno(Errno.EINVAL, () -> p.rename("/r/file", "/r/file9", RENAME_WHITEOUT));
    }
}
