package org.vfscope.visualizer.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViewportTest {

    @Test
    void scrollStaysBetweenTopAndTheLastWindowful() {
        Viewport v = new Viewport();
        v.setExtent(1000, 300);

        v.scrollBy(-50);
        assertThat(v.scrollY()).isZero();
        v.scrollBy(5000);
        assertThat(v.scrollY()).isEqualTo(700);
        v.setExtent(400, 300);
        assertThat(v.scrollY()).as("content shrank").isEqualTo(100);
    }

    @Test
    void zoomIsBounded() {
        Viewport v = new Viewport();
        for (int i = 0; i < 20; i++) {
            v.zoomBy(2);
        }
        assertThat(v.zoom()).isEqualTo(Viewport.MAX_ZOOM);
        v.setZoom(0);
        assertThat(v.zoom()).isEqualTo(Viewport.MIN_ZOOM);
    }
}
