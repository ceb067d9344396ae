package org.vfscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChangeLogTest {
    /** A tracked object and nothing else. */
    private static final class Obj implements ChangeLog.Tracked {
        private int generation;

        @Override
        public int changeGeneration() {
            return generation;
        }

        @Override
        public void setChangeGeneration(int g) {
            generation = g;
        }
    }

    @Test
    void recordsNothingUntilEnabledAndThenReportsAnOverflowOnce() {
        ChangeLog<Obj> log = new ChangeLog<>(4);
        log.mark(new Obj());
        assertThat(log.isEnabled()).isFalse();
        log.enable();
        assertThat(log.drain().overflowed()).as("nothing was recorded before: a full copy first").isTrue();
        Obj a = new Obj();
        log.mark(a);
        assertThat(log.drain()).isEqualTo(new ChangeLog.Drained<>(java.util.List.of(a), false));
    }

    @Test
    void anObjectChangedTwiceInOneGenerationIsRecordedOnceAndAgainInTheNext() {
        ChangeLog<Obj> log = new ChangeLog<>(4);
        log.enable();
        log.drain();
        Obj a = new Obj();
        log.mark(a);
        log.mark(a);
        assertThat(log.drain().changed()).containsExactly(a);
        log.mark(a);
        assertThat(log.drain().changed()).containsExactly(a);
        assertThat(log.drain().changed()).isEmpty();
    }

    @Test
    void morePastTheBoundOverflowsAndTheNextGenerationStartsEmpty() {
        ChangeLog<Obj> log = new ChangeLog<>(3);
        log.enable();
        log.drain();
        for (int i = 0; i < 4; i++) {
            log.mark(new Obj());
        }
        ChangeLog.Drained<Obj> d = log.drain();
        assertThat(d.overflowed()).isTrue();
        assertThat(d.changed()).isEmpty();
        Obj b = new Obj();
        log.mark(b);
        assertThat(log.drain()).isEqualTo(new ChangeLog.Drained<>(java.util.List.of(b), false));
    }
}
