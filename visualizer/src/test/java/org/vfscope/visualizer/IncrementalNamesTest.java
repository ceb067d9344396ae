package org.vfscope.visualizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vfscope.trace.DentryInfo;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.LiveSnapshotSource;

/**
 * Names made frame after frame from the previous frame's (patched with the dentry chunks that
 * changed) answer every question as names made from scratch for the same snapshot do.
 */
class IncrementalNamesTest {
    private static final java.util.Set<List<Long>> INODES_SEEN = new java.util.HashSet<>();

    @Test
    void namesPatchedFromThePreviousFrameEqualNamesMadeFromScratch() {
        for (long seed = 1; seed <= 4; seed++) {
            RandomEngine engine = new RandomEngine(seed);
            INODES_SEEN.clear();
            SnapshotFeed feed = new SnapshotFeed(new LiveSnapshotSource(engine.kernel, engine.kernel.trace()));
            Random skip = new Random(seed);
            int compared = 0;
            int patched = 0;
            List<DentryInfo> last = null;
            int most = 0;
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int step = 0; step < 60; step++) {
                engine.churn(25);
                Frame frame = feed.pollOnce();
                int ask = skip.nextInt(6);
                if (ask == 0) {
                    continue; // no one asked for this frame's names: the next starts from the last that were indexed
                }
                if (ask == 1) {
                    frame.names(); // made but never indexed: passed over too
                    continue;
                }
                EngineSnapshot s = frame.snapshot();
                patched += last != null && last != s.dcache().dentries() ? 1 : 0;
                last = s.dcache().dentries();
                most = Math.max(most, last.size());
                assertSameAnswers(frame.names(), new DcacheNames(s.dcache(), s.superBlocks()), s.dcache().dentries(), seen);
                compared++;
            }
            assertThat(compared).isGreaterThan(25);
            assertThat(patched).as("frames whose names were patched, not reused").isGreaterThan(20);
            assertThat(most).as("dentries: several chunks").isGreaterThan(3000);
        }
    }

    /** Also that the dentries {@code seen} in earlier frames and gone now are not found. */
    private static void assertSameAnswers(DcacheNames patched, DcacheNames fresh, List<DentryInfo> dentries,
                                          java.util.Set<Long> seen) {
        java.util.Set<Long> gone = new java.util.HashSet<>(seen);
        for (DentryInfo d : dentries) {
            gone.remove(d.id());
            seen.add(d.id());
        }
        for (DentryInfo d : dentries) {
            if (d.ino() >= 0) {
                INODES_SEEN.add(List.of(d.dev(), d.ino()));
            }
        }
        for (List<Long> inode : INODES_SEEN) { // an inode whose last dentry went has no path any more
            assertThat(patched.pathOf(inode.get(0), inode.get(1))).isEqualTo(fresh.pathOf(inode.get(0), inode.get(1)));
        }
        for (long id : gone) {
            assertThat(patched.indexOf(id)).isEqualTo(-1);
            assertThat(patched.dentry(id)).isNull();
        }
        for (int i = 0; i < dentries.size(); i++) {
            DentryInfo d = dentries.get(i);
            assertThat(patched.indexOf(d.id())).isEqualTo(i);
            assertThat(patched.dentry(d.id())).isEqualTo(d);
            assertThat(patched.path(d)).isEqualTo(fresh.path(d));
            if (d.ino() >= 0) {
                assertThat(patched.pathOf(d.dev(), d.ino())).isEqualTo(fresh.pathOf(d.dev(), d.ino()));
            }
        }
        assertThat(patched.indexOf(Long.MAX_VALUE - 7)).isEqualTo(-1);
        assertThat(patched.dentry(Long.MAX_VALUE - 7)).isNull();
    }
}
