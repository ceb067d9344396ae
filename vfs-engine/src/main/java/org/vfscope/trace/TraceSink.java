package org.vfscope.trace;

/**
 * Where the engine puts trace events. Engine code keeps a {@code volatile TraceSink} that is null
 * while nobody traces, so an untraced tracepoint costs one volatile read.
 */
@FunctionalInterface
public interface TraceSink {
    /** Records the event; never blocks for long and never throws for lack of room. */
    void offer(TraceEvent event);
}
