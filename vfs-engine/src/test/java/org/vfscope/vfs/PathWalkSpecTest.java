package org.vfscope.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.sys.ErrnoAssertions.assertErrno;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.sys.Process;
import org.vfscope.vfs.namei.PathWalk;

/**
 * Path resolution (fs/namei.c) as the system calls see it, on ramfs, checked against Linux 6.18
 * tmpfs. One deliberate difference: symlinks nest at most {@value PathWalk#MAX_NESTED_LINKS}
 * deep (CACHE-MODEL.md), where current kernels allow 40.
 */
class PathWalkSpecTest {
    private Kernel k;
    private Process p;

    @BeforeEach
    void boot() {
        k = Kernel.boot();
        p = Process.init(k);
        p.mkdir("/t", 0755);
        p.close(p.creat("/t/f", 0644));
    }

    private long ino(String path) {
        return p.stat(path).ino();
    }

    @Test
    void dotIsTheDirectoryItself() {
        assertThat(ino("/t/.")).isEqualTo(ino("/t"));
        assertThat(ino("/t/./././f")).isEqualTo(ino("/t/f"));
    }

    @Test
    void dotDotIsTheParent() {
        p.mkdir("/t/sub", 0755);
        assertThat(ino("/t/sub/..")).isEqualTo(ino("/t"));
        assertThat(ino("/t/sub/../f")).isEqualTo(ino("/t/f"));
    }

    @Test
    void dotDotNeverGoesAboveTheRoot() {
        // Linux 6.18: stat("/..") is "/"
        assertThat(ino("/..")).isEqualTo(ino("/"));
        assertThat(ino("/../../t/../..")).isEqualTo(ino("/"));
    }

    @Test
    void dotDotFromAMountRootCrossesToTheParentMount() {
        // Linux 6.18: stat("<tmpfs mount>/..") is the directory holding the mountpoint
        p.mkdir("/t/mnt", 0755);
        p.mount("none", "/t/mnt", "ramfs", null);
        assertThat(ino("/t/mnt/..")).isEqualTo(ino("/t"));
        assertThat(p.stat("/t/mnt/..").dev()).isEqualTo(p.stat("/t").dev());
    }

    @Test
    void relativeDotDotFromWorkingDirectoryAtMountRootCrossesMounts() {
        p.mkdir("/t/mnt", 0755);
        p.mount("none", "/t/mnt", "ramfs", null);
        p.chdir("/t/mnt");
        assertThat(ino("../f")).isEqualTo(ino("/t/f"));
        p.chdir("/");
    }

    @Test
    void walkCrossesIntoAMountAndHidesWhatIsBelowIt() {
        p.mkdir("/t/mnt", 0755);
        p.close(p.creat("/t/mnt/under", 0644));
        p.mount("none", "/t/mnt", "ramfs", null);
        assertErrno(Errno.ENOENT, () -> p.stat("/t/mnt/under"));
        p.close(p.creat("/t/mnt/over", 0644));
        assertThat(p.stat("/t/mnt/over").dev()).isNotEqualTo(p.stat("/t").dev());
        p.umount("/t/mnt");
        assertThat(p.stat("/t/mnt/under").isRegular()).isTrue();
        assertErrno(Errno.ENOENT, () -> p.stat("/t/mnt/over"));
    }

    @Test
    void repeatedSlashesCountAsOne() {
        // Linux 6.18 tmpfs: stat("//t///f") -> 0
        assertThat(ino("//t///f")).isEqualTo(ino("/t/f"));
    }

    @Test
    void trailingSlashOnDirectoryIsAccepted() {
        assertThat(ino("/t/")).isEqualTo(ino("/t"));
        assertThat(ino("/t//")).isEqualTo(ino("/t"));
    }

    @Test
    void trailingSlashOnFileFailsWithEnotdir() {
        // Linux 6.18 tmpfs: stat("t/f/") -> ENOTDIR
        assertErrno(Errno.ENOTDIR, () -> p.stat("/t/f/"));
    }

    @Test
    void fileAsIntermediateComponentFailsWithEnotdir() {
        assertErrno(Errno.ENOTDIR, () -> p.stat("/t/f/x"));
    }

