package org.vfscope.trace;

import java.time.Duration;
import java.util.Objects;
import org.vfscope.vfs.Kernel;

/**
 * A {@link SnapshotSource} on a running kernel. {@link #latest()} takes a fresh snapshot, or
 * returns the previous one if it is younger than the minimum interval (wall time), so a
 * visualizer polling every frame does not copy the caches every frame.
 */
public final class LiveSnapshotSource implements SnapshotSource {
    private final SnapshotTaker taker;
    private final EventRing ring;
    private final long minIntervalNanos;
    private EngineSnapshot last;
    private long lastTakenAt;

    /** A source that takes a fresh snapshot on every call. */
    public LiveSnapshotSource(Kernel kernel, EventRing ring) {
        this(kernel, ring, Duration.ZERO);
    }

    public LiveSnapshotSource(Kernel kernel, EventRing ring, Duration minInterval) {
        this.taker = new SnapshotTaker(Objects.requireNonNull(kernel, "kernel"));
        this.ring = Objects.requireNonNull(ring, "ring");
        this.minIntervalNanos = minInterval.toNanos();
    }

    @Override
    public synchronized EngineSnapshot latest() {
        long now = System.nanoTime();
        if (last == null || now - lastTakenAt >= minIntervalNanos) {
            // Read before copying: every event numbered below it happened before the snapshot.
            last = taker.take(ring.nextSeq());
            lastTakenAt = now;
        }
        return last;
    }

    @Override
    public EventBatch eventsSince(long seq) {
        return ring.since(seq);
    }

    public EventRing ring() {
        return ring;
    }
}
