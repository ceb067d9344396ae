package org.vfscope.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.sys.ErrnoAssertions.assertErrno;
import static org.vfscope.vfs.XattrFlags.XATTR_CREATE;
import static org.vfscope.vfs.XattrFlags.XATTR_REPLACE;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.vfs.Credentials;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.OpenFlags;

/**
 * The xattr calls on ramfs, checked against Linux 6.18 tmpfs (which keeps user., trusted. and
 * security. attributes) as root and as uid 1000 with no LSM loaded.
 */
class XattrSpecTest {
    private static final byte[] ONE = "1".getBytes(StandardCharsets.UTF_8);

    private final KernelClock.Manual clock = new KernelClock.Manual(Instant.parse("2024-01-01T00:00:00Z"));
    private Kernel k;
    private Process root;
    private Process user;

    @BeforeEach
    void boot() {
        k = Kernel.boot(clock);
        root = Process.init(k);
        user = root.fork(Credentials.of(1000, 1000));
        root.close(root.creat("/f", 0644));
        root.symlink("f", "/sl");
        root.mknod("/p", FileMode.S_IFIFO | 0644, 0);
        root.mkdir("/d", 0755);
    }

    @Test
    void setThenGetReturnsTheValue() {
        root.setxattr("/f", "user.a", ONE, 0);
        assertThat(root.getxattr("/f", "user.a")).isEqualTo(ONE);
    }

    @Test
    void emptyValueIsAllowed() {
        // Linux 6.18 tmpfs: setxattr("user.empty", b"") -> 0, getxattr -> b""
        root.setxattr("/f", "user.empty", new byte[0], 0);
        assertThat(root.getxattr("/f", "user.empty")).isEmpty();
    }

    @Test
    void xattrsSurviveEvictionOfTheInode() {
        root.setxattr("/f", "user.a", ONE, 0);
        k.sync();
        k.dropCaches(3);
        assertThat(root.getxattr("/f", "user.a")).isEqualTo(ONE);
    }

    @Test
    void createOfExistingAttributeFailsWithEexist() {
        // Linux 6.18 tmpfs: setxattr(existing, XATTR_CREATE) -> EEXIST
        root.setxattr("/f", "user.a", ONE, 0);
        assertErrno(Errno.EEXIST, () -> root.setxattr("/f", "user.a", ONE, XATTR_CREATE));
    }

    @Test
    void replaceOfMissingAttributeFailsWithEnodata() {
        // Linux 6.18 tmpfs: setxattr(missing, XATTR_REPLACE) -> ENODATA
        assertErrno(Errno.ENODATA, () -> root.setxattr("/f", "user.b", ONE, XATTR_REPLACE));
    }

    @Test
    void createAndReplaceTogetherFailLikeEachFlagAlone() {
        // Linux 6.18 tmpfs: flags 3 -> EEXIST if present, ENODATA if absent
        root.setxattr("/f", "user.a", ONE, 0);
        assertErrno(Errno.EEXIST, () -> root.setxattr("/f", "user.a", ONE, XATTR_CREATE | XATTR_REPLACE));
        assertErrno(Errno.ENODATA, () -> root.setxattr("/f", "user.b", ONE, XATTR_CREATE | XATTR_REPLACE));
    }

    @Test
    void unknownFlagFailsWithEinval() {
        // Linux 6.18 tmpfs: setxattr(.., flags 4) -> EINVAL
        assertErrno(Errno.EINVAL, () -> root.setxattr("/f", "user.a", ONE, 4));
    }

    @Test
    void getOfMissingAttributeFailsWithEnodata() {
        assertErrno(Errno.ENODATA, () -> root.getxattr("/f", "user.zz"));
    }

    @Test
    void removeOfMissingAttributeFailsWithEnodata() {
        assertErrno(Errno.ENODATA, () -> root.removexattr("/f", "user.zz"));
    }

