package org.vfscope.visualizer.writeback;

/** Dirty and under-writeback pages (all filesystems) at a kernel time. */
public record WritebackSample(long timeNanos, long dirty, long writeback) {
}
