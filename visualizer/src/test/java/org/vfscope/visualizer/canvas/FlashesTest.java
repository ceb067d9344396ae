package org.vfscope.visualizer.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class FlashesTest {

    @Test
    void aFlashFadesLinearlyAndIsGoneAfterItsDuration() {
        Flashes<String, String> f = new Flashes<>(1000);
        f.add("a", "hit", 0);

        assertThat(f.strength(f.get("a", 0), 0)).isEqualTo(1.0);
        assertThat(f.strength(f.get("a", 250), 250)).isCloseTo(0.75, offset(1e-9));
        assertThat(f.get("a", 1000)).isNull();
        assertThat(f.prune(999)).isTrue();
        assertThat(f.prune(1000)).isFalse();
        assertThat(f.isEmpty()).isTrue();
    }

    @Test
    void aNewerFlashOfTheSameKeyReplacesTheOlder() {
        Flashes<String, String> f = new Flashes<>(1000);
        f.add("a", "hit", 0);
        f.add("a", "miss", 500);

        assertThat(f.get("a", 1200).kind()).isEqualTo("miss");
    }
}
