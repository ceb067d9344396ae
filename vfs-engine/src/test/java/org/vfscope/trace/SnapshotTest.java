package org.vfscope.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.mm.FolioFlag;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.DentryFlag;
import org.vfscope.vfs.icache.InodeState;

/** What an {@link EngineSnapshot} shows of a small ramfs tree, checked against CACHE-MODEL.md. */
class SnapshotTest {
    private KernelClock.Manual clock;
    private Kernel k;
    private Process p;
    private SnapshotTaker taker;
    private long rootDev;

    @BeforeEach
    void boot() {
        clock = new KernelClock.Manual(Instant.parse("2024-01-01T00:00:00Z"));
        k = Kernel.boot(clock);
        p = Process.init(k);
        taker = new SnapshotTaker(k);
        rootDev = k.namespace().root().sb().dev();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void writeFile(String path, String text) {
        int fd = p.open(path, OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        p.write(fd, text.getBytes());
        p.close(fd);
    }

    private long inoOf(String path) {
        return p.stat(path).ino();
    }

    private static DentryInfo dentry(EngineSnapshot s, String name) {
        List<DentryInfo> found = s.dcache().dentries().stream().filter(d -> d.name().equals(name)).toList();
        assertThat(found).as("dentries named %s", name).hasSize(1);
        return found.get(0);
    }

    private InodeInfo inode(EngineSnapshot s, long ino) {
        return s.icache().inodes().stream().filter(i -> i.dev() == rootDev && i.ino() == ino).findFirst()
                .orElseThrow(() -> new AssertionError("inode " + ino + " not in the snapshot"));
    }

    private WritebackSnapshot rootWriteback(EngineSnapshot s) {
        return s.writeback().stream().filter(w -> w.dev() == rootDev).findFirst().orElseThrow();
    }

    // ---- dentries ---------------------------------------------------------------------------

    @Test
    void rootDentryIsItsOwnParentAndPositiveInUse() {
        EngineSnapshot s = taker.take();

        DentryInfo root = s.dcache().dentries().stream().filter(DentryInfo::isRoot).findFirst().orElseThrow();
        assertThat(root.isRoot()).isTrue();
        assertThat(root.state()).isEqualTo(DentryState.POSITIVE_IN_USE);
        assertThat(s.superBlocks()).extracting(SuperBlockInfo::rootDentryId).contains(root.id());
    }

    @Test
    void dentryIdsAreUniqueAndEveryParentIsListed() {
        p.mkdir("/a", 0755);
        p.mkdir("/a/b", 0755);
        writeFile("/a/b/c", "x");

        List<DentryInfo> dentries = taker.take().dcache().dentries();
        Set<Long> ids = new HashSet<>();
        dentries.forEach(d -> assertThat(ids.add(d.id())).as("id of %s unique", d.name()).isTrue());

        assertThat(dentries).allSatisfy(d -> assertThat(ids).contains(d.parentId()));
        assertThat(dentry(taker.take(), "c").parentId()).isEqualTo(dentry(taker.take(), "b").id());
    }

    @Test
    void lruDentriesComeFirstInLruOrder() {
        p.mkdir("/a", 0755);
        p.mkdir("/b", 0755);
        assertThatThrownBy(() -> p.stat("/missing")).isInstanceOf(VfsException.class);

        DcacheSnapshot d = taker.take().dcache();

        assertThat(d.dentries().subList(0, 3)).extracting(DentryInfo::name, DentryInfo::lruPosition)
                .containsExactly(tuple("a", 0), tuple("b", 1), tuple("missing", 2));
        assertThat(d.dentries().subList(3, d.dentries().size())).noneMatch(DentryInfo::onLru);
    }

    @Test
    void snapshotListsEveryDentryTheCountersCount() {
        p.mkdir("/a", 0755);
        writeFile("/a/f", "x");
        assertThatThrownBy(() -> p.stat("/a/missing")).isInstanceOf(VfsException.class);

        DcacheSnapshot d = taker.take().dcache();

        assertThat((long) d.dentries().size()).isEqualTo(d.stats().nrDentry());
        assertThat(d.dentries().stream().filter(DentryInfo::onLru).count()).isEqualTo(d.stats().nrUnused());
    }

    @Test
    void failedLookupShowsNegativeUnusedDentryOnTheLru() {
        assertThatThrownBy(() -> p.stat("/missing")).isInstanceOf(VfsException.class);

        EngineSnapshot s = taker.take();
        DentryInfo missing = dentry(s, "missing");

        assertThat(missing.state()).isEqualTo(DentryState.NEGATIVE_UNUSED);
        assertThat(missing.ino()).isEqualTo(-1);
        assertThat(missing.onLru()).isTrue();
        assertThat(missing.flags()).contains(DentryFlag.LRU_LIST);
        assertThat(s.dcache().stats().nrNegative()).isEqualTo(1);
    }

    @Test
    void lastDputQueuesDentriesAtTheLruTailInOrder() {
        p.mkdir("/a", 0755);
        p.mkdir("/b", 0755);
        p.mkdir("/c", 0755);

        EngineSnapshot s = taker.take();

        assertThat(List.of(dentry(s, "a"), dentry(s, "b"), dentry(s, "c")))
                .extracting(DentryInfo::lruPosition).containsExactly(0, 1, 2);
        assertThat(dentry(s, "a").state()).isEqualTo(DentryState.POSITIVE_UNUSED);
    }

    @Test
    void reuseWhileOnTheLruSetsReferencedWithoutMovingTheDentry() {
        p.mkdir("/a", 0755);
        p.mkdir("/b", 0755);

        p.stat("/a");
        EngineSnapshot s = taker.take();

        assertThat(dentry(s, "a").flags()).contains(DentryFlag.REFERENCED);
        assertThat(dentry(s, "a").lruPosition()).isZero();
        assertThat(dentry(s, "b").flags()).doesNotContain(DentryFlag.REFERENCED);
    }

    @Test
    void dentryTakenIntoUseStaysOnTheLruUntilTheShrinkerLooks() {
        p.mkdir("/a", 0755);

        int fd = p.open("/a", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0);
        DentryInfo a = dentry(taker.take(), "a");
        p.close(fd);

        assertThat(a.state()).isEqualTo(DentryState.POSITIVE_IN_USE);
        assertThat(a.count()).isPositive();
        assertThat(a.lruPosition()).isZero();
    }

    @Test
    void unlinkOfAnOpenFileLeavesItsDentryUnhashed() {
        writeFile("/f", "x");
        int fd = p.open("/f", OpenFlags.O_RDONLY, 0);

        p.unlink("/f");
        DentryInfo f = dentry(taker.take(), "f");
        p.close(fd);

        assertThat(f.state()).isEqualTo(DentryState.UNHASHED);
        assertThat(f.ino()).isPositive();
    }

    @Test
    void unlinkOfAClosedFileLeavesANegativeDentry() {
        writeFile("/f", "x");

        p.unlink("/f");

        assertThat(dentry(taker.take(), "f").state()).isEqualTo(DentryState.NEGATIVE_UNUSED);
    }

    // ---- inodes and writeback ---------------------------------------------------------------

    @Test
    void writtenFileInodeIsDirtyAndQueuedOnBDirty() {
        clock.advanceMillis(5);
        writeFile("/f", "hello");
        long ino = inoOf("/f");

        EngineSnapshot s = taker.take();
        InodeInfo f = inode(s, ino);

        assertThat(f.state()).contains(InodeState.I_DIRTY_PAGES);
        assertThat(f.ioList()).isEqualTo(InodeIoList.B_DIRTY);
        assertThat(f.dirtiedWhen()).isEqualTo(5_000_000L);
        assertThat(f.cachedPages()).isEqualTo(1);
        assertThat(f.dirtyPages()).isEqualTo(1);
        assertThat(f.size()).isEqualTo(5);
        assertThat(rootWriteback(s).bDirty()).contains(ino);
        assertThat(rootWriteback(s).dirtyPages()).isEqualTo(1);
    }

    @Test
    void syncLeavesInodesCleanAndTheWritebackListsEmpty() {
        writeFile("/f", "hello");
        long ino = inoOf("/f");

        k.sync();
        EngineSnapshot s = taker.take();
        InodeInfo f = inode(s, ino);

        assertThat(f.isDirty()).isFalse();
        assertThat(f.ioList()).isEqualTo(InodeIoList.NONE);
        assertThat(f.dirtyPages()).isZero();
        assertThat(f.cachedPages()).isEqualTo(1);
        WritebackSnapshot wb = rootWriteback(s);
        assertThat(wb.bDirty()).isEmpty();
        assertThat(wb.bIo()).isEmpty();
        assertThat(wb.bMoreIo()).isEmpty();
        assertThat(wb.bDirtyTime()).isEmpty();
        assertThat(wb.dirtyPages()).isZero();
    }

    @Test
    void bDirtyListsInodesOldestDirtyingFirst() {
        writeFile("/x", "1");
        clock.advanceMillis(1);
        writeFile("/y", "2");
        clock.advanceMillis(1);
        writeFile("/z", "3");

        List<Long> bDirty = rootWriteback(taker.take()).bDirty();

        assertThat(bDirty).containsSubsequence(inoOf("/x"), inoOf("/y"), inoOf("/z"));
    }

    @Test
    void unusedInodeWithCachedPagesStaysOffTheInodeLruUntilItsPagesGo() {
        writeFile("/f", "hello");
        long ino = inoOf("/f");
        k.sync();
        k.dropCaches(2);

        InodeInfo withPages = inode(taker.take(), ino);
        k.dropCaches(1);
        InodeInfo withoutPages = inode(taker.take(), ino);

        assertThat(withPages.count()).isZero();
        assertThat(withPages.cachedPages()).isEqualTo(1);
        assertThat(withPages.onLru()).isFalse();
        assertThat(withoutPages.cachedPages()).isZero();
        assertThat(withoutPages.onLru()).isTrue();
    }

    @Test
    void inodeSnapshotListsEveryCachedInodeInInoOrder() {
        p.mkdir("/a", 0755);
        writeFile("/a/f", "x");

        InodeCacheSnapshot s = taker.take().icache();

        assertThat((long) s.inodes().size()).isEqualTo(s.stats().nrInodes());
        assertThat(s.inodes()).extracting(InodeInfo::ino).isSorted();
    }

    // ---- pages ------------------------------------------------------------------------------

    @Test
    void writtenPageIsDirtyAtTheHeadOfTheInactiveList() {
        writeFile("/f", "hello");
        long ino = inoOf("/f");

        PageCacheSnapshot s = taker.take().pageCache();

        assertThat(s.pages()).hasSize(1);
        PageInfo page = s.pages().get(0);
        assertThat(page.ino()).isEqualTo(ino);
        assertThat(page.dev()).isEqualTo(rootDev);
        assertThat(page.index()).isZero();
        assertThat(page.lru()).isEqualTo(PageLru.INACTIVE);
        assertThat(page.lruPosition()).isZero();
        assertThat(page.flags()).contains(FolioFlag.DIRTY, FolioFlag.UPTODATE);
        assertThat(s.nrDirty()).isEqualTo(1);
    }

    @Test
    void syncCleansThePageButLeavesItCached() {
        writeFile("/f", "hello");

        k.sync();
        PageCacheSnapshot s = taker.take().pageCache();

        assertThat(s.pages()).singleElement().satisfies(page -> {
            assertThat(page.flags()).doesNotContain(FolioFlag.DIRTY, FolioFlag.WRITEBACK);
            assertThat(page.lru()).isEqualTo(PageLru.INACTIVE);
        });
        assertThat(s.nrDirty()).isZero();
    }

    @Test
    void newPagesEnterAtTheInactiveHead() {
        writeFile("/old", "1");
        writeFile("/new", "2");

        PageCacheSnapshot s = taker.take().pageCache();

        assertThat(s.pages()).filteredOn(pg -> pg.ino() == inoOf("/new")).singleElement()
                .extracting(PageInfo::lruPosition).isEqualTo(0);
        assertThat(s.pages()).filteredOn(pg -> pg.ino() == inoOf("/old")).singleElement()
                .extracting(PageInfo::lruPosition).isEqualTo(1);
        assertThat(s.nrInactive()).isEqualTo(2);
    }

    // ---- the bundle -------------------------------------------------------------------------

    @Test
    void snapshotsAreNumberedAndStampedWithKernelTime() {
        EngineSnapshot first = taker.take();
        clock.advanceMillis(3);
        EngineSnapshot second = taker.take(17);

        assertThat(second.seq()).isEqualTo(first.seq() + 1);
        assertThat(second.timeNanos() - first.timeNanos()).isEqualTo(3_000_000L);
        assertThat(second.eventSeq()).isEqualTo(17);
        assertThat(second.pageCache().pages()).isEmpty();
    }
}
