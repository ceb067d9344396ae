package org.vfscope.visualizer.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void numbersReadTheWayTheViewsPrintThem() {
        assertThat(Format.count(1204)).isEqualTo("1,204");
        assertThat(Format.age(4_200_000_000L)).isEqualTo("4.2 s");
        assertThat(Format.age(245_000_000_000L)).isEqualTo("4 min 5 s");
        assertThat(Format.bytes(4096)).isEqualTo("4 KiB");
        assertThat(Format.bytes(1536 * 1024)).isEqualTo("1.5 MiB");
        assertThat(Format.latency(800)).isEqualTo("800 ns");
        assertThat(Format.latency(3_400_000)).isEqualTo("3.4 ms");
    }
}
