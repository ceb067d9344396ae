package org.vfscope.fs.ext;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vfscope.mm.BufferCache;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * One mounted ext filesystem's shared state below the VFS (the kernel's ext4_sb_info): the
 * superblock values, the buffer cache of its device, the group and inode tables, checksums,
 * the metadata zone, the problem list and counters. Everything the driver classes share goes
 * through here; the write side adds its allocators beside these.
 */
public final class ExtFs {
    /** How many metadata blocks are remembered as already checksummed. */
    private static final int CHECKED_BLOCKS = 4096;

    private final ExtSuperBlockInfo info;
    private final BufferCache cache;
    private final ExtChecksums csum;
    private final ExtProblems problems;
    private final ExtGroupTable groups;
    private final ExtInodeTable inodes;
    private final ExtStats stats = new ExtStats();
    private volatile SystemZone systemZone = SystemZone.empty();
    private final Map<Long, Boolean> checkedBlocks = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > CHECKED_BLOCKS;
        }
    };

    ExtFs(ExtSuperBlockInfo info, BufferCache cache, String id) {
        this.info = info;
        this.cache = cache;
        this.problems = new ExtProblems(id);
        this.csum = new ExtChecksums(info);
        this.groups = new ExtGroupTable(info, cache, csum, problems);
        this.inodes = new ExtInodeTable(info, cache, groups, csum, problems);
    }

    public ExtSuperBlockInfo info() {
        return info;
    }

    public BufferCache cache() {
        return cache;
    }

    public ExtChecksums csum() {
        return csum;
    }

    public ExtProblems problems() {
        return problems;
    }

    public ExtGroupTable groups() {
        return groups;
    }

    public ExtInodeTable inodes() {
        return inodes;
    }

    public ExtStats stats() {
        return stats;
    }

    void setSystemZone(SystemZone zone) {
        this.systemZone = zone;
    }

    /** A copy of block {@code block} from the buffer cache (sb_bread + memcpy). */
    byte[] blockBytes(long block) {
        return cache.bread(block).copy();
    }

    /**
     * ext4_inode_block_valid: [start, start + count) must lie inside the filesystem and outside
     * the metadata zone; otherwise the pointer is corrupt (EUCLEAN, recorded as a problem).
     */
    void checkBlocks(long ino, long start, long count, String what) {
        long end = start + count;
        String why = null;
        if (start < info.firstDataBlock() || count <= 0 || end > info.blocksCount() || end < start) {
            why = what + " " + start + (count > 1 ? "+" + count : "") + " outside the filesystem ("
                    + info.blocksCount() + " blocks)";
        } else if (systemZone.overlaps(start, count)) {
            why = what + " " + start + (count > 1 ? "+" + count : "") + " overlaps filesystem metadata";
        }
        if (why != null) {
            problems.report(ExtProblem.Code.BLOCK_POINTER_BAD, ino, start, why);
            throw new VfsException(Errno.EUCLEAN, "inode " + ino, why);
        }
    }

    /** True the first time a block is seen (recently), so a checksum is verified once, not per read. */
    boolean firstCheck(long block) {
        synchronized (checkedBlocks) {
            return checkedBlocks.put(block, Boolean.TRUE) == null;
        }
    }

    /** The block map the inode's flags call for. */
    BlockMap blockMap(ExtInodeRaw raw) {
        return raw.hasFlag(ExtInodeRaw.FL_EXTENTS) ? new ExtentMap(this, raw) : new IndirectMap(this, raw);
    }
}
