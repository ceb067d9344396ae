package org.vfscope.trace;

import java.util.Objects;

/**
 * A dcache hash lookup of {@code name} under the dentry {@code parentId} (fs/dcache.c
 * {@code __d_lookup}): answered by a positive dentry, by a negative one, or missed.
 */
public record DentryLookup(long timeNanos, long parentId, String name, Result result) implements TraceEvent {

    /** How the hash answered. */
    public enum Result { HIT, NEGATIVE_HIT, MISS }

    public DentryLookup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
    }
}
