package org.vfscope.visualizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaybackTest {

    @Test
    void whilePausedEachStepAdmitsExactlyOneFrame() {
        Playback p = new Playback();
        assertThat(p.admitFrame()).isTrue();

        p.setPaused(true);
        assertThat(p.admitFrame()).isFalse();
        p.step();
        p.step();
        assertThat(p.admitFrame()).isTrue();
        assertThat(p.admitFrame()).isTrue();
        assertThat(p.admitFrame()).isFalse();
    }

    @Test
    void speedMustBePositiveAndListenersHearChanges() {
        Playback p = new Playback();
        int[] heard = {0};
        p.addListener(() -> heard[0]++);

        p.setSpeed(2);
        p.setPaused(true);

        assertThat(p.speed()).isEqualTo(2);
        assertThat(heard[0]).isEqualTo(2);
        assertThatThrownBy(() -> p.setSpeed(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
