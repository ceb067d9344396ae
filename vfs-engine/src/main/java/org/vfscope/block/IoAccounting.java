package org.vfscope.block;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link IoStats} (part_stat): lock-free, cheap on the I/O path. */
final class IoAccounting {
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder flushes = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder totalLatencyNanos = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLongArray histogram = new AtomicLongArray(IoStats.BUCKETS);

    void begin() {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    void end(boolean write, int bytes, long latencyNanos, boolean ok) {
        inFlight.decrementAndGet();
        (write ? writes : reads).increment();
        if (ok) {
            (write ? bytesWritten : bytesRead).add(bytes);
        } else {
            errors.increment();
        }
        totalLatencyNanos.add(latencyNanos);
        histogram.incrementAndGet(IoStats.bucketOf(latencyNanos));
    }

    void flushed(boolean ok) {
        flushes.increment();
        if (!ok) {
            errors.increment();
        }
    }

    IoStats snapshot() {
        List<Long> buckets = new ArrayList<>(IoStats.BUCKETS);
        for (int i = 0; i < IoStats.BUCKETS; i++) {
            buckets.add(histogram.get(i));
        }
        return new IoStats(reads.sum(), writes.sum(), flushes.sum(), bytesRead.sum(), bytesWritten.sum(),
                errors.sum(), totalLatencyNanos.sum(), inFlight.get(), maxInFlight.get(), buckets);
    }

    /** Zeroes the counters; requests in flight stay counted as such. */
    void reset() {
        for (LongAdder a : List.of(reads, writes, flushes, bytesRead, bytesWritten, errors, totalLatencyNanos)) {
            a.reset();
        }
        maxInFlight.set(inFlight.get());
        for (int i = 0; i < IoStats.BUCKETS; i++) {
            histogram.set(i, 0);
        }
    }
}
