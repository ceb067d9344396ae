package org.vfscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vfscope.sys.Process;
import org.vfscope.vfs.Kernel;

/** The live source: fresh snapshots of the running kernel, events from its ring. */
class LiveSnapshotSourceTest {

    @Test
    void latestReflectsTheKernelNow() {
        Kernel k = Kernel.boot();
        LiveSnapshotSource source = new LiveSnapshotSource(k, new EventRing(16));
        long before = source.latest().dcache().stats().nrDentry();

        Process.init(k).mkdir("/a", 0755);

        assertThat(source.latest().dcache().stats().nrDentry()).isEqualTo(before + 1);
    }

    @Test
    void latestRecordsHowManyEventsCameBeforeIt() {
        EventRing ring = new EventRing(16);
        LiveSnapshotSource source = new LiveSnapshotSource(Kernel.boot(), ring);
        ring.offer(new ThrottlePause(1, 1));
        ring.offer(new ThrottlePause(2, 1));

        EngineSnapshot s = source.latest();

        assertThat(s.eventSeq()).isEqualTo(2);
        assertThat(source.latest().seq()).isEqualTo(s.seq() + 1);
    }

    @Test
    void withinTheMinimumIntervalLatestReturnsTheSameSnapshot() {
        Kernel k = Kernel.boot();
        LiveSnapshotSource source = new LiveSnapshotSource(k, new EventRing(16), Duration.ofHours(1));
        EngineSnapshot first = source.latest();

        Process.init(k).mkdir("/a", 0755);

        assertThat(source.latest()).isSameAs(first);
    }

    @Test
    void eventsSinceReadsTheRing() {
        EventRing ring = new EventRing(16);
        SnapshotSource source = new LiveSnapshotSource(Kernel.boot(), ring);
        ring.offer(new ThrottlePause(1, 1));
        ring.offer(new ThrottlePause(2, 1));

        EventBatch batch = source.eventsSince(1);

        assertThat(batch.events()).extracting(SequencedEvent::event).containsExactly(new ThrottlePause(2, 1));
    }
}
