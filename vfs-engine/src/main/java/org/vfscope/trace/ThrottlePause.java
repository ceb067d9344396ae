package org.vfscope.trace;

/** balance_dirty_pages paused a writer for {@code pauseNanos} because too much was dirty. */
public record ThrottlePause(long timeNanos, long pauseNanos) implements TraceEvent {
}
