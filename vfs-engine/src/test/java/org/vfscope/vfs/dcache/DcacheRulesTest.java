package org.vfscope.vfs.dcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.sys.Process;
import org.vfscope.vfs.CacheInvariants;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.InodeOperations;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.SuperBlock;
import org.vfscope.vfs.VfsException;

/** The dentry rules of CACHE-MODEL.md (fs/dcache.c), one behaviour per test, on the ramfs root. */
class DcacheRulesTest {
    private Kernel k;
    private Process p;
    private SuperBlock sb;
    private Dentry root;
    private Dcache dcache;

    @BeforeEach
    void boot() {
        k = Kernel.boot();
        p = Process.init(k);
        sb = k.namespace().root().sb();
        root = sb.root();
        dcache = k.dcache();
    }

    @AfterEach
    void countersStayExact() {
        CacheInvariants.assertDentryCountersExact(k);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void touch(String path) {
        p.close(p.open(path, OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644));
    }

    private static Errno errnoOf(Runnable r) {
        try {
            r.run();
            return null;
        } catch (VfsException e) {
            return e.errno();
        }
    }

    /** The cached dentry for {@code name} under {@code parent}, found without touching its count. */
    private static Dentry peek(Dentry parent, String name) {
        return parent.children().stream().filter(d -> d.name().equals(name) && d.isHashed()).findFirst()
                .orElseThrow(() -> new AssertionError("no dentry " + name + " cached under " + parent));
    }

    /** Counts the filesystem's ->lookup calls on {@code dir} by wrapping its inode_operations. */
    private static AtomicInteger countLookups(Inode dir) {
        AtomicInteger calls = new AtomicInteger();
        InodeOperations real = dir.iop();
        InodeOperations counting = (InodeOperations) Proxy.newProxyInstance(
                InodeOperations.class.getClassLoader(), new Class<?>[] {InodeOperations.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("lookup")) {
                        calls.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        dir.setOperations(counting, dir.fop());
        return calls;
    }

    private boolean onLru(Dentry d) {
        return dcache.lruSnapshot(d.sb()).contains(d);
    }

    // ---- lookup -----------------------------------------------------------------------------

    @Test
    void failedLookupLeavesHashedNegativeDentry() {
        assertThat(errnoOf(() -> p.stat("/nope"))).isEqualTo(Errno.ENOENT);

        Dentry d = dcache.lookup(root, "nope");
        assertThat(d).isNotNull();
        try {
            assertThat(d.isNegative()).isTrue();
            assertThat(d.isHashed()).isTrue();
            assertThat(d.hasFlag(DentryFlag.PAR_LOOKUP)).isFalse();
        } finally {
            d.put();
        }
    }

    @Test
    void nextLookupOfAFailedNameIsAnsweredFromTheCache() {
        AtomicInteger fsLookups = countLookups(root.inode());
        assertThat(errnoOf(() -> p.stat("/nope"))).isEqualTo(Errno.ENOENT);
        assertThat(fsLookups).hasValue(1);
        DentryStats before = dcache.stats();

        assertThat(errnoOf(() -> p.stat("/nope"))).isEqualTo(Errno.ENOENT);
        assertThat(errnoOf(() -> p.open("/nope", OpenFlags.O_RDONLY))).isEqualTo(Errno.ENOENT);

        DentryStats after = dcache.stats();
        assertThat(fsLookups).as("the filesystem is not asked again").hasValue(1);
        assertThat(after.negativeHits()).isGreaterThanOrEqualTo(before.negativeHits() + 2);
        assertThat(after.misses()).as("no hash miss").isEqualTo(before.misses());
        assertThat(after.nrDentry()).as("no new dentry").isEqualTo(before.nrDentry());
    }

    @Test
    void lookupMissAsksTheFilesystemOnceThenHits() {
        touch("/f");
        dcache.shrinkSb(sb);
        AtomicInteger fsLookups = countLookups(root.inode());
        long missesBefore = dcache.stats().misses();

        p.stat("/f");
        assertThat(fsLookups).hasValue(1);
        assertThat(dcache.stats().misses()).isGreaterThan(missesBefore);
        long hitsBefore = dcache.stats().hits();
        p.stat("/f");
        assertThat(fsLookups).hasValue(1);
        assertThat(dcache.stats().hits()).isGreaterThan(hitsBefore);
    }

    // ---- reference counting and the LRU -----------------------------------------------------

    @Test
    void dgetDoesNotTakeADentryOffTheLru() {
        touch("/f");
        Dentry f = peek(root, "f");
        assertThat(onLru(f)).isTrue();
        long unused = dcache.stats().nrUnused();

        Dentry held = dcache.lookup(root, "f");
        held.get();
        try {
            assertThat(held).isSameAs(f);
            assertThat(f.count()).isEqualTo(2);
            assertThat(f.hasFlag(DentryFlag.LRU_LIST)).as("lazy LRU removal").isTrue();
            assertThat(onLru(f)).isTrue();
            assertThat(dcache.stats().nrUnused()).isEqualTo(unused);
        } finally {
            held.put();
            held.put();
        }
    }

    @Test
    void dputToZeroAddsToLruWithoutReferenced() {
        touch("/f");
        Dentry f = peek(root, "f");
        assertThat(f.count()).isZero();
        assertThat(f.hasFlag(DentryFlag.LRU_LIST)).isTrue();
        assertThat(f.hasFlag(DentryFlag.REFERENCED)).isFalse();
        assertThat(dcache.lruSnapshot(sb)).last().isSameAs(f);
    }

    @Test
    void secondDputToZeroSetsReferenced() {
        touch("/f");
        Dentry f = peek(root, "f");
        assertThat(f.hasFlag(DentryFlag.REFERENCED)).isFalse();

        p.stat("/f");

        assertThat(f.count()).isZero();
        assertThat(f.hasFlag(DentryFlag.LRU_LIST)).isTrue();
        assertThat(f.hasFlag(DentryFlag.REFERENCED)).isTrue();
    }

    @Test
    void dputOfAnUnhashedDentryKillsIt() {
        touch("/f");
        Dentry f = dcache.lookup(root, "f");
        dcache.drop(f);
        f.put();
        assertThat(f.isDead()).isTrue();
        assertThat(onLru(f)).isFalse();
    }

    // ---- the shrinker -----------------------------------------------------------------------

    @Test
    void shrinkerTakesInUseDentriesOffTheLru() {
        touch("/f");
        Dentry f = dcache.lookup(root, "f");
        try {
            assertThat(onLru(f)).isTrue();
            dcache.prune(sb, dcache.lruSnapshot(sb).size());
            assertThat(f.isDead()).isFalse();
            assertThat(f.hasFlag(DentryFlag.LRU_LIST)).isFalse();
            assertThat(onLru(f)).isFalse();
        } finally {
            f.put();
        }
        assertThat(onLru(f)).as("the last dput puts it back").isTrue();
    }

    @Test
    void shrinkerRotatesReferencedDentriesAndClearsTheFlag() {
        touch("/f");
        touch("/g");
        Dentry f = peek(root, "f");
        Dentry g = peek(root, "g");
        p.stat("/f");
        assertThat(f.hasFlag(DentryFlag.REFERENCED)).isTrue();
        assertThat(dcache.lruSnapshot(sb)).containsExactly(f, g);

        dcache.prune(sb, 1);

        assertThat(f.isDead()).isFalse();
        assertThat(f.hasFlag(DentryFlag.REFERENCED)).isFalse();
        assertThat(dcache.lruSnapshot(sb)).containsExactly(g, f);
        assertThat(g.isDead()).isFalse();
    }

    @Test
    void shrinkerKillsUnusedUnreferencedDentries() {
        touch("/f");
        Dentry f = peek(root, "f");
        Inode inode = f.inode();
        int inodeRefs = inode.count();
        long nr = dcache.stats().nrDentry();

        long freed = dcache.prune(sb, 1);

        assertThat(freed).isEqualTo(1);
        assertThat(f.isDead()).isTrue();
        assertThat(f.isHashed()).isFalse();
        assertThat(f.inode()).as("gave up its inode").isNull();
        assertThat(inode.count()).isEqualTo(inodeRefs - 1);
        assertThat(dcache.stats().nrDentry()).isEqualTo(nr - 1);
        assertThat(dcache.lookup(root, "f")).isNull();
    }

    @Test
    void killingTheLastChildCascadesToParents() {
        p.mkdir("/a", 0755);
        p.mkdir("/a/b", 0755);
        touch("/a/b/c");
        Dentry a = peek(root, "a");
        Dentry b = peek(a, "b");
        Dentry c = peek(b, "c");
        assertThat(a.count()).as("held by its child").isEqualTo(1);
        assertThat(b.count()).isEqualTo(1);
        // a and b are on the LRU lazily (used after their last dput); take them off first.
        dcache.prune(sb, 2);
        assertThat(dcache.lruSnapshot(sb)).containsExactly(c);

        long freed = dcache.prune(sb, 1);

        assertThat(freed).as("c, then b and a whose last reference c and b held").isEqualTo(3);
        assertThat(c.isDead()).isTrue();
        assertThat(b.isDead()).isTrue();
        assertThat(a.isDead()).isTrue();
        assertThat(root.children()).isEmpty();
        assertThat(root.isDead()).isFalse();
    }

    @Test
    void cascadeStopsAtAParentStillInUse() {
        p.mkdir("/a", 0755);
        touch("/a/x");
        touch("/a/y");
        Dentry a = peek(root, "a");
        Dentry x = peek(a, "x");
        dcache.prune(sb, 1);
        assertThat(dcache.lruSnapshot(sb)).containsExactly(x, peek(a, "y"));

        dcache.prune(sb, 1);

        assertThat(x.isDead()).isTrue();
        assertThat(a.isDead()).as("y still holds it").isFalse();
        assertThat(a.count()).isEqualTo(1);
    }

    // ---- unlink, rename ---------------------------------------------------------------------

    @Test
    void unlinkOfLastReferenceLeavesNegativeHashedDentry() {
        touch("/f");
        Dentry f = peek(root, "f");
        long negative = dcache.stats().nrNegative();

        p.unlink("/f");

        assertThat(f.isDead()).isFalse();
        assertThat(f.isHashed()).isTrue();
        assertThat(f.isNegative()).isTrue();
        assertThat(dcache.stats().nrNegative()).isEqualTo(negative + 1);
        Dentry again = dcache.lookup(root, "f");
        try {
            assertThat(again).as("the same dentry answers the next lookup").isSameAs(f);
        } finally {
            again.put();
        }
        AtomicInteger fsLookups = countLookups(root.inode());
        assertThat(errnoOf(() -> p.stat("/f"))).isEqualTo(Errno.ENOENT);
        assertThat(fsLookups).hasValue(0);
    }

    @Test
    void unlinkWhileAnotherReferenceIsHeldUnhashes() {
        touch("/f");
        Dentry held = dcache.lookup(root, "f");
        Inode inode = held.inode();

        p.unlink("/f");

        assertThat(held.isHashed()).isFalse();
        assertThat(held.isPositive()).as("keeps its inode until the last user").isTrue();
        assertThat(held.isDead()).isFalse();
        assertThat(dcache.lookup(root, "f")).as("no longer found").isNull();
        assertThat(errnoOf(() -> p.stat("/f"))).isEqualTo(Errno.ENOENT);

        held.put();

        assertThat(held.isDead()).as("unhashed: killed on the last dput").isTrue();
        assertThat(inode.nlink()).isZero();
        assertThat(inode.hasState(org.vfscope.vfs.icache.InodeState.I_CLEAR)).as("evicted").isTrue();
    }

    @Test
    void unlinkOfAnOpenFileUnhashesTheDentry() {
        int fd = p.open("/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
        Dentry f = peek(root, "f");
        p.unlink("/f");
        assertThat(f.isHashed()).isFalse();
        assertThat(f.isPositive()).isTrue();
        p.close(fd);
        assertThat(f.isDead()).isTrue();
    }

    @Test
    void renameMovesTheDentryAndBumpsTheRenameSequence() {
        p.mkdir("/a", 0755);
        p.mkdir("/b", 0755);
        touch("/a/f");
        Dentry a = peek(root, "a");
        Dentry b = peek(root, "b");
        Dentry f = peek(a, "f");
        Inode inode = f.inode();
        long seq = dcache.renameLock().sequence();
        int aCount = a.count();
        int bCount = b.count();

        p.rename("/a/f", "/b/g");

        assertThat(f.isDead()).isFalse();
        assertThat(f.parent()).isSameAs(b);
        assertThat(f.name()).isEqualTo("g");
        assertThat(f.inode()).isSameAs(inode);
        assertThat(f.isHashed()).isTrue();
        assertThat(a.children()).doesNotContain(f);
        assertThat(b.children()).contains(f);
        assertThat(a.count()).as("the old parent lost the child's reference").isEqualTo(aCount - 1);
        assertThat(dcache.renameLock().sequence()).as("one write section of rename_lock").isEqualTo(seq + 2);
        Dentry found = dcache.lookup(b, "g");
        try {
            assertThat(found).isSameAs(f);
        } finally {
            found.put();
        }
        assertThat(dcache.lookup(a, "f")).as("the old name is not hashed").isNull();
        assertThat(b.count()).isGreaterThanOrEqualTo(bCount + 1);
    }

    @Test
    void renameExchangeSwapsTheTwoDentries() {
        p.mkdir("/a", 0755);
        touch("/a/x");
        touch("/y");
        Dentry a = peek(root, "a");
        Dentry x = peek(a, "x");
        Dentry y = peek(root, "y");
        long seq = dcache.renameLock().sequence();

        p.rename("/a/x", "/y", org.vfscope.vfs.RenameFlags.RENAME_EXCHANGE);

        assertThat(x.parent()).isSameAs(root);
        assertThat(x.name()).isEqualTo("y");
        assertThat(y.parent()).isSameAs(a);
        assertThat(y.name()).isEqualTo("x");
        assertThat(x.isHashed()).isTrue();
        assertThat(y.isHashed()).isTrue();
        assertThat(dcache.renameLock().sequence()).isEqualTo(seq + 2);
    }

    @Test
    void renameOverAFileUnhashesAndKillsTheVictimDentry() {
        touch("/x");
        touch("/y");
        Dentry x = peek(root, "x");
        Dentry y = peek(root, "y");
        Inode victim = y.inode();

        p.rename("/x", "/y");

        assertThat(y.isDead()).isTrue();
        assertThat(victim.hasState(org.vfscope.vfs.icache.InodeState.I_CLEAR)).isTrue();
        assertThat(x.name()).isEqualTo("y");
    }

    // ---- shrink_dcache_parent, shrink_dcache_sb ---------------------------------------------

    @Test
    void rmdirShrinksTheCachedChildren() {
        p.mkdir("/d", 0755);
        touch("/d/x");
        p.unlink("/d/x");
        assertThat(errnoOf(() -> p.stat("/d/nope"))).isEqualTo(Errno.ENOENT);
        Dentry d = peek(root, "d");
        Dentry x = peek(d, "x");
        Dentry nope = peek(d, "nope");
        assertThat(x.isNegative()).isTrue();
        long nr = dcache.stats().nrDentry();

        p.rmdir("/d");

        assertThat(x.isDead()).isTrue();
        assertThat(nope.isDead()).isTrue();
        assertThat(d.children()).isEmpty();
        assertThat(dcache.stats().nrDentry()).isEqualTo(nr - 2);
        assertThat(d.isNegative()).as("d_delete of the sole user").isTrue();
        assertThat(d.isHashed()).isTrue();
        assertThat(d.count()).isZero();
    }

    @Test
    void shrinkDcacheSbEmptiesTheLruIncludingReferencedDentries() {
        p.mkdir("/a", 0755);
        touch("/a/f");
        touch("/g");
        p.stat("/g");
        p.stat("/a/f");
        assertThat(errnoOf(() -> p.stat("/neg"))).isEqualTo(Errno.ENOENT);
        Dentry held = dcache.lookup(root, "g");
        try {
            dcache.shrinkSb(sb);
            assertThat(dcache.lruSnapshot(sb)).isEmpty();
            assertThat(root.children()).containsExactly(held);
            assertThat(held.hasFlag(DentryFlag.LRU_LIST)).isFalse();
            assertThat(dcache.stats().nrUnused()).isZero();
            assertThat(dcache.stats().nrNegative()).isZero();
        } finally {
            held.put();
        }
    }

    @Test
    void umountShrinksEveryDentryOfTheSuperblock() {
        p.mkdir("/mnt", 0755);
        DentryStats before = dcache.stats();
        p.mount("none", "/mnt", "ramfs", null);
        SuperBlock sub = k.namespace().mounts().stream().map(m -> m.sb()).filter(s -> s != sb).findFirst().orElseThrow();
        p.mkdir("/mnt/a", 0755);
        touch("/mnt/a/f");
        touch("/mnt/g");
        p.stat("/mnt/g");
        assertThat(errnoOf(() -> p.stat("/mnt/a/nope"))).isEqualTo(Errno.ENOENT);
        Dentry subRoot = sub.root();
        Dentry a = peek(subRoot, "a");
        assertThat(dcache.lruSnapshot(sub)).isNotEmpty();
        CacheInvariants.assertDentryCountersExact(k);

        p.umount("/mnt");

        assertThat(dcache.lruSnapshot(sub)).isEmpty();
        assertThat(subRoot.isDead()).isTrue();
        assertThat(a.isDead()).isTrue();
        DentryStats after = dcache.stats();
        assertThat(after.nrDentry()).isEqualTo(before.nrDentry());
    }

    // ---- counters ---------------------------------------------------------------------------

    @Test
    void dentryStateCountersStayExactThroughALifecycle() {
        CacheInvariants.assertDentryCountersExact(k);
        p.mkdir("/a", 0755);
        p.mkdir("/a/b", 0755);
        touch("/a/b/f");
        touch("/a/g");
        CacheInvariants.assertDentryCountersExact(k);
        assertThat(errnoOf(() -> p.stat("/a/nope"))).isEqualTo(Errno.ENOENT);
        assertThat(errnoOf(() -> p.stat("/a/b/nope/x"))).isEqualTo(Errno.ENOENT);
        CacheInvariants.assertDentryCountersExact(k);
        p.stat("/a/g");
        p.stat("/a/g");
        CacheInvariants.assertDentryCountersExact(k);
        p.unlink("/a/g");
        CacheInvariants.assertDentryCountersExact(k);
        touch("/a/g");
        CacheInvariants.assertDentryCountersExact(k);
        Dentry held = dcache.lookup(peek(root, "a"), "g");
        p.unlink("/a/g");
        CacheInvariants.assertDentryCountersExact(k);
        held.put();
        CacheInvariants.assertDentryCountersExact(k);
        p.rename("/a/b/f", "/a/f2");
        p.rename("/a/b", "/b2");
        CacheInvariants.assertDentryCountersExact(k);
        dcache.prune(sb, 3);
        CacheInvariants.assertDentryCountersExact(k);
        p.link("/a/f2", "/b2/f3");
        p.symlink("/a/f2", "/s");
        p.stat("/s");
        CacheInvariants.assertDentryCountersExact(k);
        p.unlink("/b2/f3");
        p.rmdir("/b2");
        assertThat(errnoOf(() -> p.rmdir("/a"))).isEqualTo(Errno.ENOTEMPTY);
        CacheInvariants.assertDentryCountersExact(k);
        k.shrinkSuper(sb, 5);
        CacheInvariants.assertDentryCountersExact(k);
        dcache.shrinkSb(sb);
        CacheInvariants.assertDentryCountersExact(k);
        k.dropCaches(3);
        CacheInvariants.assertDentryCountersExact(k);
        assertThat(dcache.stats().nrUnused()).isZero();
        assertThat(p.stat("/a/f2").nlink()).isEqualTo(1);
        CacheInvariants.assertDentryCountersExact(k);
    }

    @Test
    void renameBlocksLocklessWalksUntilItFinishes() {
        p.mkdir("/a", 0755);
        touch("/a/f");
        long seq = dcache.renameLock().readBegin();
        p.rename("/a/f", "/a/g");
        assertThat(dcache.renameLock().readRetry(seq)).as("a walk that began before must retry").isTrue();
        assertThatThrownBy(() -> p.stat("/a/f")).isInstanceOf(VfsException.class);
        assertThat(p.stat("/a/g").isRegular()).isTrue();
    }
}
