package org.vfscope.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vfscope.sys.Process;
import org.vfscope.vfs.AddressSpaceOperations;
import org.vfscope.vfs.Credentials;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Inode;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.Mount;
import org.vfscope.vfs.OpenFile;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.Path;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.vfs.namei.LookupFlags;
import org.vfscope.vfs.namei.PathWalk;

/** The page-cache, readahead and writeback rules of CACHE-MODEL.md, one per test. */
class PageCacheRulesTest {
    private static final int PAGE = Folio.PAGE_SIZE;

    private KernelClock.Manual clock;
    private Kernel kernel;
    private Process p;

    @BeforeEach
    void boot() {
        clock = new KernelClock.Manual(Instant.parse("2026-01-01T00:00:00Z"));
        kernel = Kernel.boot(clock);
        p = Process.init(kernel);
    }

    /** A file of {@code pages} pages, written, synced and dropped from the cache. */
    private void coldFile(String path, int pages) {
        int fd = p.open(path, OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        byte[] buf = new byte[PAGE];
        for (int i = 0; i < pages; i++) {
            buf[0] = (byte) i;
            p.write(fd, buf);
        }
        p.close(fd);
        kernel.sync();
        kernel.dropCaches(1);
        kernel.counters(); // forget the readahead windows so far
    }

    private Inode inodeOf(String path) {
        Mount m = kernel.namespace().root();
        Path root = new Path(m, m.root());
        Path found = new PathWalk(kernel, root, root, Credentials.ROOT).lookup(path, LookupFlags.FOLLOW);
        Inode inode = found.inode();
        found.put();
        return inode;
    }

    private Folio page(String path, long index) {
        return inodeOf(path).mapping().find(index);
    }

    private void readPage(int fd, long index) {
        p.pread(fd, ByteBuffer.allocate(PAGE), index * PAGE);
    }

    @Test
    void foliosAreFoundByIndexAndOneThatLeftIsNoLongerContainedEvenWhenItsIndexIsCachedAgain() {
        int fd = p.open("/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
        p.write(fd, new byte[3 * PAGE]);
        AddressSpace mapping = inodeOf("/f").mapping();
        Folio first = mapping.find(1);
        assertThat(mapping.find(0)).isNotNull();
        assertThat(mapping.find(2)).isNotNull().isNotSameAs(first);
        assertThat(mapping.find(3)).isNull();
        assertThat(mapping.contains(first)).isTrue();
        assertThat(inodeOf("/").mapping().contains(first)).isFalse();

        kernel.sync();
        mapping.invalidateClean();
        assertThat(mapping.contains(first)).isFalse();
        readPage(fd, 1);
        Folio again = mapping.find(1);
        assertThat(again).isNotSameAs(first);
        assertThat(mapping.contains(again)).isTrue();
        assertThat(mapping.contains(first)).isFalse();

        p.ftruncate(fd, PAGE);
        assertThat(mapping.contains(again)).isFalse();
        p.close(fd);
    }

    @Test
    void readingOnePageAtATimeFromTheStartIssuesWindowsOf4_8_16_32_32() {
        coldFile("/f", 200);
        int fd = p.open("/f", OpenFlags.O_RDONLY);
        ByteBuffer buf = ByteBuffer.allocate(PAGE);
        // Markers on pages 1, 4, 12 and 28 issue the windows after the first; page 60 would issue a sixth.
        for (int i = 0; i < 60; i++) {
            buf.clear();
            p.read(fd, buf);
        }
        assertThat(kernel.counters().readaheadWindows()).containsExactly(4, 8, 16, 32, 32);
    }

    @Test
    void theReadaheadMarkerSitsWhereTheNextWindowMustStart() {
        coldFile("/f", 100);
        int fd = p.open("/f", OpenFlags.O_RDONLY);
        p.read(fd, ByteBuffer.allocate(PAGE));
        // First window: pages 0-3, async_size 3, so the marker is on page 1.
        assertThat(page("/f", 1).test(FolioFlag.READAHEAD)).isTrue();
        assertThat(page("/f", 3)).isNotNull();
        assertThat(page("/f", 4)).isNull();
    }

    @Test
    void aRandomAccessHintReadsOnlyTheRequest() {
        coldFile("/f", 100);
        int fd = p.open("/f", OpenFlags.O_RDONLY);
        p.fadvise(fd, Process.POSIX_FADV_RANDOM);
        readPage(fd, 0);
        readPage(fd, 1);
        assertThat(kernel.counters().readaheadWindows()).isEmpty();
        assertThat(inodeOf("/f").mapping().nrpages()).isEqualTo(2);
    }

    @Test
    void aNonSequentialMissReadsOnlyTheRequest() {
        coldFile("/f", 100);
        int fd = p.open("/f", OpenFlags.O_RDONLY);
        readPage(fd, 50);
        assertThat(kernel.counters().readaheadWindows()).isEmpty();
        assertThat(inodeOf("/f").mapping().indices()).containsExactly(50L);
    }

    @Test
    void aPageReadOnceIsInactiveAndReferencedAndReadAgainBecomesActive() {
        coldFile("/f", 1);
        int fd = p.open("/f", OpenFlags.O_RDONLY);
        readPage(fd, 0);
        p.close(fd);
        Folio f = page("/f", 0);
        assertThat(f.lruList()).isEqualTo(LruList.INACTIVE);
        assertThat(f.test(FolioFlag.REFERENCED)).isTrue();

        fd = p.open("/f", OpenFlags.O_RDONLY);
        readPage(fd, 0);
        assertThat(f.lruList()).isEqualTo(LruList.ACTIVE);
        assertThat(f.test(FolioFlag.ACTIVE)).isTrue();
        assertThat(f.test(FolioFlag.REFERENCED)).isFalse();
    }

    @Test
    void rereadingTheSamePageThroughTheSameFilePositionDoesNotMarkItAgain() {
        coldFile("/f", 1);
        int fd = p.open("/f", OpenFlags.O_RDONLY);
        p.read(fd, ByteBuffer.allocate(100));
        p.read(fd, ByteBuffer.allocate(100));
        Folio f = page("/f", 0);
        assertThat(f.lruList()).isEqualTo(LruList.INACTIVE);
        assertThat(f.test(FolioFlag.REFERENCED)).isTrue();
    }

    @Test
    void pagesInTheMiddleOfOneLargeReadAreNotMarked() {
        coldFile("/f", 64);
        int fd = p.open("/f", OpenFlags.O_RDONLY);
        p.read(fd, ByteBuffer.allocate(16 * PAGE));
        assertThat(page("/f", 0).test(FolioFlag.REFERENCED)).isTrue();
        for (int i = 1; i < 16; i++) {
            assertThat(page("/f", i).test(FolioFlag.REFERENCED)).as("page %d", i).isFalse();
            assertThat(page("/f", i).lruList()).isEqualTo(LruList.INACTIVE);
        }
    }

    @Test
    void anEvictedPageReadAgainWithinTheActiveListDistanceIsActivatedAtOnce() {
        coldFile("/hot", 1);
        coldFile("/f", 1);
        // Make /hot active so the active list is not empty (the distance is compared to it).
        for (int i = 0; i < 2; i++) {
            int fd = p.open("/hot", OpenFlags.O_RDONLY);
            readPage(fd, 0);
            p.close(fd);
        }
        int fd = p.open("/f", OpenFlags.O_RDONLY);
        readPage(fd, 0);
        p.close(fd);
        PageCache pc = kernel.pageCache();
        // Reclaim just /f's page: it is the only inactive one.
        assertThat(pc.shrink(1).freed()).isEqualTo(1);
        assertThat(page("/f", 0)).isNull();
        assertThat(inodeOf("/f").mapping().nrShadows()).isEqualTo(1);

        fd = p.open("/f", OpenFlags.O_RDONLY);
        readPage(fd, 0);
        assertThat(page("/f", 0).lruList()).isEqualTo(LruList.ACTIVE);
        assertThat(pc.refaults()).isEqualTo(1);
        assertThat(pc.refaultActivations()).isEqualTo(1);
    }

    @Test
    void aRefaultFartherThanTheActiveListIsNotActivated() {
        coldFile("/f", 1);
        int fd = p.open("/f", OpenFlags.O_RDONLY);
        readPage(fd, 0);
        p.close(fd);
        PageCache pc = kernel.pageCache();
        pc.shrink(1);
        // Twenty more evictions age the shadow past the (empty) active list.
        coldFile("/g", 20);
        int g = p.open("/g", OpenFlags.O_RDONLY);
        for (int i = 0; i < 20; i++) {
            readPage(g, i);
        }
        pc.shrink(20);
        fd = p.open("/f", OpenFlags.O_RDONLY);
        readPage(fd, 0);
        assertThat(page("/f", 0).lruList()).isEqualTo(LruList.INACTIVE);
        assertThat(pc.refaults()).isGreaterThanOrEqualTo(1);
        assertThat(pc.refaultActivations()).isZero();
    }

    @Test
    void aWriteDirtiesPagesAndTheInodeWithoutActivatingThem() {
        int fd = p.open("/f", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        p.write(fd, new byte[3 * PAGE]);
        Inode inode = inodeOf("/f");
        assertThat(inode.hasState(InodeState.I_DIRTY_PAGES)).isTrue();
        assertThat(inode.mapping().nrDirty()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            Folio f = page("/f", i);
            assertThat(f.isDirty()).isTrue();
            assertThat(f.lruList()).isEqualTo(LruList.INACTIVE);
            assertThat(f.test(FolioFlag.REFERENCED)).isFalse();
        }
        assertThat(kernel.pageCache().nrDirty()).isEqualTo(3);
    }

    @Test
    void nothingIsWrittenBefore30SecondsAndEverythingAtTheNext5SecondTick() {
        int fd = p.open("/f", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        p.write(fd, new byte[4 * PAGE]);
        PageCache pc = kernel.pageCache();
        clock.advanceMillis(29_999);
        assertThat(pc.nrDirty()).isEqualTo(4);
        assertThat(inodeOf("/f").hasState(InodeState.I_DIRTY_PAGES)).isTrue();
        clock.advanceMillis(1);
        assertThat(pc.nrDirty()).isZero();
        assertThat(kernel.writeback().ioListOf(inodeOf("/f"))).isNull();
    }

    @Test
    void anInodeDirtiedLaterWaitsForItsOwnThirtySeconds() {
        int a = p.open("/a", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        p.write(a, new byte[PAGE]);
        clock.advanceMillis(12_000);
        int b = p.open("/b", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        p.write(b, new byte[PAGE]);
        clock.advanceMillis(18_000); // t = 30 s: /a expired, /b is 18 s old
        assertThat(inodeOf("/a").mapping().nrDirty()).isZero();
        assertThat(inodeOf("/b").mapping().nrDirty()).isEqualTo(1);
        clock.advanceMillis(15_000); // t = 45 s: the tick after /b turned 30 s
        assertThat(inodeOf("/b").mapping().nrDirty()).isZero();
    }

    @Test
    void crossingTheBackgroundRatioStartsWritebackAtOnce() {
        kernel.tunables().set(VmTunables.CACHE_PAGES, 1000); // background threshold: 100 pages
        int fd = p.open("/f", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        p.write(fd, new byte[100 * PAGE]);
        assertThat(kernel.pageCache().nrDirty()).isEqualTo(100);
        assertThat(kernel.writeback().pagesWritten()).isZero();
        p.write(fd, new byte[PAGE]);
        clock.runPending(); // the flusher runs as soon as it gets the CPU, with no time passing
        assertThat(kernel.pageCache().nrDirty()).isLessThanOrEqualTo(100);
        assertThat(kernel.writeback().pagesWritten()).isGreaterThan(0);
    }

    @Test
    void aWriterAboveTheFreerunCeilingIsPausedWhileWritebackCatchesUp() {
        kernel.tunables().set(VmTunables.CACHE_PAGES, 1000); // background 100, limit 200, freerun 150
        int fd = p.open("/f", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        p.write(fd, new byte[149 * PAGE]);
        assertThat(kernel.writeback().throttlePauses()).isZero();
        p.write(fd, new byte[2 * PAGE]);
        assertThat(kernel.writeback().throttlePauses()).isEqualTo(1);
        assertThat(kernel.writeback().throttleNanos()).isBetween(1L, Writeback.MAX_PAUSE_NANOS);
        // The pause let the flusher run: dirty memory is back under the background threshold.
        assertThat(kernel.pageCache().nrDirty()).isLessThanOrEqualTo(100);
    }

    @Test
    void fsyncAfterAWriteErrorReportsEioOncePerOpenFileThenZero() {
        int w = p.open("/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
        int other = p.open("/f", OpenFlags.O_RDONLY);
        Inode inode = inodeOf("/f");
        AddressSpaceOperations real = inode.mapping().aops();
        inode.mapping().setAops(new FailingWrites(real));
        p.write(w, new byte[PAGE]);

        assertThatThrownBy(() -> p.fsync(w)).isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.EIO);
        p.fsync(w);
        assertThatThrownBy(() -> p.fsync(other)).isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.EIO);
        p.fsync(other);
        // A file opened after the error was seen starts clean.
        int late = p.open("/f", OpenFlags.O_RDONLY);
        p.fsync(late);
    }

    @Test
    void thePageCacheLimitIsNeverExceededByMoreThanOneBatch() {
        kernel.tunables().set(VmTunables.CACHE_PAGES, 256);
        coldFile("/big", 2000);
        int fd = p.open("/big", OpenFlags.O_RDONLY);
        ByteBuffer buf = ByteBuffer.allocate(PAGE);
        long worst = 0;
        for (int i = 0; i < 2000; i++) {
            buf.clear();
            p.read(fd, buf);
            worst = Math.max(worst, kernel.pageCache().nrPages());
        }
        int batch = kernel.tunables().readAheadPages();
        assertThat(worst).isLessThanOrEqualTo(256 + batch);
        assertThat(kernel.pageCache().evictions()).isPositive();
    }

    @Test
    void dropCaches1FreesCleanPagesAndKeepsDirtyOnes() {
        coldFile("/clean", 3);
        int c = p.open("/clean", OpenFlags.O_RDONLY);
        p.read(c, ByteBuffer.allocate(3 * PAGE));
        int fd = p.open("/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
        p.write(fd, new byte[2 * PAGE]);

        kernel.dropCaches(1);

        assertThat(inodeOf("/clean").mapping().nrpages()).isZero();
        assertThat(inodeOf("/f").mapping().indices()).containsExactly(0L, 1L);
        assertThat(kernel.pageCache().nrPages()).isEqualTo(2);
    }

    @Test
    void fadviseDontneedWritesTheDirtyPagesAndDropsThem() {
        int fd = p.open("/f", OpenFlags.O_CREAT | OpenFlags.O_RDWR, 0644);
        byte[] data = new byte[3 * PAGE];
        java.util.Arrays.fill(data, (byte) 7);
        p.write(fd, data);
        assertThat(inodeOf("/f").mapping().nrDirty()).isEqualTo(3);

        p.fadvise(fd, Process.POSIX_FADV_DONTNEED);

        assertThat(inodeOf("/f").mapping().nrpages()).isZero();
        assertThat(kernel.pageCache().nrDirty()).isZero();
        ByteBuffer back = ByteBuffer.allocate(3 * PAGE);
        p.pread(fd, back, 0);
        assertThat(back.array()).isEqualTo(data);
    }

    /** ->writepage fails with EIO; everything else is the real filesystem's. */
    private record FailingWrites(AddressSpaceOperations real) implements AddressSpaceOperations {
        @Override
        public void readFolio(OpenFile file, Folio folio) {
            real.readFolio(file, folio);
        }

        @Override
        public void writepage(Folio folio, WritebackControl wbc) {
            throw new VfsException(Errno.EIO, "injected");
        }

        @Override
        public void writeBegin(Inode host, long index) {
            real.writeBegin(host, index);
        }
    }
}
