package org.vfscope.visualizer.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vfscope.trace.LiveSnapshotSource;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.RandomEngine;
import org.vfscope.visualizer.SnapshotFeed;

/**
 * The writeback model's inode rows, found frame after frame from the inode chunks that changed,
 * equal the rows found by scanning every cached inode of the same snapshot, over random workloads.
 */
class IncrementalWritebackModelTest {

    @Test
    void rowsFromChangedChunksEqualRowsFromAWholeScan() {
        for (long seed = 1; seed <= 4; seed++) {
            RandomEngine engine = new RandomEngine(seed);
            SnapshotFeed feed = new SnapshotFeed(new LiveSnapshotSource(engine.kernel, engine.kernel.trace()));
            WritebackModelBuilder patched = new WritebackModelBuilder();
            WritebackModelBuilder scratch = new WritebackModelBuilder(false);
            int framesWithRows = 0;
            int mostInodes = 0;
            for (int step = 0; step < 60; step++) {
                engine.churn(25);
                if (step % 7 == 6) {
                    engine.kernel.sync(); // rows leave as their inodes are written
                }
                Frame frame = feed.pollOnce();
                WritebackModel m = patched.build(frame);
                WritebackModel r = scratch.build(frame);
                assertThat(m.inodes()).as("seed %d step %d", seed, step).isEqualTo(r.inodes());
                framesWithRows += m.inodes().isEmpty() ? 0 : 1;
                mostInodes = Math.max(mostInodes, frame.snapshot().icache().inodes().size());
            }
            assertThat(framesWithRows).as("frames with inodes to write").isGreaterThan(10);
            assertThat(mostInodes).as("inodes: two chunks at least").isGreaterThan(1024);
        }
    }
}
