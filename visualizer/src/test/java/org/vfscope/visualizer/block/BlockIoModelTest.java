package org.vfscope.visualizer.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfscope.trace.BlockIo;
import org.vfscope.trace.TraceEvent;
import org.vfscope.visualizer.Fixtures;
import org.vfscope.visualizer.Frame;

class BlockIoModelTest {

    private static Frame frame(List<TraceEvent> events) {
        return new Frame(Fixtures.snapshot(1, 0), events, 0, 0);
    }

    @Test
    void withoutDeviceStatisticsTheCountersAndHistogramComeFromEvents() {
        BlockIoModelBuilder b = new BlockIoModelBuilder();
        b.setDevice(new BlockDevice("sda", 1 << 20, 4096, null, block -> block < 4 ? BlockKind.METADATA : BlockKind.FREE));

        BlockIoModel m = b.build(frame(List.of(
                new BlockIo(0, "sda", 0, 4096, false, 1000, -1, null),
                new BlockIo(500, "sda", 8192, 8192, true, 1000, -1, null),
                new BlockIo(9000, "sdb", 0, 4096, false, 1000, -1, null))));

        assertThat(m.cells()).isEqualTo(256);
        assertThat(m.cellKinds()[0]).isEqualTo(BlockKind.METADATA);
        assertThat(m.cellKinds()[4]).isEqualTo(BlockKind.FREE);
        assertThat(m.recent()).hasSize(2);
        assertThat(m.cellsOf(m.recent().get(1))).containsExactly(2, 3);
        assertThat(m.totals().reads()).isEqualTo(1);
        assertThat(m.totals().bytesWritten()).isEqualTo(8192);
        assertThat(m.totals().inFlight()).as("the two overlapped").isEqualTo(2);
        assertThat(m.latencyHistogram()[9]).isEqualTo(2); // 1000 ns is in [512, 1024)
    }

    @Test
    void aReplayThatGoesBackStartsTheCountsAgain() {
        BlockIoModelBuilder b = new BlockIoModelBuilder();
        b.setDevice(BlockDevice.of("sda", 1 << 20, 4096));
        List<TraceEvent> oneRead = List.of(new BlockIo(0, "sda", 0, 4096, false, 1000, -1, null));
        b.build(new Frame(Fixtures.snapshot(1, 5_000_000_000L), oneRead, 0, 0));
        assertThat(b.build(new Frame(Fixtures.snapshot(2, 6_000_000_000L), oneRead, 0, 0)).totals().reads())
                .isEqualTo(2);

        BlockIoModel back = b.build(new Frame(Fixtures.snapshot(3, 1_000_000_000L), oneRead, 0, 0));

        assertThat(back.totals().reads()).isEqualTo(1);
        assertThat(back.latencyHistogram()[9]).isEqualTo(1);
    }

    @Test
    void aLargeDevicePutsSeveralBlocksInACellAndMetadataWins() {
        BlockIoModelBuilder b = new BlockIoModelBuilder();
        b.setDevice(new BlockDevice("big", 1L << 32, 4096, null, block -> block == 17 ? BlockKind.METADATA : BlockKind.DATA));

        BlockIoModel m = b.build(frame(List.of()));

        assertThat(m.cells()).isLessThanOrEqualTo(BlockIoModelBuilder.MAX_CELLS);
        assertThat(m.blocksPerCell()).isEqualTo(16);
        assertThat(m.cellKinds()[1]).isEqualTo(BlockKind.METADATA);
        assertThat(m.cellKinds()[2]).isEqualTo(BlockKind.DATA);
    }

    @Test
    void queueDepthIsTheMostRequestsInFlightAtOnce() {
        assertThat(BlockIoModelBuilder.maxConcurrent(List.of(
                new BlockIo(0, "d", 0, 1, false, 10, -1, null),
                new BlockIo(5, "d", 0, 1, false, 10, -1, null),
                new BlockIo(8, "d", 0, 1, false, 10, -1, null),
                new BlockIo(20, "d", 0, 1, false, 10, -1, null)))).isEqualTo(3);
        assertThat(BlockIoModelBuilder.maxConcurrent(List.of())).isZero();
    }

    @Test
    void layoutFindsMapCellsAndHistogramBuckets() {
        BlockIoLayout l = BlockIoLayout.of(256, 1200, 800, 1);

        assertThat(l.cellAt(l.map().cellX(5) + 1, l.mapTop() + l.map().cellY(5) + 1, 0)).isEqualTo(5);
        assertThat(l.cellAt(l.map().cellX(5) + 1, l.mapTop() - 3, 0)).isEqualTo(-1);
        assertThat(l.bucketAt(l.histX() + 1, l.chartsTop() + 5, 8, 26)).isEqualTo(8);
    }
}
