package org.vfscope.vfs.icache;

/** /proc/sys/fs/inode-state: inodes in the cache and those unused on an LRU. */
public record InodeStats(long nrInodes, long nrUnused) {
}
