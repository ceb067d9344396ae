package org.vfscope.vfs;

/** What statfs(2) returns: the kernel's {@code struct kstatfs}. */
public record StatFs(
        long type,
        long blockSize,
        long blocks,
        long blocksFree,
        long blocksAvailable,
        long files,
        long filesFree,
        long fsid,
        int nameMax,
        long fragmentSize,
        long flags) {
}
