package org.vfscope.trace;

import java.util.Objects;
import java.util.Set;
import org.vfscope.mm.FolioFlag;

/**
 * One page-cache page: its owner {@code (dev, ino)}, index in the file, flags, LRU list and
 * position on that list counted from its head, where pages enter (-1 when on none). Unlike the
 * dentry LRU, reclaim takes from the tail: the highest position goes first.
 */
public record PageInfo(long dev, long ino, long index, Set<FolioFlag> flags, PageLru lru, int lruPosition) {

    public PageInfo {
        flags = Flags.copyOf(FolioFlag.class, flags);
        Objects.requireNonNull(lru, "lru");
    }
}
