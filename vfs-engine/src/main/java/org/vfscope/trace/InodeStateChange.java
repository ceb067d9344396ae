package org.vfscope.trace;

import java.util.Objects;
import java.util.Set;
import org.vfscope.vfs.icache.InodeState;

/**
 * An inode's {@code i_state} bits changed (the kernel's writeback_mark_inode_dirty and
 * inode state tracepoints); count and writeback list are after the change.
 */
public record InodeStateChange(long timeNanos, long dev, long ino, Set<InodeState> oldState,
                               Set<InodeState> newState, int count, InodeIoList ioList) implements TraceEvent {

    public InodeStateChange {
        oldState = Flags.copyOf(InodeState.class, oldState);
        newState = Flags.copyOf(InodeState.class, newState);
        Objects.requireNonNull(ioList, "ioList");
    }
}
