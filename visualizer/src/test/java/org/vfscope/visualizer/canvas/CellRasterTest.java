package org.vfscope.visualizer.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellRasterTest {

    @Test
    void fillIsClippedToTheBuffer() {
        CellRaster r = new CellRaster();
        r.reset(10, 10, 0xff000000);

        r.fill(8, 8, 5, 5, 0xffffffff);

        assertThat(r.pixel(9, 9)).isEqualTo(0xffffffff);
        assertThat(r.pixel(7, 7)).isEqualTo(0xff000000);
    }

    @Test
    void outlineLeavesTheInsideAlone() {
        CellRaster r = new CellRaster();
        r.reset(10, 10, 0);

        r.outline(0, 0, 5, 5, 1);

        assertThat(r.pixel(0, 0)).isEqualTo(1);
        assertThat(r.pixel(4, 2)).isEqualTo(1);
        assertThat(r.pixel(2, 2)).isZero();
    }
}
