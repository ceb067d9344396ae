package org.vfscope.block;

import java.util.List;

/**
 * A snapshot of a device's I/O counters (/sys/block/X/stat, in spirit). Requests are counted
 * whether they succeed or not; bytes only when transferred. The latency histogram has log2
 * buckets: bucket {@code i} counts requests that took {@code [2^i, 2^(i+1))} ns (bucket 0 also
 * holds 0 ns). Counters are read one by one, so a snapshot taken during I/O may be off by the
 * requests in flight.
 */
public record IoStats(long reads, long writes, long flushes, long bytesRead, long bytesWritten, long errors,
                      long totalLatencyNanos, int inFlight, int maxInFlight, List<Long> latencyHistogram) {
    public static final int BUCKETS = 64;

    public IoStats {
        latencyHistogram = List.copyOf(latencyHistogram);
    }

    /** The histogram bucket a latency falls into. */
    public static int bucketOf(long nanos) {
        return 63 - Long.numberOfLeadingZeros(Math.max(1, nanos));
    }

    /** The smallest latency counted in {@code bucket}. */
    public static long bucketLowerBoundNanos(int bucket) {
        return bucket == 0 ? 0 : 1L << bucket;
    }

    /** Reads plus writes. */
    public long requests() {
        return reads + writes;
    }

    public long meanLatencyNanos() {
        return requests() == 0 ? 0 : totalLatencyNanos / requests();
    }

    /**
     * An upper bound for the {@code q}-quantile latency ({@code 0 < q <= 1}), at histogram precision: the
     * upper edge of the bucket holding it; 0 when nothing was measured.
     */
    public long latencyPercentileNanos(double q) {
        long total = latencyHistogram.stream().mapToLong(Long::longValue).sum();
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < latencyHistogram.size(); i++) {
            seen += latencyHistogram.get(i);
            if (seen >= rank && seen > 0) {
                return i >= 62 ? Long.MAX_VALUE : (1L << (i + 1)) - 1;
            }
        }
        return 0;
    }
}
