package org.vfscope.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class IoStatsTest {

    @Test
    void bucketsAreLog2OfTheLatency() {
        assertThat(IoStats.bucketOf(0)).isZero();
        assertThat(IoStats.bucketOf(1)).isZero();
        assertThat(IoStats.bucketOf(2)).isEqualTo(1);
        assertThat(IoStats.bucketOf(1023)).isEqualTo(9);
        assertThat(IoStats.bucketOf(1024)).isEqualTo(10);
        assertThat(IoStats.bucketLowerBoundNanos(10)).isEqualTo(1024);
    }

    @Test
    void percentileIsTheUpperEdgeOfTheBucketHoldingIt() {
        List<Long> histogram = new ArrayList<>(Collections.nCopies(IoStats.BUCKETS, 0L));
        histogram.set(10, 99L);
        histogram.set(20, 1L);
        IoStats stats = new IoStats(100, 0, 0, 0, 0, 0, 0, 0, 0, histogram);
        assertThat(stats.latencyPercentileNanos(0.5)).isEqualTo(2047);
        assertThat(stats.latencyPercentileNanos(0.99)).isEqualTo(2047);
        assertThat(stats.latencyPercentileNanos(1.0)).isEqualTo((1L << 21) - 1);
    }

    @Test
    void theHistogramCannotBeChangedThroughTheSnapshot() {
        List<Long> histogram = new ArrayList<>(Collections.nCopies(IoStats.BUCKETS, 0L));
        IoStats stats = new IoStats(0, 0, 0, 0, 0, 0, 0, 0, 0, histogram);
        histogram.set(0, 5L);
        assertThat(stats.latencyHistogram().get(0)).isZero();
        assertThat(stats.meanLatencyNanos()).isZero();
    }
}
