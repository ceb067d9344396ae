package org.vfscope.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.block.TestImages.assertErrno;
import static org.vfscope.block.TestImages.image;
import static org.vfscope.block.TestImages.manualClock;
import static org.vfscope.block.TestImages.read;
import static org.vfscope.block.TestImages.write;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.KernelClock;

class InstrumentedDeviceTest {
    @TempDir
    Path dir;

    private final KernelClock.Manual clock = manualClock();
    private final List<BlockIoEvent> events = new ArrayList<>();
    private InstrumentedDevice dev;

    @BeforeEach
    void open() {
        dev = new InstrumentedDevice(FileBlockDevice.open(image(dir, "a.img", new byte[16 * 1024]), true), clock);
        dev.addListener(events::add);
    }

    @AfterEach
    void close() {
        dev.close();
    }

    @Test
    void statsCountRequestsAndBytes() {
        read(dev, 0, 4096);
        read(dev, 4096, 512);
        write(dev, 0, new byte[1024]);
        dev.flush();
        IoStats stats = dev.stats();
        assertThat(stats.reads()).isEqualTo(2);
        assertThat(stats.writes()).isEqualTo(1);
        assertThat(stats.flushes()).isEqualTo(1);
        assertThat(stats.bytesRead()).isEqualTo(4608);
        assertThat(stats.bytesWritten()).isEqualTo(1024);
        assertThat(stats.errors()).isZero();
        assertThat(stats.inFlight()).isZero();
    }

    @Test
    void aFailedRequestCountsAsAnErrorWithoutBytes() {
        assertErrno(Errno.EIO, () -> read(dev, 16 * 1024, 1));
        IoStats stats = dev.stats();
        assertThat(stats.reads()).isEqualTo(1);
        assertThat(stats.errors()).isEqualTo(1);
        assertThat(stats.bytesRead()).isZero();
        assertThat(events).singleElement().satisfies(e -> assertThat(e.error()).isEqualTo(Errno.EIO));
    }

    @Test
    void eachRequestIsReportedAsAnEvent() {
        clock.advanceNanos(42);
        write(dev, 1024, new byte[512]);
        assertThat(events).containsExactly(new BlockIoEvent(42, 1024, 512, true, 0, -1, null));
    }

    @Test
    void eventsCarryTheInodeSetByIoOrigin() {
        IoOrigin.with(12, () -> read(dev, 0, 512));
        read(dev, 512, 512);
        assertThat(events).extracting(BlockIoEvent::originIno).containsExactly(12L, -1L);
    }

    @Test
    void theRequestIsInFlightWhileItIsDelayed() {
        dev.setLatencyModel(LatencyModel.SSD);
        AtomicInteger seen = new AtomicInteger(-1);
        clock.schedule(1, () -> seen.set(dev.stats().inFlight())); // runs inside the request's sleep
        read(dev, 0, 512);
        assertThat(seen).hasValue(1);
        assertThat(dev.stats().inFlight()).isZero();
        assertThat(dev.stats().maxInFlight()).isEqualTo(1);
    }

    @Test
    void latenciesFillLog2HistogramBuckets() {
        dev.setLatencyModel(LatencyModel.SLOW);
        read(dev, 0, 512);
        dev.setLatencyModel(LatencyModel.NONE);
        read(dev, 0, 512);
        List<Long> histogram = dev.stats().latencyHistogram();
        assertThat(histogram).hasSize(IoStats.BUCKETS);
        assertThat(histogram.get(IoStats.bucketOf(200_000_000L))).isEqualTo(1);
        assertThat(histogram.get(0)).isEqualTo(1);
        assertThat(histogram.stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    }

    @Test
    void resetStatsStartsFromZero() {
        read(dev, 0, 512);
        dev.resetStats();
        assertThat(dev.stats().requests()).isZero();
        assertThat(dev.stats().latencyHistogram()).containsOnly(0L);
    }

    @Test
    void aRemovedListenerHearsNothing() {
        List<BlockIoEvent> other = new ArrayList<>();
        Consumer<BlockIoEvent> listener = other::add;
        dev.addListener(listener);
        dev.removeListener(listener);
        read(dev, 0, 512);
        assertThat(other).isEmpty();
        assertThat(events).hasSize(1);
    }

    @Test
    void aFailingListenerDoesNotFailTheRequest() {
        dev.addListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        read(dev, 0, 512);
        assertThat(dev.stats().errors()).isZero();
    }

    @Test
    void writeToAReadOnlyDeviceFailsWithErofsBeforeBecomingARequest() {
        try (InstrumentedDevice ro = new InstrumentedDevice(
                FileBlockDevice.open(image(dir, "ro.img", new byte[1024]), false), clock)) {
            assertErrno(Errno.EROFS, () -> write(ro, 0, new byte[1]));
            assertThat(ro.stats().writes()).isZero();
        }
    }

    @Test
    void describesTheDeviceUnderneath() {
        assertThat(dev.name()).isEqualTo("a.img");
        assertThat(dev.size()).isEqualTo(16 * 1024);
        assertThat(dev.logicalBlockSize()).isEqualTo(512);
        assertThat(dev.isReadOnly()).isFalse();
        assertThat(dev.inner()).isInstanceOf(FileBlockDevice.class);
    }
}
