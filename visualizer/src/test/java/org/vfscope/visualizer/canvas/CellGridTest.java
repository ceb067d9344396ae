package org.vfscope.visualizer.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellGridTest {

    @Test
    void fitPutsAsManyColumnsAsTheWidthHoldsAndWrapsTheRest() {
        CellGrid g = CellGrid.fit(10, 20, 100, 10, 2, 25);

        assertThat(g.columns()).isEqualTo(8); // 8 * 12 - 2 = 94 <= 100
        assertThat(g.rows()).isEqualTo(4);
        assertThat(g.cellX(9)).isEqualTo(22);
        assertThat(g.cellY(9)).isEqualTo(32);
        assertThat(g.height()).isEqualTo(4 * 12 - 2);
    }

    @Test
    void aPointOnACellFindsItAndGapsAndThePastTheEndFindNothing() {
        CellGrid g = CellGrid.fit(10, 20, 100, 10, 2, 25);

        assertThat(g.indexAt(15, 25)).isZero();
        assertThat(g.indexAt(22 + 9.9, 32 + 5)).isEqualTo(9);
        assertThat(g.indexAt(20.5, 25)).as("the gap after cell 0").isEqualTo(-1);
        assertThat(g.indexAt(5, 25)).as("left of the grid").isEqualTo(-1);
        assertThat(g.indexAt(10 + 12 * 3 + 1, 20 + 12 * 3 + 1)).as("row 3 holds cells 24..; 27 does not exist")
                .isEqualTo(-1);
        assertThat(g.indexAt(10 + 1, 20 + 12 * 3 + 1)).isEqualTo(24);
    }

    @Test
    void visibleRangeCoversWholeRowsBetweenTwoHeights() {
        CellGrid g = CellGrid.fit(0, 0, 100, 10, 0, 100); // 10 per row

        assertThat(g.firstIndexAtOrBelow(25)).isEqualTo(20);
        assertThat(g.endIndexAtOrAbove(35)).isEqualTo(40);
        assertThat(g.endIndexAtOrAbove(-1)).isZero();
        assertThat(g.endIndexAtOrAbove(10_000)).isEqualTo(100);
    }

    @Test
    void cellToFitShrinksCellsUntilEverythingFits() {
        double big = CellGrid.cellToFit(200, 200, 10, 3, 20, 0);
        double small = CellGrid.cellToFit(200, 200, 400, 3, 20, 0);
        double none = CellGrid.cellToFit(200, 200, 10_000, 3, 20, 0);

        assertThat(big).isEqualTo(20);
        assertThat(small).as("20 x 20 cells of 10 px").isEqualTo(10);
        assertThat(none).isEqualTo(3);
    }
}