    @Test
    void removeDeletesTheAttribute() {
        root.setxattr("/f", "user.a", ONE, 0);
        root.removexattr("/f", "user.a");
        assertErrno(Errno.ENODATA, () -> root.getxattr("/f", "user.a"));
        assertThat(root.listxattr("/f")).doesNotContain("user.a");
    }

    @Test
    void emptyNameFailsWithErange() {
        // Linux 6.18 tmpfs: setxattr("") and getxattr("") -> ERANGE
        assertErrno(Errno.ERANGE, () -> root.setxattr("/f", "", ONE, 0));
        assertErrno(Errno.ERANGE, () -> root.getxattr("/f", ""));
    }

    @Test
    void nameOf255BytesIsAllowedAnd256FailsWithErange() {
        // Linux 6.18 tmpfs: 255-byte name -> 0; 256-byte name -> ERANGE for set, get and remove
        root.setxattr("/f", "user." + "x".repeat(250), ONE, 0);
        String tooLong = "user." + "x".repeat(251);
        assertErrno(Errno.ERANGE, () -> root.setxattr("/f", tooLong, ONE, 0));
        assertErrno(Errno.ERANGE, () -> root.getxattr("/f", tooLong));
        assertErrno(Errno.ERANGE, () -> root.removexattr("/f", tooLong));
    }

    @Test
    void valueOver64KibFailsWithE2big() {
        // Linux 6.18 tmpfs: 65536-byte value -> 0, 65537 -> E2BIG
        root.setxattr("/f", "user.big", new byte[65536], 0);
        assertErrno(Errno.E2BIG, () -> root.setxattr("/f", "user.big2", new byte[65537], 0));
    }

    @Test
    void getIntoEmptyBufferReturnsTheSize() {
        // Linux 6.18 tmpfs: getxattr(.., NULL, 0) -> value size
        root.setxattr("/f", "user.a", "abc".getBytes(StandardCharsets.UTF_8), 0);
        assertThat(root.getxattr("/f", "user.a", new byte[0])).isEqualTo(3);
    }

    @Test
    void getIntoTooSmallBufferFailsWithErange() {
        // Linux 6.18 tmpfs: getxattr(65536-byte value, buf of 100) -> ERANGE; exact size -> ok
        root.setxattr("/f", "user.big", new byte[65536], 0);
        root.setxattr("/f", "user.a", ONE, 0);
        assertErrno(Errno.ERANGE, () -> root.getxattr("/f", "user.big", new byte[100]));
        assertThat(root.getxattr("/f", "user.a", new byte[1])).isEqualTo(1);
    }

    @Test
    void unknownPrefixFailsWithEopnotsupp() {
        // Linux 6.18 tmpfs: setxattr/getxattr("foo.bar"), setxattr("bar"), setxattr("system.foo") -> EOPNOTSUPP
        assertErrno(Errno.EOPNOTSUPP, () -> root.setxattr("/f", "foo.bar", ONE, 0));
        assertErrno(Errno.EOPNOTSUPP, () -> root.getxattr("/f", "foo.bar"));
        assertErrno(Errno.EOPNOTSUPP, () -> root.setxattr("/f", "bar", ONE, 0));
        assertErrno(Errno.EOPNOTSUPP, () -> root.setxattr("/f", "system.foo", ONE, 0));
    }

    @Test
    void barePrefixFailsWithEinval() {
        // Linux 6.18 tmpfs: setxattr("user.") and getxattr("user.") -> EINVAL
        assertErrno(Errno.EINVAL, () -> root.setxattr("/f", "user.", ONE, 0));
        assertErrno(Errno.EINVAL, () -> root.getxattr("/f", "user."));
    }

    @Test
    void rootMaySetTrustedAndSecurityAttributes() {
        // Linux 6.18 tmpfs as root: setxattr("trusted.t") -> 0, setxattr("security.s") -> 0
        root.setxattr("/f", "trusted.t", ONE, 0);
        root.setxattr("/f", "security.s", ONE, 0);
        root.setxattr("/f", "user.a", ONE, 0);
        assertThat(root.listxattr("/f")).containsExactlyInAnyOrder("trusted.t", "security.s", "user.a");
    }