    @Test
    void relativePathsStartAtTheWorkingDirectory() {
        p.chdir("/t");
        assertThat(ino("f")).isEqualTo(ino("/t/f"));
        assertThat(ino("./f")).isEqualTo(ino("/t/f"));
    }

    @Test
    void relativeSymlinkResolvesFromTheLinksDirectory() {
        // Linux 6.18 tmpfs: a/rel -> ../t/f resolves to t/f
        p.mkdir("/a", 0755);
        p.symlink("../t/f", "/a/rel");
        p.chdir("/t");
        assertThat(ino("/a/rel")).isEqualTo(ino("/t/f"));
    }

    @Test
    void absoluteSymlinkResolvesFromTheRoot() {
        p.mkdir("/a", 0755);
        p.symlink("/t/f", "/a/abs");
        p.chdir("/a");
        assertThat(ino("abs")).isEqualTo(ino("/t/f"));
    }

    @Test
    void dotDotInsideASymlinkBodyIsResolvedPhysically() {
        // Linux 6.18 tmpfs: a/dd -> b/.. resolves to a
        p.mkdir("/a", 0755);
        p.mkdir("/a/b", 0755);
        p.symlink("b/..", "/a/dd");
        assertThat(ino("/a/dd")).isEqualTo(ino("/a"));
    }

    @Test
    void symlinkToDirectoryInTheMiddleOfAPathIsFollowed() {
        p.symlink("t", "/tl");
        assertThat(ino("/tl/f")).isEqualTo(ino("/t/f"));
    }

    @Test
    void symlinkToRootIsFollowed() {
        p.symlink("/", "/toroot");
        assertThat(ino("/toroot")).isEqualTo(ino("/"));
        assertThat(ino("/toroot/t/f")).isEqualTo(ino("/t/f"));
    }

    @Test
    void fortySymlinksInAChainResolve() {
        // Linux 6.18 tmpfs: a chain of 40 links (c39 -> ... -> c0 -> t/f) -> 0
        chain(40);
        assertThat(ino("/c39")).isEqualTo(ino("/t/f"));
    }

    @Test
    void fortyOneSymlinksInAChainFailWithEloop() {
        // Linux 6.18 tmpfs: a chain of 41 links -> ELOOP (MAXSYMLINKS 40)
        chain(41);
        assertErrno(Errno.ELOOP, () -> p.stat("/c40"));
    }

    private void chain(int links) {
        p.symlink("t/f", "/c0");
        for (int i = 1; i < links; i++) {
            p.symlink("c" + (i - 1), "/c" + i);
        }
    }

    @Test
    void symlinkLoopFailsWithEloopButLstatSucceeds() {
        // Linux 6.18 tmpfs: la -> lb -> la: stat -> ELOOP, lstat -> 0
        p.symlink("la", "/lb");
        p.symlink("lb", "/la");
        assertErrno(Errno.ELOOP, () -> p.stat("/la"));
        assertThat(p.lstat("/la").isSymlink()).isTrue();
    }

    @Test
    void eightNestedSymlinksResolve() {
        // Linux 6.18 tmpfs: n7/f with n_k -> n_(k-1)/. and n0 -> t (8 nested) -> 0
        nested(8);
        assertThat(ino("/n7/f")).isEqualTo(ino("/t/f"));
    }

    @Test
    void nineNestedSymlinksFailWithEloop() {
        // Deliberate difference (CACHE-MODEL.md, MAX_NESTED_LINKS 8): Linux 6.18 tmpfs resolves
        // n8/f (9 nested) and fails only at 41 nested (n40/f -> ELOOP).
        nested(9);
        assertErrno(Errno.ELOOP, () -> p.stat("/n8/f"));
    }

    private void nested(int depth) {
        p.symlink("t", "/n0");
        for (int i = 1; i < depth; i++) {
            p.symlink("n" + (i - 1) + "/.", "/n" + i);
        }
    }

    @Test
    void symlinkCountSpansTheWholeCallNotEachLink() {
        // Linux 6.18 tmpfs: y20/c20/f (21 + 21 links) -> ELOOP, y19/c19/f (20 + 20) -> 0
        p.mkdir("/x", 0755);
        p.symlink("/t", "/x/c0");
        for (int i = 1; i < 21; i++) {
            p.symlink("c" + (i - 1), "/x/c" + i);
        }
        p.symlink("/x", "/y0");
        for (int i = 1; i < 21; i++) {
            p.symlink("y" + (i - 1), "/y" + i);
        }
        assertThat(ino("/y19/c19/f")).isEqualTo(ino("/t/f"));
        assertErrno(Errno.ELOOP, () -> p.stat("/y20/c20/f"));
    }

