package org.vfscope.trace;

import java.util.Objects;
import org.vfscope.vfs.Kernel;

/** A {@link SnapshotSource} on a running kernel: each {@link #latest()} takes a fresh snapshot. */
public final class LiveSnapshotSource implements SnapshotSource {
    private final SnapshotTaker taker;
    private final EventRing ring;

    public LiveSnapshotSource(Kernel kernel, EventRing ring) {
        this.taker = new SnapshotTaker(Objects.requireNonNull(kernel, "kernel"));
        this.ring = Objects.requireNonNull(ring, "ring");
    }

    @Override
    public EngineSnapshot latest() {
        // Read before copying: every event numbered below it happened before the snapshot.
        return taker.take(ring.nextSeq());
    }

    @Override
    public EventBatch eventsSince(long seq) {
        return ring.since(seq);
    }

    public EventRing ring() {
        return ring;
    }
}
