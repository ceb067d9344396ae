package org.vfscope.visualizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LongIndexTest {

    @Test
    void findsWhatWasPutThroughGrowthAndMissesTheRest() {
        LongIndex index = new LongIndex(2);
        for (int i = 0; i < 10_000; i++) {
            assertThat(index.putIfAbsent(i * 7919L - 5_000_000L, i)).isTrue();
        }

        assertThat(index.size()).isEqualTo(10_000);
        for (int i = 0; i < 10_000; i++) {
            assertThat(index.get(i * 7919L - 5_000_000L)).isEqualTo(i);
        }
        assertThat(index.get(1)).isEqualTo(-1);
        assertThat(index.get(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void keepsTheFirstValueOfAKey() {
        LongIndex index = new LongIndex(4);
        index.putIfAbsent(0, 3);

        assertThat(index.putIfAbsent(0, 9)).isFalse();
        assertThat(index.get(0)).isEqualTo(3);
        assertThatThrownBy(() -> index.putIfAbsent(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
