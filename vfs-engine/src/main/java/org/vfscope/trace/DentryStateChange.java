package org.vfscope.trace;

import java.util.Objects;
import java.util.Set;
import org.vfscope.vfs.dcache.DentryFlag;

/** A dentry moved between the states of {@link DentryState}; count and flags are after the change. */
public record DentryStateChange(long timeNanos, long id, String path, DentryState oldState, DentryState newState,
                                int count, Set<DentryFlag> flags) implements TraceEvent {

    public DentryStateChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(oldState, "oldState");
        Objects.requireNonNull(newState, "newState");
        flags = Flags.copyOf(DentryFlag.class, flags);
    }
}
