package org.vfscope.visualizer.dentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfscope.trace.DentryInfo;
import org.vfscope.trace.LiveSnapshotSource;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.RandomEngine;
import org.vfscope.visualizer.SnapshotFeed;

/**
 * The dentry model patched frame after frame (the outline moved where dentries came, went, or
 * changed parent or name; the LRU a stretch of the list) equals the model laid out from scratch
 * for the same snapshot, over random workloads with renames, unlinks, hard links, directories
 * moved, shrinking and drop_caches.
 */
class IncrementalDentryModelTest {

    @Test
    void patchedOutlineAndLruEqualOnesMadeFromScratch() {
        for (long seed = 1; seed <= 4; seed++) {
            RandomEngine engine = new RandomEngine(seed);
            SnapshotFeed feed = new SnapshotFeed(new LiveSnapshotSource(engine.kernel, engine.kernel.trace()));
            DentryCacheModelBuilder patched = new DentryCacheModelBuilder();
            DentryCacheModelBuilder scratch = new DentryCacheModelBuilder(false);
            int most = 0;
            for (int step = 0; step < 60; step++) {
                engine.churn(25);
                Frame frame = feed.pollOnce();
                DentryCacheModel m = patched.build(frame);
                DentryCacheModel r = scratch.build(frame);
                List<DentryInfo> dentries = frame.snapshot().dcache().dentries();
                List<DentryRow> expected = DentryCacheModelBuilder.outline(dentries, frame.names());
                assertThat(m.rows()).hasSize(expected.size());
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(m.rows().get(i)).as("row %d of step %d", i, step).isEqualTo(expected.get(i));
                }
                assertThat(r.rows()).isEqualTo(expected);
                assertThat(m.lru()).isEqualTo(DentryCacheModelBuilder.lruOf(dentries));
                assertThat(m.lru()).isEqualTo(r.lru());
                most = Math.max(most, dentries.size());
            }
            assertThat(most).as("dentries: several chunks").isGreaterThan(3000);
            int[] frames = patched.outlineFrames();
            System.out.printf("seed %d: outline patched in %d frames, laid out from scratch in %d%n", seed, frames[0], frames[1]);
            assertThat(frames[0]).as("frames patched").isGreaterThan(30);
        }
    }
}
