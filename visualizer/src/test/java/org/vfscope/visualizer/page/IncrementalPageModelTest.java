package org.vfscope.visualizer.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vfscope.trace.LiveSnapshotSource;
import org.vfscope.trace.PageInfo;
import org.vfscope.trace.PageLru;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.InodeKey;
import org.vfscope.visualizer.RandomEngine;
import org.vfscope.visualizer.SnapshotFeed;

/**
 * The page cache model patched frame after frame from the chunks that changed equals the model
 * derived from scratch for the same snapshot, over random workloads: both the builder's own
 * from-scratch mode (same colour history) and the lists, marks and files computed here directly.
 */
class IncrementalPageModelTest {

    @Test
    void patchedModelsEqualModelsBuiltFromScratch() {
        for (long seed = 1; seed <= 4; seed++) {
            RandomEngine engine = new RandomEngine(seed);
            SnapshotFeed feed = new SnapshotFeed(new LiveSnapshotSource(engine.kernel, engine.kernel.trace()));
            PageCacheModelBuilder patched = new PageCacheModelBuilder();
            PageCacheModelBuilder scratch = new PageCacheModelBuilder(false);
            int most = 0;
            for (int step = 0; step < 60; step++) {
                engine.churn(25);
                Frame frame = feed.pollOnce();
                PageCacheModel m = patched.build(frame);
                PageCacheModel r = scratch.build(frame);
                assertEqual(m, r);
                assertMatchesSnapshot(m, frame);
                most = Math.max(most, frame.snapshot().pageCache().pages().size());
            }
            assertThat(most).as("pages: several chunks").isGreaterThan(2048);
        }
    }

    private static void assertEqual(PageCacheModel m, PageCacheModel r) {
        assertThat(m.active()).isEqualTo(r.active());
        assertThat(m.inactive()).isEqualTo(r.inactive());
        assertThat(m.activeColors()).isEqualTo(r.activeColors());
        assertThat(m.inactiveColors()).isEqualTo(r.inactiveColors());
        assertThat(m.activeMarks()).isEqualTo(r.activeMarks());
        assertThat(m.inactiveMarks()).isEqualTo(r.inactiveMarks());
        assertThat(m.files()).isEqualTo(r.files());
        assertThat(m.filesByPages()).isEqualTo(r.filesByPages());
    }

    /** What the model must say, computed here the plain way from the snapshot's page list. */
    private static void assertMatchesSnapshot(PageCacheModel m, Frame frame) {
        List<PageInfo> pages = frame.snapshot().pageCache().pages();
        List<PageInfo> active = pages.stream().filter(p -> p.lru() == PageLru.ACTIVE).toList();
        List<PageInfo> inactive = pages.stream().filter(p -> p.lru() != PageLru.ACTIVE).toList();
        assertThat(m.active()).isEqualTo(active);
        assertThat(m.inactive()).isEqualTo(inactive);
        Map<InodeKey, List<PageInfo>> byFile = new LinkedHashMap<>();
        for (PageInfo p : pages) {
            byFile.computeIfAbsent(new InodeKey(p.dev(), p.ino()), k -> new ArrayList<>()).add(p);
        }
        assertThat(m.files().keySet()).isEqualTo(byFile.keySet());
        for (Map.Entry<InodeKey, List<PageInfo>> e : byFile.entrySet()) {
            List<PageInfo> expected = new ArrayList<>(e.getValue());
            expected.sort(Comparator.comparingLong(PageInfo::index));
            FilePages f = m.files().get(e.getKey());
            assertThat(f.pagesByIndex()).isEqualTo(expected);
            assertThat(f.name()).isEqualTo(frame.names().nameOf(e.getKey().dev(), e.getKey().ino()));
        }
        for (int i = 0; i < active.size(); i++) {
            PageInfo p = active.get(i);
            assertThat(m.activeMarks()[i]).isEqualTo(PageCellPainter.marks(p.flags()));
            assertThat(m.activeColors()[i]).isEqualTo(m.files().get(new InodeKey(p.dev(), p.ino())).color());
        }
        for (int i = 0; i < inactive.size(); i++) {
            PageInfo p = inactive.get(i);
            assertThat(m.inactiveMarks()[i]).isEqualTo(PageCellPainter.marks(p.flags()));
            assertThat(m.inactiveColors()[i]).isEqualTo(m.files().get(new InodeKey(p.dev(), p.ino())).color());
        }
        List<FilePages> byPages = new ArrayList<>(m.files().values());
        byPages.sort(Comparator.comparingInt((FilePages f) -> f.pagesByIndex().size()).reversed()
                .thenComparing(FilePages::name));
        assertThat(m.filesByPages()).isEqualTo(byPages);
    }
}
