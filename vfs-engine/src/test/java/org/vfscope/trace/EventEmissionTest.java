package org.vfscope.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.block.BlockDevices;
import org.vfscope.block.InstrumentedDevice;
import org.vfscope.mm.BufferCache;
import org.vfscope.mm.Folio;
import org.vfscope.mm.FolioFlag;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.Kernel;
import org.vfscope.vfs.KernelClock;
import org.vfscope.vfs.OpenFlags;
import org.vfscope.vfs.Stat;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.dcache.DentryFlag;
import org.vfscope.vfs.icache.InodeState;

/** The engine's tracepoints: what lands in {@link Kernel#trace()} when caches change. */
class EventEmissionTest {
    private KernelClock.Manual clock;
    private Kernel kernel;
    private Process p;

    @BeforeEach
    void boot() {
        clock = new KernelClock.Manual(Instant.parse("2026-01-01T00:00:00Z"));
        kernel = Kernel.boot(clock);
        p = Process.init(kernel);
        p.mkdir("/etc", 0755);
    }

    /** The events recorded from sequence number {@code seq} on, of one type. */
    private <T extends TraceEvent> List<T> eventsSince(long seq, Class<T> type) {
        EventBatch batch = kernel.trace().since(seq);
        assertThat(batch.missed()).as("nothing dropped").isZero();
        return batch.events().stream().map(SequencedEvent::event).filter(type::isInstance).map(type::cast).toList();
    }

