package org.vfscope.visualizer.dentry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DentryCacheLayoutTest {

    @Test
    void theLruStripSitsAboveTheTreeAndEachFindsItsOwnCells() {
        DentryCacheLayout l = DentryCacheLayout.of(10, 1000, 800, 600, 1);

        var g = l.lru();
        assertThat(l.hit(g.cellX(3) + 1, g.cellY(3) + 1, 0)).isEqualTo(new DentryCacheLayout.Target(DentryCacheLayout.Part.LRU, 3));
        assertThat(l.treeTop()).isGreaterThan(g.y() + g.height());
        assertThat(l.hit(100, l.treeTop() + 2.5 * l.rowHeight(), 0))
                .isEqualTo(new DentryCacheLayout.Target(DentryCacheLayout.Part.ROW, 2));
        assertThat(l.hit(100, l.treeTop() + 2.5 * l.rowHeight(), 10 * l.rowHeight()))
                .as("scrolled by ten rows").isEqualTo(new DentryCacheLayout.Target(DentryCacheLayout.Part.ROW, 12));
    }

    @Test
    void aLongLruIsCutToItsAreaAndOnlyVisibleRowsAreDrawn() {
        DentryCacheLayout l = DentryCacheLayout.of(100_000, 100_000, 800, 600, 1);

        assertThat(l.lru().count()).isLessThan(100_000);
        assertThat(l.lruTotal()).isEqualTo(100_000);
        assertThat(l.endRow(0) - l.firstRow(0)).isLessThan(40);
        assertThat(l.contentHeight()).isEqualTo(100_000 * l.rowHeight());
    }
}
