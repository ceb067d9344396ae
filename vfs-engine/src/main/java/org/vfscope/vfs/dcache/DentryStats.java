package org.vfscope.vfs.dcache;

/**
 * /proc/sys/fs/dentry-state: dentries allocated, unused (on an LRU), negative on an LRU; and the
 * hash lookups answered by a positive dentry, by a negative one, or missed.
 */
public record DentryStats(long nrDentry, long nrUnused, long nrNegative, long hits, long negativeHits,
                          long misses) {
}
