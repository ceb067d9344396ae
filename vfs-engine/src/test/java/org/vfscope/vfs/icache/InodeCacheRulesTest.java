package org.vfscope.vfs.icache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.sys.Process;
import org.vfscope.vfs.CacheInvariants;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.Stat;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.dcache.Dentry;

/** The inode-cache rules of CACHE-MODEL.md (fs/inode.c, fs/super.c), one behaviour per test. */
class InodeCacheRulesTest {
    private Kernel k;
    private Process p;
    private SuperBlock sb;
    private Dentry root;
    private InodeCache icache;

    @BeforeEach
    void boot() {
        k = Kernel.boot();
        p = Process.init(k);
        sb = k.namespace().root().sb();
        root = sb.root();
        icache = k.icache();
    }

    @AfterEach
    void countersStayExact() {
        CacheInvariants.assertDentryCountersExact(k);
        assertThat(icache.stats().nrUnused()).as("inode nr_unused").isEqualTo(icache.lruSnapshot(sb).size());
        assertThat(icache.stats().nrInodes()).as("nr_inodes").isEqualTo(sb.inodes().size());
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void write(String path, byte[] data) {
        int fd = p.open(path, OpenFlags.O_CREAT | OpenFlags.O_WRONLY | OpenFlags.O_TRUNC, 0644);
        try {
            p.write(fd, data);
        } finally {
            p.close(fd);
        }
    }

    private byte[] read(String path) {
        int fd = p.open(path, OpenFlags.O_RDONLY);
        try {
            ByteBuffer buf = ByteBuffer.allocate((int) p.fstat(fd).size() + 1);
            while (p.read(fd, buf) > 0) {
                // until EOF
            }
            return Arrays.copyOf(buf.array(), buf.position());
        } finally {
            p.close(fd);
        }
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private Inode inodeOf(String name) {
        return root.children().stream().filter(d -> d.name().equals(name) && d.isPositive()).findFirst()
                .orElseThrow().inode();
    }

    /** Kills every unused dentry, so the inodes they pinned get their last iput. */
    private void dropDentries() {
        k.dcache().shrinkSb(sb);
    }

    /** An unused, clean inode with no pages: on the inode LRU. */
    private Inode inodeOnLru(String name) {
        write("/" + name, new byte[0]);
        Inode inode = inodeOf(name);
        k.sync();
        dropDentries();
        assertThat(inode.count()).isZero();
        assertThat(icache.isOnLru(inode)).isTrue();
        return inode;
    }

    // ---- joining the LRU --------------------------------------------------------------------

    @Test
    void inodeWithCachedPagesStaysOffTheLru() {
        write("/f", bytes(10_000, 1));
        k.sync();
        Inode inode = inodeOf("f");
        assertThat(inode.mapping().nrpages()).isEqualTo(3);

        dropDentries();

        assertThat(inode.count()).isZero();
        assertThat(inode.hasAnyState(InodeState.DIRTY_ALL)).isFalse();
        assertThat(icache.isOnLru(inode)).isFalse();
        assertThat(inode.isHashed()).as("still cached").isTrue();
    }

    @Test
    void inodeJoinsTheLruWhenItsLastPageLeaves() {
        write("/f", bytes(10_000, 1));
        k.sync();
        Inode inode = inodeOf("f");
        dropDentries();
        assertThat(icache.isOnLru(inode)).isFalse();

        k.dropCaches(1);

        assertThat(inode.mapping().nrpages()).isZero();
        assertThat(icache.isOnLru(inode)).isTrue();
        assertThat(icache.lruSnapshot(sb)).last().isSameAs(inode);
    }

    @Test
    void dirtyInodeStaysOffTheLruUntilWritten() {
        write("/f", new byte[0]);
        k.sync();
        p.chmod("/f", 0600);
        Inode inode = inodeOf("f");
        assertThat(inode.hasState(InodeState.I_DIRTY_SYNC)).isTrue();

        dropDentries();

        assertThat(inode.count()).isZero();
        assertThat(icache.isOnLru(inode)).isFalse();

        k.sync();

        assertThat(inode.hasAnyState(InodeState.DIRTY_ALL)).isFalse();
        assertThat(icache.isOnLru(inode)).isTrue();
    }

    @Test
    void inodeWithDirtyPagesStaysOffTheLruUntilWritten() {
        write("/f", bytes(5000, 2));
        Inode inode = inodeOf("f");
        dropDentries();
        k.dropCaches(1);
        assertThat(inode.mapping().nrpages()).as("dirty pages are not dropped").isEqualTo(2);
        assertThat(icache.isOnLru(inode)).isFalse();

        k.sync();
        assertThat(icache.isOnLru(inode)).as("clean now, but pages are still cached").isFalse();
        k.dropCaches(1);

        assertThat(icache.isOnLru(inode)).isTrue();
    }

    @Test
    void iputOfAnInodeAlreadyOnTheLruSetsReferenced() {
        Inode inode = inodeOnLru("f");
        assertThat(inode.hasState(InodeState.I_REFERENCED)).isFalse();

        p.stat("/f");
        assertThat(inode.count()).as("a new dentry holds it").isEqualTo(1);
        assertThat(icache.isOnLru(inode)).as("lazy removal").isTrue();
        dropDentries();

        assertThat(inode.count()).isZero();
        assertThat(inode.hasState(InodeState.I_REFERENCED)).isTrue();
    }

    @Test
    void inodeShrinkerRotatesAReferencedInodeOnce() {
        Inode f = inodeOnLru("f");
        Inode g = inodeOnLru("g");
        p.stat("/f");
        dropDentries();
        assertThat(f.hasState(InodeState.I_REFERENCED)).isTrue();
        assertThat(icache.lruSnapshot(sb)).containsExactly(f, g);

        long freed = icache.prune(sb, 1);

        assertThat(freed).isZero();
        assertThat(f.hasState(InodeState.I_REFERENCED)).isFalse();
        assertThat(icache.lruSnapshot(sb)).containsExactly(g, f);

        freed = icache.prune(sb, 2);

        assertThat(freed).isEqualTo(2);
        assertThat(f.hasState(InodeState.I_CLEAR)).isTrue();
    }

    @Test
    void inodeShrinkerTakesBusyInodesOffTheLru() {
        Inode inode = inodeOnLru("f");
        int fd = p.open("/f", OpenFlags.O_RDONLY);
        try {
            icache.prune(sb, 1);
            assertThat(icache.isOnLru(inode)).isFalse();
            assertThat(inode.hasState(InodeState.I_FREEING)).isFalse();
        } finally {
            p.close(fd);
        }
    }

    @Test
    void inodeShrinkerStealsThePagesOfAnLruInode() {
        Inode inode = inodeOnLru("f");
        write("/f", bytes(9000, 3));
        k.sync();
        read("/f");
        k.sync(); // the read updated atime
        dropDentries();
        assertThat(icache.isOnLru(inode)).as("was on the LRU before the pages came").isTrue();
        assertThat(inode.mapping().nrpages()).isEqualTo(3);

        long freed = icache.prune(sb, 1);

        assertThat(freed).isZero();
        assertThat(inode.mapping().nrpages()).as("inode steal").isZero();
        assertThat(inode.hasState(InodeState.I_FREEING)).isFalse();
        assertThat(icache.isOnLru(inode)).isTrue();
    }

    @Test
    void inodeShrinkerRetriesAnInodeAfterStealingItsPages() {
        Inode inode = inodeOnLru("f");
        write("/f", bytes(9000, 3));
        k.sync();
        dropDentries();
        assertThat(inode.mapping().nrpages()).isPositive();

        long freed = icache.prune(sb, 2);

        assertThat(freed).as("LRU_RETRY: the same inode is isolated again").isEqualTo(1);
        assertThat(inode.hasState(InodeState.I_CLEAR)).isTrue();
    }

    @Test
    void inodeShrinkerEvictsCleanUnusedInodes() {
        Inode inode = inodeOnLru("f");
        long ino = inode.ino();
        long nr = icache.stats().nrInodes();

        long freed = icache.prune(sb, 1);

        assertThat(freed).isEqualTo(1);
        assertThat(inode.state()).contains(InodeState.I_FREEING, InodeState.I_CLEAR);
        assertThat(inode.isHashed()).isFalse();
        assertThat(icache.find(sb, ino)).as("removed from the hash").isNull();
        assertThat(sb.inodes()).doesNotContain(inode);
        assertThat(icache.stats().nrInodes()).isEqualTo(nr - 1);
        assertThat(p.stat("/f").ino()).as("read back from the RAM disk").isEqualTo(ino);
        assertThat(inodeOf("f")).isNotSameAs(inode);
    }

    @Test
    void unlinkedInodeIsEvictedOnLastIputInsteadOfCached() {
        write("/f", bytes(100, 4));
        Inode inode = inodeOf("f");
        p.unlink("/f");
        assertThat(inode.state()).contains(InodeState.I_FREEING, InodeState.I_CLEAR);
        assertThat(icache.isOnLru(inode)).isFalse();
    }

    // ---- super_cache_scan -------------------------------------------------------------------

    @Test
    void superCacheScanSplitsTheScanInProportionToTheLruSizes() {
        List<Inode> lruInodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lruInodes.add(inodeOnLru("i" + i));
        }
        for (int i = 0; i < 10; i++) {
            write("/d" + i, new byte[0]);
        }
        k.sync();
        assertThat(k.dcache().lruSnapshot(sb)).hasSize(10);
        assertThat(icache.lruSnapshot(sb)).hasSize(10);
        long dentries = k.dcache().stats().nrDentry();

        // total = 10 + 10 + 1; each side gets mult_frac(7, 10, 21) = 3, plus the 1 that
        // super_cache_scan always adds so that something is scanned.
        long freed = k.shrinkSuper(sb, 7);

        assertThat(k.dcache().stats().nrDentry()).isEqualTo(dentries - 4);
        assertThat(lruInodes.stream().filter(i -> i.hasState(InodeState.I_CLEAR)).count()).isEqualTo(4);
        assertThat(freed).isEqualTo(8);
    }

    @Test
    void superCacheScanPrunesDentriesBeforeInodes() {
        for (int i = 0; i < 10; i++) {
            write("/d" + i, new byte[0]);
        }
        k.sync();
        assertThat(icache.lruSnapshot(sb)).isEmpty();

        // 10 dentries, 0 inodes: the dentries freed release inodes onto the inode LRU, and the
        // inode pass that follows (mult_frac(11, 0, 11) + 1 = 1) finds one of them.
        long freed = k.shrinkSuper(sb, 11);

        assertThat(k.dcache().lruSnapshot(sb)).isEmpty();
        assertThat(freed).isEqualTo(11);
        assertThat(icache.lruSnapshot(sb)).hasSize(9);
    }

    // ---- read back after eviction -----------------------------------------------------------

    @Test
    void evictedInodesAreReadBackWithIdenticalAttributesAndData() {
        p.mkdir("/a", 0750);
        p.mkdir("/a/b", 0700);
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put("/a/f", bytes(0, 0));
        data.put("/a/b/g", bytes(4096, 5));
        data.put("/a/b/h", bytes(12_345, 6));
        data.put("/top", bytes(7, 7));
        data.forEach(this::write);
        p.truncate("/a/b/h", 20_000);
        data.put("/a/b/h", Arrays.copyOf(data.get("/a/b/h"), 20_000));
        p.chmod("/a/f", 0604);
        p.chown("/top", 12, 34);
        p.link("/a/b/g", "/a/g2");
        p.symlink("b/h", "/a/s");
        p.mknod("/a/fifo", org.vfscope.vfs.FileMode.S_IFIFO | 0640, 0);
        List<String> paths = List.of("/", "/a", "/a/b", "/a/f", "/a/b/g", "/a/b/h", "/top", "/a/g2", "/a/s", "/a/fifo");
        k.sync();
        Map<String, Stat> before = new LinkedHashMap<>();
        Map<String, Inode> oldInodes = new LinkedHashMap<>();
        for (String path : paths) {
            before.put(path, p.lstat(path));
        }
        for (Inode inode : sb.inodes()) {
            oldInodes.put(Long.toString(inode.ino()), inode);
        }
        long inodesBefore = icache.stats().nrInodes();

        k.dropCaches(3);

        assertThat(icache.stats().nrInodes()).as("only the pinned root stays").isEqualTo(1);
        assertThat(inodesBefore).isGreaterThan(1);
        for (String path : paths) {
            assertThat(p.lstat(path)).as(path).isEqualTo(before.get(path));
        }
        oldInodes.values().stream().filter(i -> i != root.inode())
                .forEach(i -> assertThat(i.hasState(InodeState.I_CLEAR)).as("%s evicted", i).isTrue());
        data.forEach((path, expected) -> assertThat(read(path)).as(path).isEqualTo(expected));
        assertThat(p.readlink("/a/s")).isEqualTo("b/h");
        assertThat(read("/a/g2")).isEqualTo(data.get("/a/b/g"));
    }
}