    @Test
    void userAttributeOnSymlinkFailsWithEpermToSetAndEnodataToGet() {
        // Linux 6.18 tmpfs: lsetxattr(symlink, "user.x") -> EPERM, lgetxattr -> ENODATA, lremovexattr -> EPERM
        assertErrno(Errno.EPERM, () -> root.lsetxattr("/sl", "user.x", ONE, 0));
        assertErrno(Errno.ENODATA, () -> root.lgetxattr("/sl", "user.x"));
        assertErrno(Errno.EPERM, () -> root.lremovexattr("/sl", "user.x"));
    }

    @Test
    void trustedAttributeOnSymlinkIsAllowedForRoot() {
        // Linux 6.18 tmpfs as root: lsetxattr(symlink, "trusted.x") -> 0; llistxattr -> ["trusted.x"]
        root.lsetxattr("/sl", "trusted.x", ONE, 0);
        assertThat(root.llistxattr("/sl")).containsExactly("trusted.x");
    }

    @Test
    void setxattrThroughSymlinkFollowsIt() {
        // Linux 6.18 tmpfs: setxattr(symlink, "user.via") -> 0 on the target
        root.setxattr("/sl", "user.via", ONE, 0);
        assertThat(root.getxattr("/f", "user.via")).isEqualTo(ONE);
        assertThat(root.llistxattr("/sl")).isEmpty();
    }

    @Test
    void userAttributeOnFifoFailsWithEpermToSetAndEnodataToGet() {
        // Linux 6.18 tmpfs: setxattr(fifo, "user.x") -> EPERM, getxattr -> ENODATA
        assertErrno(Errno.EPERM, () -> root.setxattr("/p", "user.x", ONE, 0));
        assertErrno(Errno.ENODATA, () -> root.getxattr("/p", "user.x"));
    }

    @Test
    void userAttributeOnDirectoryIsAllowed() {
        root.setxattr("/d", "user.x", ONE, 0);
        assertThat(root.getxattr("/d", "user.x")).isEqualTo(ONE);
    }

    @Test
    void trustedAttributesAreHiddenFromNonRoot() {
        // Linux 6.18 tmpfs as uid 1000: setxattr("trusted.x") -> EPERM, getxattr -> ENODATA, listxattr omits them
        root.chmod("/f", 0666);
        root.setxattr("/f", "trusted.t", ONE, 0);
        root.setxattr("/f", "user.a", ONE, 0);
        assertErrno(Errno.EPERM, () -> user.setxattr("/f", "trusted.x", ONE, 0));
        assertErrno(Errno.ENODATA, () -> user.getxattr("/f", "trusted.t"));
        assertThat(user.listxattr("/f")).containsExactly("user.a");
    }

    @Test
    void securityAttributeSetByNonRootFailsWithEperm() {
        // Linux 6.18 tmpfs as uid 1000, no LSM: setxattr(writable file, "security.x") -> EPERM (cap_inode_setxattr)
        root.chmod("/f", 0666);
        assertErrno(Errno.EPERM, () -> user.setxattr("/f", "security.x", ONE, 0));
    }

    @Test
    void securityAttributeRemoveByNonRootFailsWithEperm() {
        // Linux 6.18 tmpfs as uid 1000, no LSM: removexattr(0666 file, "security.s") -> EPERM (cap_inode_removexattr)
        root.chmod("/f", 0666);
        root.setxattr("/f", "security.s", ONE, 0);
        assertErrno(Errno.EPERM, () -> user.removexattr("/f", "security.s"));
    }

    @Test
    void securityAttributeIsReadableByNonRootWithoutReadPermission() {
        // Linux 6.18 tmpfs as uid 1000: getxattr(root's 0644 file, "security.s") -> value
        root.chmod("/f", 0600);
        root.setxattr("/f", "security.s", ONE, 0);
        assertThat(user.getxattr("/f", "security.s")).isEqualTo(ONE);
    }

