package org.vfscope.visualizer.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfscope.trace.BlockIo;
import org.vfscope.trace.ThrottlePause;
import org.vfscope.trace.TraceEvent;
import org.vfscope.trace.WritebackSingleInode;
import org.vfscope.visualizer.Fixtures;
import org.vfscope.visualizer.Frame;

class WritebackModelTest {
    private static final long S = 1_000_000_000L;

    private static Frame at(long seconds, List<TraceEvent> events) {
        return new Frame(Fixtures.snapshot(seconds, seconds * S), events, 0, seconds * S);
    }

    @Test
    void keepsTheLastMinuteOfSamplesWithTheThresholds() {
        WritebackModelBuilder b = new WritebackModelBuilder();
        WritebackModel m = null;
        for (long t = 0; t <= 90; t += 10) {
            m = b.build(at(t, List.of()));
        }

        assertThat(m.samples()).extracting(WritebackSample::timeNanos).first().isEqualTo(30 * S);
        assertThat(m.latest().dirty()).isEqualTo(2);
        assertThat(m.backgroundThresh()).isEqualTo(100);
        assertThat(m.dirtyThresh()).isEqualTo(200);
        assertThat(m.throughput()).as("no events: unknown").isEqualTo(-1);
        assertThat(m.nextKupdateNanos()).isEqualTo(-1);
    }

    @Test
    void flusherEventsGiveProgressThroughputPausesAndTheNextKupdate() {
        WritebackModelBuilder b = new WritebackModelBuilder();
        b.build(at(0, List.of()));

        WritebackModel m = b.build(at(6, List.of(
                new WritebackSingleInode(5 * S, 1, 4, 10, WritebackSingleInode.Reason.KUPDATE),
                new ThrottlePause(5 * S, 200_000_000),
                new BlockIo(5 * S, "d", 0, 4096, true, 1, -1, "EIO"))));

        assertThat(m.nextKupdateNanos()).isEqualTo(10 * S);
        assertThat(m.throughput()).isEqualTo(2.0); // 10 pages in the last 5 s
        assertThat(m.pauses()).isEqualTo(1);
        assertThat(m.writeErrors()).isEqualTo(1);
        InodeProgress data = m.inodes().get(0);
        assertThat(data.inode().ino()).isEqualTo(4);
        assertThat(data.written()).isEqualTo(10);
        assertThat(data.remaining()).isEqualTo(2);
        assertThat(data.fraction()).isEqualTo(10.0 / 12);
        assertThat(WritebackView.counters(m)).extracting(c -> c.label() + "=" + c.value())
                .contains("next kupdate=in 4.0 s", "written/s=2", "write errors=1");
    }

    @Test
    void layoutMapsTimeToTheChartAndBack() {
        WritebackLayout l = WritebackLayout.of(3, 1200, 800, 1);

        assertThat(l.xOf(100 * S, 100 * S)).isEqualTo(l.chartX() + l.chartW());
        assertThat(l.xOf(40 * S, 100 * S)).isEqualTo(l.chartX());
        assertThat(l.timeAt(l.chartX() + l.chartW() / 2, 100 * S)).isEqualTo(70 * S);
        assertThat(l.rowAt(l.rowsTop() + l.rowHeight() * 1.5, 0)).isEqualTo(1);
        assertThat(l.rowAt(l.rowsTop() + l.rowHeight() * 3.5, 0)).isEqualTo(-1);
    }
}
