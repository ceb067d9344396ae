package org.vfscope.visualizer;

import java.util.List;
import java.util.Objects;
import org.vfscope.trace.EngineSnapshot;
import org.vfscope.trace.TraceEvent;

/**
 * What a view gets each time the feed polls: the latest snapshot and the events that arrived
 * since the previous frame ({@code missedEvents} of them were lost to the ring), stamped with the
 * wall time it was taken. Built and read on the feed thread; immutable apart from the lazily
 * built names, which one thread at a time asks for.
 */
public final class Frame {
    private final EngineSnapshot snapshot;
    private final List<TraceEvent> events;
    private final long missedEvents;
    private final long wallNanos;
    private DcacheNames names;
    /** The previous frame's names, to index ours from; null once ours are made. */
    private DcacheNames baseNames;

    public Frame(EngineSnapshot snapshot, List<TraceEvent> events, long missedEvents, long wallNanos) {
        this(snapshot, events, missedEvents, wallNanos, null);
    }

    /**
     * A frame that takes over {@code previous}'s names when its dcache is the very same list (an
     * incremental snapshot in which no dentry changed), and else makes its names from them (or
     * from the names they were to be made from), patching their index with the dentry chunks that
     * changed. Only names pass on, never frames, so frames never chain.
     */
    public Frame(EngineSnapshot snapshot, List<TraceEvent> events, long missedEvents, long wallNanos, Frame previous) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.events = List.copyOf(events);
        this.missedEvents = missedEvents;
        this.wallNanos = wallNanos;
        if (previous != null && previous.snapshot.dcache().dentries() == snapshot.dcache().dentries()
                && previous.snapshot.superBlocks().equals(snapshot.superBlocks())) {
            synchronized (previous) {
                names = previous.names;
                baseNames = previous.baseNames;
            }
        } else if (previous != null && previous.snapshot.superBlocks().equals(snapshot.superBlocks())) {
            synchronized (previous) {
                baseNames = previous.names != null ? previous.names : previous.baseNames;
            }
        }
    }

    /** A frame with no events, taken now. */
    public static Frame of(EngineSnapshot snapshot) {
        return new Frame(snapshot, List.of(), 0, System.nanoTime());
    }

    public EngineSnapshot snapshot() {
        return snapshot;
    }

    public List<TraceEvent> events() {
        return events;
    }

    public long missedEvents() {
        return missedEvents;
    }

    /** {@link System#nanoTime()} when the frame was taken. */
    public long wallNanos() {
        return wallNanos;
    }

    /** Paths for the snapshot's dentries and inodes, indexed on first use. */
    public synchronized DcacheNames names() {
        if (names == null) {
            names = new DcacheNames(snapshot.dcache(), snapshot.superBlocks(), baseNames);
            baseNames = null;
        }
        return names;
    }
}
