package org.vfscope.visualizer.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vfscope.trace.PageInfo;
import org.vfscope.trace.PageLru;
import org.vfscope.visualizer.Fixtures;
import org.vfscope.visualizer.Frame;
import org.vfscope.visualizer.InodeKey;

class PageCacheModelTest {

    @Test
    void listsRunHeadToTailAndFilesKeepTheirColourFromFrameToFrame() {
        PageCacheModelBuilder b = new PageCacheModelBuilder();
        PageCacheModel first = b.build(Frame.of(Fixtures.snapshot(1, 0)));
        PageCacheModel second = b.build(Frame.of(Fixtures.snapshot(2, 0, Fixtures.dentries(), Fixtures.inodes(),
                List.of(Fixtures.page(4, 0, PageLru.INACTIVE, 0)))));

        assertThat(first.active()).extracting(PageInfo::index).containsExactly(0L);
        assertThat(first.inactive()).extracting(p -> p.ino() + ":" + p.index()).containsExactly("4:2", "4:0", "4:1", "3:1");
        int dataColor = first.files().get(new InodeKey(1, 4)).color();
        assertThat(first.files().get(new InodeKey(1, 3)).color()).isNotEqualTo(dataColor);
        assertThat(second.inactiveColors()).containsExactly(dataColor);
    }

    @Test
    void aFilesPageMapSpansItsSizeAndTheDefaultMapIsTheFileWithMostPages() {
        PageCacheModel m = new PageCacheModelBuilder().build(Frame.of(Fixtures.snapshot(1, 0)));

        FilePages data = m.files().get(new InodeKey(1, 4));
        assertThat(data.name()).isEqualTo("/data");
        assertThat(data.sizePages()).isEqualTo(4);
        assertThat(data.mapLength()).isEqualTo(4);
        assertThat(data.pagesByIndex()).extracting(PageInfo::index).containsExactly(0L, 1L, 2L);
        assertThat(m.defaultMapFile()).isEqualTo(new InodeKey(1, 4));
        assertThat(PageCacheView.counters(m)).extracting(c -> c.label() + "=" + c.value())
                .contains("pages cached=5", "active=1", "inactive=4", "dirty=2", "files=2");
    }

    @Test
    void workingsetCountersShowWhenTheSourceGivesThem() {
        PageCacheModelBuilder b = new PageCacheModelBuilder();
        b.setWorkingset(() -> new WorkingsetCounters(7, 3));

        PageCacheModel m = b.build(Frame.of(Fixtures.snapshot(1, 0)));

        assertThat(PageCacheView.counters(m)).extracting(c -> c.label() + "=" + c.value())
                .contains("evictions=7", "refaults=3");
    }

    @Test
    void layoutFindsCellsInEachPartAndNothingInTheGaps() {
        PageCacheLayout l = PageCacheLayout.of(1, 4, 4, 1000, 700, 1);

        assertThat(l.hit(l.active().cellX(0) + 1, l.top() + l.active().cellY(0) + 1, 0))
                .isEqualTo(new PageCacheLayout.Target(PageCacheLayout.Part.ACTIVE, 0));
        assertThat(l.hit(l.inactive().cellX(3) + 1, l.top() + l.inactive().cellY(3) + 1, 0))
                .isEqualTo(new PageCacheLayout.Target(PageCacheLayout.Part.INACTIVE, 3));
        assertThat(l.hit(l.map().cellX(2) + 1, l.top() + l.map().cellY(2) + 1, 0))
                .isEqualTo(new PageCacheLayout.Target(PageCacheLayout.Part.MAP, 2));
        assertThat(l.hit(l.inactive().cellX(4) + 1, l.top() + l.inactive().cellY(0) + 1, 0)).isNull();
        assertThat(l.hit(5, 5, 0)).as("the header").isNull();
    }

    @Test
    void tooltipNamesFileOffsetListPlaceAndFlags() {
        PageInfo tail = Fixtures.page(3, 1, PageLru.INACTIVE, 3, org.vfscope.mm.FolioFlag.REFERENCED);

        assertThat(PageTooltips.page(tail, "/etc/motd", 4)).isEqualTo("/etc/motd (ino 3)\n"
                + "page 1, file offset 4 KiB\n"
                + "inactive list, position 3 of 4 from the head (reclaim takes it next)\n"
                + "flags: UPTODATE REFERENCED LRU");
        assertThat(PageTooltips.absent("/data", 3)).endsWith("not in the page cache");
    }
}
