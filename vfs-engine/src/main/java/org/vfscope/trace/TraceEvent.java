package org.vfscope.trace;

/**
 * One thing that happened in the engine, as a kernel tracepoint records it: small, immutable,
 * stamped with the kernel clock ({@link org.vfscope.vfs.KernelClock#nanoTime()}). The family is
 * closed so that a recorded trace and a live ring carry exactly the same types.
 */
public sealed interface TraceEvent
        permits DentryLookup, DentryStateChange, InodeStateChange, PageStateChange, BlockIo,
        WritebackSingleInode, ThrottlePause, CacheShrink {

    /** When it happened, in kernel clock nanoseconds. */
    long timeNanos();
}
