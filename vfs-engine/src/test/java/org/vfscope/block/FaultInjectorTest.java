package org.vfscope.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vfscope.block.TestImages.assertErrno;
import static org.vfscope.block.TestImages.contents;
import static org.vfscope.block.TestImages.image;
import static org.vfscope.block.TestImages.manualClock;
import static org.vfscope.block.TestImages.overwrite;
import static org.vfscope.block.TestImages.pattern;
import static org.vfscope.block.TestImages.read;
import static org.vfscope.block.TestImages.write;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vfscope.block.FaultInjector.Rule;
import org.vfscope.block.FaultInjector.Target;
import org.vfscope.vfs.Errno;

class FaultInjectorTest {
    @TempDir
    Path dir;

    private final byte[] original = pattern(16 * 1024, 1);
    private final List<BlockIoEvent> events = new ArrayList<>();
    private Path img;
    private InstrumentedDevice dev;

    @BeforeEach
    void open() {
        img = image(dir, "a.img", original);
        dev = new InstrumentedDevice(FileBlockDevice.open(img, true), manualClock());
        dev.addListener(events::add);
    }

    @AfterEach
    void close() {
        dev.close();
    }

    @Test
    void readTouchingAFailingRangeFailsWithEio() {
        dev.faults().failReads(4096, 512);
        var e = assertErrno(Errno.EIO, () -> read(dev, 4000, 100));
        assertThat(e.getMessage()).contains("a.img", "injected read error");
        assertThat(read(dev, 4608, 512)).isEqualTo(Arrays.copyOfRange(original, 4608, 5120));
        assertThat(read(dev, 0, 4096)).isEqualTo(Arrays.copyOf(original, 4096));
    }

    @Test
    void aReadRuleLetsWritesThrough() {
        dev.faults().failReads(0, 4096);
        byte[] data = pattern(512, 2);
        write(dev, 0, data);
        assertThat(contents(img)).isEqualTo(overwrite(original, 0, data));
    }

    @Test
    void aFailingWriteReachesNothingAndReadsStillWork() {
        dev.faults().failWrites(8192, 4096);
        assertErrno(Errno.EIO, () -> write(dev, 8192, new byte[512]));
        assertThat(read(dev, 8192, 512)).isEqualTo(Arrays.copyOfRange(original, 8192, 8704));
        assertThat(contents(img)).isEqualTo(original);
    }

    @Test
    void aBothRuleFailsReadsAndWrites() {
        dev.faults().fail(0, 1, Target.BOTH);
        assertErrno(Errno.EIO, () -> read(dev, 0, 512));
        assertErrno(Errno.EIO, () -> write(dev, 0, new byte[512]));
    }

    @Test
    void aBlockRuleCoversWholeBlocks() {
        dev.faults().add(Rule.blocks(3, 2, 512, Target.READS));
        assertErrno(Errno.EIO, () -> read(dev, 1536, 1));
        assertErrno(Errno.EIO, () -> read(dev, 2559, 1));
        read(dev, 1535, 1);
        read(dev, 2560, 1);
    }

    @Test
    void removedAndClearedRulesNoLongerFail() {
        Rule rule = dev.faults().failReads(0, 512);
        dev.faults().failReads(1024, 512);
        assertThat(dev.faults().remove(rule)).isTrue();
        read(dev, 0, 512);
        assertErrno(Errno.EIO, () -> read(dev, 1024, 512));
        dev.faults().clear();
        assertThat(dev.faults().rules()).isEmpty();
        read(dev, 1024, 512);
    }

    @Test
    void afterThePowerCutEveryWriteIsDroppedAndFailsWithEio() {
        dev.faults().powerCutAfter(2);
        byte[] a = pattern(512, 2);
        byte[] b = pattern(512, 3);
        write(dev, 0, a);
        write(dev, 512, b);
        assertThat(dev.faults().isPowerCut()).isTrue();
        assertErrno(Errno.EIO, () -> write(dev, 1024, new byte[512]));
        assertErrno(Errno.EIO, () -> write(dev, 0, new byte[512]));
        assertErrno(Errno.EIO, dev::flush);
        assertThat(contents(img)).isEqualTo(overwrite(overwrite(original, 0, a), 512, b));
    }

    @Test
    void readsStillWorkAfterThePowerCut() {
        dev.faults().powerCutAfter(0);
        assertThat(read(dev, 0, 512)).isEqualTo(Arrays.copyOf(original, 512));
    }

    @Test
    void restoringPowerLetsWritesThroughAgain() {
        dev.faults().powerCutAfter(0);
        assertErrno(Errno.EIO, () -> write(dev, 0, new byte[1]));
        dev.faults().restorePower();
        write(dev, 0, new byte[1]);
        dev.flush();
        assertThat(dev.faults().writesUntilPowerCut()).isEqualTo(-1);
    }

    @Test
    void injectedFailuresAreCountedAndReportedAsEio() {
        dev.faults().failReads(0, 512);
        assertErrno(Errno.EIO, () -> read(dev, 0, 512));
        assertThat(dev.stats().errors()).isEqualTo(1);
        assertThat(dev.stats().bytesRead()).isZero();
        assertThat(events).singleElement().satisfies(e -> assertThat(e.error()).isEqualTo(Errno.EIO));
    }
}
