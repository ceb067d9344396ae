package org.vfscope.visualizer.writeback;

import java.util.List;

/**
 * What the writeback view draws: the last minute of dirty and writeback samples, the background
 * and throttle thresholds, flusher activity known from events (the last kupdate pass, pauses,
 * pages written per second, failed writes) and the inodes in writeback with their progress.
 *
 * @param lastKupdateNanos kernel time of the last kupdate pass seen, or -1 when none was reported
 * @param throughput       pages written per second over the last 5 s of events, or -1 without events
 */
public record WritebackModel(long seq, long nowNanos, List<WritebackSample> samples, long backgroundThresh,
                             long dirtyThresh, long lastKupdateNanos, long kupdateIntervalNanos,
                             List<Long> pauseTimes, long pauses, long pausedNanos, double throughput, long writeErrors,
                             List<InodeProgress> inodes, boolean eventsSeen) {
    public static final long WINDOW_NANOS = 60_000_000_000L;

    public static WritebackModel empty() {
        return new WritebackModel(-1, 0, List.of(), 0, 0, -1, 5_000_000_000L, List.of(), 0, 0, -1, 0, List.of(),
                false);
    }

    public WritebackSample latest() {
        return samples.isEmpty() ? new WritebackSample(nowNanos, 0, 0) : samples.get(samples.size() - 1);
    }

    /** When the next kupdate pass is due, or -1 when no pass has been seen. */
    public long nextKupdateNanos() {
        if (lastKupdateNanos < 0) {
            return -1;
        }
        long next = lastKupdateNanos + kupdateIntervalNanos;
        while (next < nowNanos) {
            next += kupdateIntervalNanos;
        }
        return next;
    }
}
