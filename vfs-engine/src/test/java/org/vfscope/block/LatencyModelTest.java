package org.vfscope.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.block.TestImages.image;
import static org.vfscope.block.TestImages.manualClock;
import static org.vfscope.block.TestImages.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.vfs.KernelClock;

class LatencyModelTest {
    private static final int SIZE = 1 << 20;

    @TempDir
    Path dir;

    private final KernelClock.Manual clock = manualClock();
    private final List<BlockIoEvent> events = new ArrayList<>();
    private InstrumentedDevice dev;

    @BeforeEach
    void open() {
        dev = new InstrumentedDevice(FileBlockDevice.open(image(dir, "a.img", new byte[SIZE]), false), clock);
        dev.addListener(events::add);
    }

    /** The simulated time one 4 KiB read at {@code offset} takes. */
    private long timeToRead(long offset) {
        long before = clock.nanoTime();
        read(dev, offset, 4096);
        return clock.nanoTime() - before;
    }

    @Test
    void noneTakesNoTime() {
        assertThat(timeToRead(0)).isZero();
    }

    @Test
    void ssdCostsACommandOverheadPlusTransferWhereverTheDataIs() {
        dev.setLatencyModel(LatencyModel.SSD);
        long expected = 100_000 + 4096 * 1000 / 500;
        assertThat(timeToRead(SIZE - 4096)).isEqualTo(expected);
        assertThat(timeToRead(0)).isEqualTo(expected);
    }

    @Test
    void hddSeeksLongerToFarBlocksThanToNearOnes() {
        dev.setLatencyModel(LatencyModel.HDD);
        timeToRead(0);
        long near = timeToRead(16 * 4096);
        timeToRead(0);
        long far = timeToRead(SIZE - 4096);
        assertThat(far).isGreaterThan(near);
        assertThat(far - near).isGreaterThan(5_000_000); // most of a full stroke, 8 ms
    }

    @Test
    void hddStreamsASequentialRequestWithoutSeekingOrRotating() {
        dev.setLatencyModel(LatencyModel.HDD);
        long first = timeToRead(4096);
        long next = timeToRead(8192);
        assertThat(next).isEqualTo(4096 * 1000 / 150);
        assertThat(first).isGreaterThan(4_000_000);
    }

    @Test
    void slowTakesTwoHundredMillisecondsPerRequest() {
        dev.setLatencyModel(LatencyModel.SLOW);
        long before = clock.nanoTime();
        read(dev, 0, 512);
        read(dev, 512, 65536);
        read(dev, 900_000, 1);
        assertThat(clock.nanoTime() - before).isEqualTo(3 * 200_000_000L);
    }

    @Test
    void changingTheModelTakesEffectOnTheNextRequest() {
        dev.setLatencyModel(LatencyModel.SLOW);
        assertThat(timeToRead(0)).isEqualTo(200_000_000L);
        dev.setLatencyModel(LatencyModel.NONE);
        assertThat(timeToRead(0)).isZero();
        assertThat(dev.latencyModel()).isEqualTo(LatencyModel.NONE);
    }

    @Test
    void theDelayIsReportedWithTheRequest() {
        dev.setLatencyModel(LatencyModel.SLOW);
        clock.advanceMillis(5);
        read(dev, 1024, 512);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.startNanos()).isEqualTo(5_000_000L);
            assertThat(e.latencyNanos()).isEqualTo(200_000_000L);
        });
        assertThat(dev.stats().totalLatencyNanos()).isEqualTo(200_000_000L);
    }
}
