package org.vfscope.visualizer.inode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfscope.trace.InodeInfo;
import org.vfscope.trace.InodeIoList;
import org.vfscope.vfs.icache.InodeState;
import org.vfscope.visualizer.Fixtures;
import org.vfscope.visualizer.Frame;

class InodeCacheModelTest {

    private final InodeCacheModel m = new InodeCacheModelBuilder().build(Frame.of(Fixtures.snapshot(1, 5_000_000_000L)));

    @Test
    void writebackListsHoldTheirInodesInListOrderAndTheLruItsUnusedOnes() {
        assertThat(m.list(InodeIoList.B_DIRTY)).extracting(InodeInfo::ino).containsExactly(4L);
        assertThat(m.list(InodeIoList.B_IO)).isEmpty();
        assertThat(m.lru()).extracting(InodeInfo::ino).containsExactly(5L);
        assertThat(m.dirtyInodes()).isEqualTo(1);
        assertThat(InodeCacheView.counters(m)).extracting(c -> c.label() + "=" + c.value())
                .contains("nr_inodes=5", "dirty=1", "b_dirty=1");
    }

    @Test
    void tooltipShowsStateCountsPagesAndTheAgeOfTheDirtying() {
        InodeInfo data = m.inodes().get(0);

        String text = InodeTooltips.tooltip(data, m.names().nameOf(data.dev(), data.ino()), m.timeNanos());

        assertThat(text).isEqualTo("/data (ino 4, dev 1)\n"
                + "regular file · size 16 KiB · count 1 · nlink 1\n"
                + "pages cached 3, dirty 2\n"
                + "b_dirty, dirtied 4.0 s ago\n"
                + "not on the inode LRU\n"
                + "i_state: I_DIRTY_SYNC I_DIRTY_PAGES");
    }

    @Test
    void aCleanUnusedInodeWithPagesIsExplainedAsOffTheLru() {
        InodeInfo motd = Fixtures.inode(3, Fixtures.FILE, 4096, InodeIoList.NONE, 0, 2, 0, -1);
        InodeInfo unused = new InodeInfo(motd.dev(), motd.ino(), motd.state(), 0, 1, motd.mode(), motd.size(),
                motd.ioList(), 0, 2, 0, -1);

        assertThat(InodeTooltips.tooltip(unused, "/etc/motd", 0)).contains("off the LRU: it still has cached pages");
    }

    @Test
    void chipsAreHitOneByOneAndTheRestOfTheRowIsTheRow() {
        InodeCacheLayout l = InodeCacheLayout.of(1, m.inodes().size(), 1600, 900, 1);
        double rowY = l.rowY(0, 0) + l.rowHeight() / 2;
        List<InodeState> state = List.copyOf(m.inodes().get(0).state());

        InodeCacheLayout.Target first = l.hit(InodeCacheLayout.chipX(state, 0) + 2, rowY, 0, new int[4], m.inodes());
        InodeCacheLayout.Target second = l.hit(InodeCacheLayout.chipX(state, 1) + 2, rowY, 0, new int[4], m.inodes());
        InodeCacheLayout.Target row = l.hit(100, rowY, 0, new int[4], m.inodes());

        assertThat(first.chip()).isEqualTo(InodeState.I_DIRTY_SYNC);
        assertThat(second.chip()).isEqualTo(InodeState.I_DIRTY_PAGES);
        assertThat(row).isEqualTo(new InodeCacheLayout.Target(InodeCacheLayout.Part.ROW, -1, 0, null));
    }

    @Test
    void aChipOnAWritebackListLineIsItsInode() {
        InodeCacheLayout l = InodeCacheLayout.of(1, 5, 1600, 900, 1);

        InodeCacheLayout.Target t = l.hit(l.listChipX(0) + 10, l.listY(0) + 5, 0, new int[] {1, 0, 0, 0}, m.inodes());

        assertThat(t).isEqualTo(new InodeCacheLayout.Target(InodeCacheLayout.Part.LIST, 0, 0, null));
        assertThat(l.hit(l.listChipX(1) + 10, l.listY(0) + 5, 0, new int[] {1, 0, 0, 0}, m.inodes())).isNull();
    }

    @Test
    void inodesWithSomethingToWriteComeFirstThenByNumber() {
        assertThat(m.inodes()).extracting(InodeInfo::ino).containsExactly(4L, 1L, 2L, 3L, 5L);
    }
}
