package org.vfscope.trace;

import org.vfscope.vfs.dcache.Dentry;
import org.vfscope.vfs.dcache.DentryFlag;

/**
 * The life of a dentry as CACHE-MODEL.md draws it: IN_LOOKUP, then POSITIVE or NEGATIVE crossed
 * with IN_USE (count > 0) or UNUSED (count 0, cached), then UNHASHED and DEAD.
 */
public enum DentryState {
    IN_LOOKUP,
    POSITIVE_IN_USE,
    POSITIVE_UNUSED,
    NEGATIVE_IN_USE,
    NEGATIVE_UNUSED,
    UNHASHED,
    DEAD;

    /** The state of a live dentry, read without locks (a hint when it is changing). */
    public static DentryState of(Dentry d) {
        return of(d.count(), d.hasFlag(DentryFlag.PAR_LOOKUP), d.isHashed(), d.isRoot(), d.isPositive());
    }

    /**
     * From the fields: a negative count is lockref's dead mark; a root is never hashed yet is
     * reachable (d_unlinked is "unhashed and not root").
     */
    public static DentryState of(int count, boolean inLookup, boolean hashed, boolean root, boolean positive) {
        if (count < 0) {
            return DEAD;
        }
        if (inLookup) {
            return IN_LOOKUP;
        }
        if (!hashed && !root) {
            return UNHASHED;
        }
        if (positive) {
            return count > 0 ? POSITIVE_IN_USE : POSITIVE_UNUSED;
        }
        return count > 0 ? NEGATIVE_IN_USE : NEGATIVE_UNUSED;
    }

    public boolean isPositive() {
        return this == POSITIVE_IN_USE || this == POSITIVE_UNUSED;
    }

    public boolean isNegative() {
        return this == NEGATIVE_IN_USE || this == NEGATIVE_UNUSED;
    }
}