    @Test
    void nameOf255BytesIsAcceptedAnd256FailsWithEnametoolong() {
        // Linux 6.18 tmpfs: mkdir("x" * 255) -> 0; mkdir / stat("x" * 256) -> ENAMETOOLONG
        p.mkdir("/" + "x".repeat(255), 0755);
        assertErrno(Errno.ENAMETOOLONG, () -> p.mkdir("/" + "x".repeat(256), 0755));
        assertErrno(Errno.ENAMETOOLONG, () -> p.stat("/" + "x".repeat(256)));
    }

    @Test
    void nameLimitCountsUtf8Bytes() {
        // Linux 6.18 tmpfs: mkdir("é" * 128) (256 bytes) -> ENAMETOOLONG; "é" * 127 + "x" (255 bytes) -> 0
        p.mkdir("/" + "\u00e9".repeat(127) + "x", 0755);
        assertErrno(Errno.ENAMETOOLONG, () -> p.mkdir("/" + "\u00e9".repeat(128), 0755));
    }

    @Test
    void pathOf4095BytesResolvesAnd4096FailsWithEnametoolong() {
        // Linux 6.18 tmpfs: stat("./" * 2047 + "t") (4095 bytes) -> 0; + "/" (4096 bytes) -> ENAMETOOLONG
        String path = "./".repeat(2047) + "t";
        assertThat(path).hasSize(4095);
        assertThat(ino(path)).isEqualTo(ino("/t"));
        assertErrno(Errno.ENAMETOOLONG, () -> p.stat(path + "/"));
    }

    @Test
    void missingSearchPermissionOnADirectoryFailsWithEacces() {
        // Linux 6.18 tmpfs as uid 1000: stat("nosearch/f") with nosearch 0666 -> EACCES; stat("nosearch") -> 0
        p.mkdir("/nosearch", 0755);
        p.close(p.creat("/nosearch/f", 0644));
        p.chmod("/nosearch", 0666);
        Process u = p.fork(Credentials.of(1000, 1000));
        assertErrno(Errno.EACCES, () -> u.stat("/nosearch/f"));
        assertThat(u.stat("/nosearch").isDir()).isTrue();
    }

    @Test
    void searchWithoutReadPermissionIsEnoughToWalkThrough() {
        // Linux 6.18 tmpfs as uid 1000: stat("noread/f") with noread 0311 -> 0
        p.mkdir("/noread", 0755);
        p.close(p.creat("/noread/f", 0644));
        p.chmod("/noread", 0311);
        Process u = p.fork(Credentials.of(1000, 1000));
        assertThat(u.stat("/noread/f").isRegular()).isTrue();
    }

    @Test
    void rootSearchesDirectoriesWithoutAnyExecuteBit() {
        // Linux 6.18 tmpfs as root: stat("noexec/f") with noexec 0600 -> 0; chdir into a 0600 dir -> 0
        p.mkdir("/noexec", 0755);
        p.close(p.creat("/noexec/f", 0644));
        p.chmod("/noexec", 0600);
        assertThat(p.stat("/noexec/f").isRegular()).isTrue();
        p.chdir("/noexec");
    }

    @Test
    void rootCannotExecuteAFileWithNoExecuteBit() {
        // Linux 6.18 tmpfs as root: access("nox" 0644, X_OK) -> EACCES; access("ux" 0100, X_OK) -> 0
        p.close(p.creat("/nox", 0644));
        p.close(p.creat("/ux", 0644));
        p.chmod("/ux", 0100);
        assertErrno(Errno.EACCES, () -> p.access("/nox", Process.X_OK));
        p.access("/ux", Process.X_OK);
    }

    @Test
    void symlinkFollowedOnlyWhereTheCallAsks() {
        p.symlink("t/f", "/l");
        assertThat(p.lstat("/l").isSymlink()).isTrue();
        assertThat(p.stat("/l").isRegular()).isTrue();
    }
}
