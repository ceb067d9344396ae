package org.vfscope.visualizer.page;

/** The workingset counters the snapshot does not carry: pages evicted and refaults seen. */
public record WorkingsetCounters(long evictions, long refaults) {
}
