package org.vfscope.trace;

import java.util.Objects;

/** A shrinker pass or drop_caches over one cache: objects scanned and freed. */
public record CacheShrink(long timeNanos, Cache cache, Trigger trigger, long scanned, long freed)
        implements TraceEvent {

    /** Which cache was shrunk. */
    public enum Cache { DENTRIES, INODES, PAGES }

    /** What asked for it. */
    public enum Trigger {
        /** Memory pressure: super_cache_scan, shrink_lruvec. */
        SHRINKER,
        /** Writing to /proc/sys/vm/drop_caches. */
        DROP_CACHES
    }

    public CacheShrink {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(trigger, "trigger");
    }
}
