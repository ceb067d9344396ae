package org.vfscope.trace;

import java.util.Objects;
import java.util.Set;
import org.vfscope.vfs.icache.InodeState;

/**
 * One cached inode in an {@link InodeCacheSnapshot}: its {@code i_state} bits, reference count,
 * attributes, writeback list with {@code dirtied_when} (kernel clock nanoseconds), cached and
 * dirty pages, and position on its superblock's inode LRU (-1 when off it).
 */
public record InodeInfo(long dev, long ino, Set<InodeState> state, int count, int nlink, int mode, long size,
                        InodeIoList ioList, long dirtiedWhen, int cachedPages, int dirtyPages, int lruPosition) {

    public InodeInfo {
        state = Flags.copyOf(InodeState.class, state);
        Objects.requireNonNull(ioList, "ioList");
    }

    public boolean onLru() {
        return lruPosition >= 0;
    }

    public boolean isDirty() {
        for (InodeState s : state) {
            if (InodeState.DIRTY_ALL.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
