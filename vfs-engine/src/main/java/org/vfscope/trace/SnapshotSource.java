package org.vfscope.trace;

/**
 * What the visualizer reads: the latest state and the events since a sequence number. A live
 * engine and a recorded trace both implement it, so every control works on either.
 */
public interface SnapshotSource {

    /** The most recent state. */
    EngineSnapshot latest();

    /** Events numbered {@code seq} or later that the source still holds, oldest first. */
    EventBatch eventsSince(long seq);
}
