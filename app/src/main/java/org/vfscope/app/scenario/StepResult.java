package org.vfscope.app.scenario;

import java.util.Optional;

import org.vfscope.trace.CacheCounters;
import org.vfscope.vfs.Errno;

/**
 * What one step did: its number (from 1), the step, the errno it failed with if it did, and the
 * cache counters sampled right after it (readahead windows: those issued during the step).
 */
public record StepResult(int number, Step step, Optional<Errno> error, CacheCounters counters) {
}
