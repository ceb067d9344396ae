package org.vfscope.fs.ext;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of how lookups were served, so tests and the inspector can see the htree at work. */
public final class ExtStats {
    final AtomicLong htreeLookups = new AtomicLong();
    final AtomicLong linearLookups = new AtomicLong();
    final AtomicLong htreeFallbacks = new AtomicLong();
    final AtomicLong inodesRead = new AtomicLong();

    /** Name lookups answered through a dir_index tree. */
    public long htreeLookups() {
        return htreeLookups.get();
    }

    /** Name lookups answered by scanning every directory block. */
    public long linearLookups() {
        return linearLookups.get();
    }

    /** Lookups that met a bad index and fell back to the linear scan. */
    public long htreeFallbacks() {
        return htreeFallbacks.get();
    }

    /** Inodes read from the inode table (icache misses). */
    public long inodesRead() {
        return inodesRead.get();
    }
}