    private Stat writeMotd() {
        int fd = p.open("/etc/motd", OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        p.write(fd, "hello\n".getBytes(StandardCharsets.UTF_8));
        p.close(fd);
        return p.stat("/etc/motd");
    }

    @Test
    void statOfMissingNameMissesThenHitsTheNegativeDentry() {
        kernel.setTraceLookups(true);
        long first = kernel.trace().nextSeq();
        assertThatThrownBy(() -> p.stat("/etc/nope")).isInstanceOf(VfsException.class)
                .extracting(e -> ((VfsException) e).errno()).isEqualTo(Errno.ENOENT);
        long second = kernel.trace().nextSeq();
        assertThatThrownBy(() -> p.stat("/etc/nope")).isInstanceOf(VfsException.class);

        assertThat(eventsSince(first, DentryLookup.class).stream().filter(l -> l.name().equals("nope"))
                .map(DentryLookup::result).toList())
                .as("first stat: the hash has nothing, then a negative dentry is hashed")
                .contains(DentryLookup.Result.MISS)
                .doesNotContain(DentryLookup.Result.HIT);
        assertThat(eventsSince(second, DentryLookup.class).stream().filter(l -> l.name().equals("nope"))
                .map(DentryLookup::result).toList())
                .as("second stat: answered by the negative dentry")
                .containsExactly(DentryLookup.Result.NEGATIVE_HIT);
    }

    @Test
    void lookupsAreNotTracedUnlessAsked() {
        long seq = kernel.trace().nextSeq();
        p.stat("/etc");
        assertThatThrownBy(() -> p.stat("/etc/nope")).isInstanceOf(VfsException.class);

        assertThat(kernel.isTracingLookups()).isFalse();
        assertThat(eventsSince(seq, DentryLookup.class)).isEmpty();
    }

    @Test
    void failedLookupLeavesNegativeDentryOnTheLru() {
        long seq = kernel.trace().nextSeq();
        assertThatThrownBy(() -> p.stat("/etc/nope")).isInstanceOf(VfsException.class);

        List<DentryStateChange> changes = eventsSince(seq, DentryStateChange.class).stream()
                .filter(c -> c.path().equals("/etc/nope")).toList();
        assertThat(changes).extracting(DentryStateChange::oldState, DentryStateChange::newState)
                .as("lookup result attached, then the last dput caches it")
                .containsSubsequence(
                        tuple(DentryState.IN_LOOKUP, DentryState.NEGATIVE_IN_USE),
                        tuple(DentryState.NEGATIVE_IN_USE, DentryState.NEGATIVE_UNUSED));
        assertThat(changes.get(changes.size() - 1).flags()).contains(DentryFlag.LRU_LIST);
    }

    @Test
    void writeDirtiesThePageAndTheInode() {
        long seq = kernel.trace().nextSeq();
        Stat st = writeMotd();

        assertThat(eventsSince(seq, PageStateChange.class))
                .filteredOn(c -> c.dev() == st.dev() && c.ino() == st.ino() && c.index() == 0)
                .anySatisfy(c -> {
                    assertThat(c.flags()).contains(FolioFlag.DIRTY);
                    assertThat(c.lru()).isEqualTo(PageLru.INACTIVE);
                });
        assertThat(eventsSince(seq, InodeStateChange.class))
                .filteredOn(c -> c.dev() == st.dev() && c.ino() == st.ino())
                .anySatisfy(c -> {
                    assertThat(c.oldState()).doesNotContain(InodeState.I_DIRTY_PAGES);
                    assertThat(c.newState()).contains(InodeState.I_DIRTY_PAGES);
                    assertThat(c.ioList()).isEqualTo(InodeIoList.B_DIRTY);
                });
    }

    @Test
    void kupdateAfterThirtySecondsWritesTheInodeBackAndEndsPageWriteback() {
        Stat st = writeMotd();
        long seq = kernel.trace().nextSeq();

        clock.advanceMillis(30_000);

        assertThat(eventsSince(seq, WritebackSingleInode.class))
                .filteredOn(w -> w.dev() == st.dev() && w.ino() == st.ino())
                .singleElement()
                .satisfies(w -> {
                    assertThat(w.reason()).isEqualTo(WritebackSingleInode.Reason.KUPDATE);
                    assertThat(w.pagesWritten()).isEqualTo(1);
                });
        List<PageStateChange> pages = eventsSince(seq, PageStateChange.class).stream()
                .filter(c -> c.dev() == st.dev() && c.ino() == st.ino()).toList();
        assertThat(pages).as("writeback starts, then ends on a clean page").hasSize(2);
        assertThat(pages.get(0).flags()).contains(FolioFlag.WRITEBACK).doesNotContain(FolioFlag.DIRTY);
        assertThat(pages.get(1).flags()).doesNotContain(FolioFlag.WRITEBACK, FolioFlag.DIRTY);
        assertThat(eventsSince(seq, InodeStateChange.class))
                .filteredOn(c -> c.dev() == st.dev() && c.ino() == st.ino())
                .anySatisfy(c -> {
                    assertThat(c.oldState()).contains(InodeState.I_SYNC);
                    assertThat(c.newState()).doesNotContain(InodeState.I_SYNC, InodeState.I_DIRTY_PAGES);
                    assertThat(c.ioList()).isEqualTo(InodeIoList.NONE);
                });
    }

    @Test
    void dropCachesShrinksEveryCacheWithTriggerDropCaches() {
        writeMotd();
        kernel.sync();
        long seq = kernel.trace().nextSeq();

        kernel.dropCaches(3);

        List<CacheShrink> shrinks = eventsSince(seq, CacheShrink.class);
        assertThat(shrinks).isNotEmpty().allSatisfy(s -> assertThat(s.trigger()).isEqualTo(CacheShrink.Trigger.DROP_CACHES));
        assertThat(shrinks).extracting(CacheShrink::cache)
                .contains(CacheShrink.Cache.PAGES, CacheShrink.Cache.DENTRIES, CacheShrink.Cache.INODES);
        assertThat(shrinks).filteredOn(s -> s.cache() == CacheShrink.Cache.PAGES).singleElement()
                .satisfies(s -> assertThat(s.freed()).isPositive());
        assertThat(shrinks).filteredOn(s -> s.cache() == CacheShrink.Cache.DENTRIES)
                .anySatisfy(s -> assertThat(s.freed()).isPositive());
    }

    @Test
    void cacheLimitPressureShrinksWithTriggerShrinker() {
        for (int i = 0; i < 20; i++) {
            p.close(p.creat("/etc/f" + i, 0644));
        }
        long seq = kernel.trace().nextSeq();

        kernel.setCacheLimits(5, 100_000);
        kernel.reclaimIfOverLimits();

        assertThat(eventsSince(seq, CacheShrink.class)).isNotEmpty()
                .allSatisfy(s -> assertThat(s.trigger()).isEqualTo(CacheShrink.Trigger.SHRINKER))
                .anySatisfy(s -> {
                    assertThat(s.cache()).isEqualTo(CacheShrink.Cache.DENTRIES);
                    assertThat(s.freed()).isPositive();
                });
    }

    @Test
    void breadTracesOneBlockReadForTheDeviceInode(@TempDir Path dir) throws IOException {
        byte[] image = new byte[64 * 1024];
        new Random(7).nextBytes(image);
        Path file = Files.write(dir.resolve("disk.img"), image);
        InstrumentedDevice device = BlockDevices.openImage(file, BlockDevices.OpenMode.READ_ONLY, clock);
        BufferCache cache = kernel.openBlockDevice(device, 1024);
        long seq = kernel.trace().nextSeq();

        cache.bread(5); // bytes 5120..6143, in the page at 4096

        assertThat(eventsSince(seq, BlockIo.class)).singleElement().satisfies(io -> {
            assertThat(io.device()).isEqualTo(device.name());
            assertThat(io.offset()).isEqualTo(Folio.PAGE_SIZE);
            assertThat(io.length()).isEqualTo(Folio.PAGE_SIZE);
            assertThat(io.write()).isFalse();
            assertThat(io.failed()).isFalse();
            assertThat(io.originIno()).isEqualTo(cache.inode().ino());
        });
        kernel.closeBlockDevice(cache);
        device.close();
    }

    @Test
    void closedBlockDeviceIsNoLongerTraced(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("disk.img"), new byte[16 * 1024]);
        InstrumentedDevice device = BlockDevices.openImage(file, BlockDevices.OpenMode.READ_ONLY, clock);
        kernel.closeBlockDevice(kernel.openBlockDevice(device, 1024));
        long seq = kernel.trace().nextSeq();

        device.read(0, ByteBuffer.allocate(512));

        assertThat(eventsSince(seq, BlockIo.class)).isEmpty();
        device.close();
    }

    @Test
    void smallRingOverflowsAndCountsTheDrops() {
        Kernel small = Kernel.boot(clock, 8);
        Process q = Process.init(small);
        for (int i = 0; i < 10; i++) {
            q.mkdir("/d" + i, 0755);
        }

        EventRing ring = small.trace();
        assertThat(ring.nextSeq()).isGreaterThan(8);
        assertThat(ring.size()).isEqualTo(8);
        assertThat(ring.dropped()).isEqualTo(ring.nextSeq() - 8);
        assertThat(ring.since(0).missed()).isEqualTo(ring.dropped());
    }

    @Test
    void tracingOffRecordsNothing() {
        kernel.setTracing(false);
        kernel.setTraceLookups(true);
        long seq = kernel.trace().nextSeq();

        writeMotd();
        kernel.dropCaches(3);

        assertThat(kernel.trace().nextSeq()).isEqualTo(seq);
    }
}
