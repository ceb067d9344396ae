package org.vfscope.block;

/**
 * How long a simulated device takes to serve one request, like dm-delay with a disk's geometry in
 * mind. Deterministic (averages, no randomness), so tests and talks repeat exactly.
 */
public enum LatencyModel {
    /** As fast as the image file allows. */
    NONE {
        @Override
        public long serviceNanos(long offset, int length, long headPosition, long deviceSize) {
            return 0;
        }
    },
    /** A SATA SSD: a fixed command overhead plus transfer; where the data lies does not matter. */
    SSD {
        @Override
        public long serviceNanos(long offset, int length, long headPosition, long deviceSize) {
            return 100_000L + transferNanos(length, 500);
        }
    },
    /**
     * A 7200 rpm disk: a seek proportional to how far the head moves (up to a full stroke), half a
     * revolution of rotational latency on average, then transfer. A request that starts where the
     * last one ended streams on without seeking or waiting for the platter.
     */
    HDD {
        @Override
        public long serviceNanos(long offset, int length, long headPosition, long deviceSize) {
            long transfer = transferNanos(length, 150);
            if (offset == headPosition) {
                return transfer;
            }
            double stroke = deviceSize == 0 ? 0 : (double) Math.abs(offset - headPosition) / deviceSize;
            return (long) (Math.min(1.0, stroke) * HDD_FULL_STROKE_SEEK_NANOS) + HDD_AVERAGE_ROTATION_NANOS + transfer;
        }
    },
    /** Slow motion for talks and demos: every request takes a fifth of a second. */
    SLOW {
        @Override
        public long serviceNanos(long offset, int length, long headPosition, long deviceSize) {
            return 200_000_000L;
        }
    };

    static final long HDD_FULL_STROKE_SEEK_NANOS = 8_000_000L;
    static final long HDD_AVERAGE_ROTATION_NANOS = 4_166_667L; // half a turn at 7200 rpm

    /**
     * @param headPosition where the previous request ended (the disk head's position; 0 at first)
     * @return the simulated time the request takes, in nanoseconds
     */
    public abstract long serviceNanos(long offset, int length, long headPosition, long deviceSize);

    private static long transferNanos(int length, long megabytesPerSecond) {
        return length * 1_000L / megabytesPerSecond; // bytes / (MB/s) = microseconds; * 1000 = ns
    }
}
