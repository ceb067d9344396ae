package org.vfscope.trace;

import java.util.Objects;
import java.util.Set;
import org.vfscope.vfs.dcache.DentryFlag;

/**
 * One dentry in a {@link DcacheSnapshot}. {@code id} is {@link org.vfscope.vfs.dcache.Dentry#id()},
 * stable for the dentry's life; a root is its own parent. {@code ino} is -1 for a negative dentry;
 * {@code lruPosition} counts from the LRU head (the next the shrinker scans), -1 when off the LRU.
 */
public record DentryInfo(long id, long parentId, String name, long dev, long ino, DentryState state, int count,
                         Set<DentryFlag> flags, int lruPosition) {

    public DentryInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        flags = Flags.copyOf(DentryFlag.class, flags);
    }

    public boolean isRoot() {
        return parentId == id;
    }

    public boolean onLru() {
        return lruPosition >= 0;
    }
}