    @Test
    void userAttributeNeedsWritePermissionToSet() {
        // Linux 6.18 tmpfs as uid 1000: setxattr(root's 0644 file, "user.b") -> EACCES
        assertErrno(Errno.EACCES, () -> user.setxattr("/f", "user.b", ONE, 0));
    }

    @Test
    void userAttributeNeedsReadPermissionToGet() {
        // Linux 6.18 tmpfs as uid 1000: getxattr(root's 0600 file, "user.a") -> EACCES; 0644 -> value
        root.setxattr("/f", "user.a", ONE, 0);
        assertThat(user.getxattr("/f", "user.a")).isEqualTo(ONE);
        root.chmod("/f", 0600);
        assertErrno(Errno.EACCES, () -> user.getxattr("/f", "user.a"));
    }

    @Test
    void listxattrNeedsNoPermissionOnTheFile() {
        // Linux 6.18 tmpfs as uid 1000: listxattr(root's 0600 file) -> ["user.a"]
        root.setxattr("/f", "user.a", ONE, 0);
        root.chmod("/f", 0600);
        assertThat(user.listxattr("/f")).containsExactly("user.a");
    }

    @Test
    void userAttributeOnStickyDirectoryIsWritableOnlyByItsOwner() {
        // Linux 6.18 tmpfs as uid 1000: set/remove "user.*" on root's 01777 dir -> EPERM, get -> value
        root.chmod("/d", 01777);
        root.setxattr("/d", "user.a", ONE, 0);
        assertErrno(Errno.EPERM, () -> user.setxattr("/d", "user.b", ONE, 0));
        assertErrno(Errno.EPERM, () -> user.removexattr("/d", "user.a"));
        assertThat(user.getxattr("/d", "user.a")).isEqualTo(ONE);
    }

    @Test
    void fVariantsWorkOnAReadOnlyDescriptor() {
        // Linux 6.18 tmpfs as root: fsetxattr/fgetxattr/flistxattr/fremovexattr on an O_RDONLY fd -> 0
        int fd = root.open("/f", OpenFlags.O_RDONLY);
        root.fsetxattr(fd, "user.fd", ONE, 0);
        assertThat(root.fgetxattr(fd, "user.fd")).isEqualTo(ONE);
        assertThat(root.flistxattr(fd)).contains("user.fd");
        root.fremovexattr(fd, "user.fd");
        assertErrno(Errno.ENODATA, () -> root.fgetxattr(fd, "user.fd"));
        root.close(fd);
    }

    @Test
    void fsetxattrStillChecksWritePermissionOnTheInode() {
        // Linux 6.18 tmpfs as uid 1000: fsetxattr(O_RDONLY fd of root's 0644 file, "user.x") -> EACCES
        int fd = user.open("/f", OpenFlags.O_RDONLY);
        assertErrno(Errno.EACCES, () -> user.fsetxattr(fd, "user.x", ONE, 0));
        user.close(fd);
    }

    @Test
    void setxattrChangesCtime() {
        // Linux 6.18 tmpfs: setxattr changes st_ctime
        Instant before = root.stat("/f").ctime();
        clock.advanceMillis(1000);
        root.setxattr("/f", "user.c", ONE, 0);
        assertThat(root.stat("/f").ctime()).isAfter(before);
    }

    @Test
    void setxattrOnReadOnlyMountFailsWithErofs() {
        // Linux 6.18 tmpfs remounted ro: setxattr -> EROFS
        root.mkdir("/mnt", 0755);
        root.mount("none", "/mnt", "ramfs", null);
        root.close(root.creat("/mnt/f", 0644));
        root.remount("/mnt", "ro");
        assertErrno(Errno.EROFS, () -> root.setxattr("/mnt/f", "user.a", ONE, 0));
    }
}
