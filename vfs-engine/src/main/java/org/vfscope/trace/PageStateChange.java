package org.vfscope.trace;

import java.util.Objects;
import java.util.Set;
import org.vfscope.mm.FolioFlag;

/** A page-cache page of inode {@code (dev, ino)} at {@code index} changed flags or LRU list. */
public record PageStateChange(long timeNanos, long dev, long ino, long index, Set<FolioFlag> flags, PageLru lru)
        implements TraceEvent {

    public PageStateChange {
        flags = Flags.copyOf(FolioFlag.class, flags);
        Objects.requireNonNull(lru, "lru");
    }
}
