package org.vfscope.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The trace ring: bounded, overwrites the oldest, counts drops, readers follow by sequence. */
class EventRingTest {

    private static TraceEvent pause(long n) {
        return new ThrottlePause(n, n);
    }

    private static List<Long> times(EventBatch batch) {
        return batch.events().stream().map(e -> e.event().timeNanos()).toList();
    }

    @Test
    void offerIntoFullRingDropsOldestAndCountsIt() {
        EventRing ring = new EventRing(3);
        for (long i = 0; i < 5; i++) {
            ring.offer(pause(i));
        }

        assertThat(ring.dropped()).isEqualTo(2);
        assertThat(ring.size()).isEqualTo(3);
        assertThat(times(ring.since(0))).containsExactly(2L, 3L, 4L);
    }

    @Test
    void ringBelowCapacityDropsNothing() {
        EventRing ring = new EventRing(3);
        ring.offer(pause(0));
        ring.offer(pause(1));

        assertThat(ring.dropped()).isZero();
        assertThat(times(ring.since(0))).containsExactly(0L, 1L);
    }

    @Test
    void sinceReturnsEventsInOrderWithTheirSequenceNumbers() {
        EventRing ring = new EventRing(8);
        for (long i = 0; i < 5; i++) {
            ring.offer(pause(100 + i));
        }

        EventBatch batch = ring.since(2);

        assertThat(batch.events()).extracting(SequencedEvent::seq).containsExactly(2L, 3L, 4L);
        assertThat(times(batch)).containsExactly(102L, 103L, 104L);
        assertThat(batch.nextSeq()).isEqualTo(5);
        assertThat(batch.missed()).isZero();
    }

    @Test
    void readerFollowingNextSeqSeesEachEventOnce() {
        EventRing ring = new EventRing(8);
        ring.offer(pause(0));
        ring.offer(pause(1));
        EventBatch first = ring.since(0);
        ring.offer(pause(2));

        EventBatch second = ring.since(first.nextSeq());

        assertThat(times(first)).containsExactly(0L, 1L);
        assertThat(times(second)).containsExactly(2L);
        assertThat(ring.since(second.nextSeq()).isEmpty()).isTrue();
    }

    @Test
    void sinceAnOverwrittenSequenceCountsTheMissedEvents() {
        EventRing ring = new EventRing(2);
        for (long i = 0; i < 5; i++) {
            ring.offer(pause(i));
        }

        EventBatch batch = ring.since(1);

        assertThat(batch.missed()).isEqualTo(2);
        assertThat(batch.events()).extracting(SequencedEvent::seq).containsExactly(3L, 4L);
    }

    @Test
    void sinceWithMaxReturnsAtMostMaxAndWhereToContinue() {
        EventRing ring = new EventRing(8);
        for (long i = 0; i < 6; i++) {
            ring.offer(pause(i));
        }

        EventBatch batch = ring.since(1, 2);

        assertThat(times(batch)).containsExactly(1L, 2L);
        assertThat(batch.nextSeq()).isEqualTo(3);
    }

    @Test
    void sinceBeyondTheNewestEventIsEmpty() {
        EventRing ring = new EventRing(4);
        ring.offer(pause(0));

        EventBatch batch = ring.since(10);

        assertThat(batch.isEmpty()).isTrue();
        assertThat(batch.nextSeq()).isEqualTo(1);
    }

    @Test
    void disabledRingIgnoresOffersWithoutCountingDrops() {
        EventRing ring = new EventRing(1);
        ring.setEnabled(false);
        ring.offer(pause(0));
        ring.offer(pause(1));

        assertThat(ring.nextSeq()).isZero();
        assertThat(ring.dropped()).isZero();
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new EventRing(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentWritersLoseOnlyTheOldestAndSequencesStayDense() throws Exception {
        int writers = 4;
        int each = 20_000;
        EventRing ring = new EventRing(1000);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < each; i++) {
                    ring.offer(pause(i));
                }
            });
            threads.add(t);
            t.start();
        }
        // A reader running alongside must never see a gap or a reordering within a batch.
        long next = 0;
        start.countDown();
        boolean writing = true;
        while (writing) {
            writing = threads.stream().anyMatch(Thread::isAlive);
            EventBatch batch = ring.since(next);
            List<Long> seqs = batch.events().stream().map(SequencedEvent::seq).toList();
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
            }
            next = batch.nextSeq();
        }
        for (Thread t : threads) {
            t.join();
        }

        long total = (long) writers * each;
        assertThat(ring.nextSeq()).isEqualTo(total);
        assertThat(ring.dropped()).isEqualTo(total - 1000);
        assertThat(ring.since(0).events()).hasSize(1000).first().extracting(SequencedEvent::seq)
                .isEqualTo(total - 1000);
    }
}
