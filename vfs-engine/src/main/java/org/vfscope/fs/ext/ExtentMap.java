package org.vfscope.fs.ext;

import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * The ext4 extent tree (fs/ext4/extents.c, ext4_find_extent): a 12-byte header and up to four
 * entries in i_block, index nodes pointing at blocks one level down, leaves of (logical block,
 * length, physical start) extents; a length above 32768 marks an unwritten extent. Each node is
 * checked as __ext4_ext_check does (magic 0xF30A, entries <= max <= capacity, depth <= 5 and
 * one less than its parent's, keys ascending) and, with metadata_csum, its tail checksum.
 */
public final class ExtentMap implements BlockMap {
    public static final int MAGIC = 0xF30A;
    public static final int MAX_DEPTH = 5;
    static final int HEADER = 12;
    static final int ENTRY = 12;
    static final int INIT_MAX_LEN = 1 << 15;

    private final ExtFs fs;
    private final long ino;
    private final long generation;
    private final byte[] root;
    /** On a writable filesystem: the live inode, whose i_block words the root is read from. */
    private final ExtInode live;

    ExtentMap(ExtFs fs, ExtInodeRaw raw) {
        this.fs = fs;
        this.ino = raw.ino();
        this.generation = raw.generation();
        this.root = raw.iBlock();
        this.live = null;
    }

    /** The map of a writable inode: follows i_block as the extent writer changes it. */
    ExtentMap(ExtFs fs, ExtInode inode) {
        this.fs = fs;
        this.ino = inode.ino();
        this.generation = 0;
        this.root = null;
        this.live = inode;
    }

    private byte[] rootBytes() {
        if (live == null) {
            return root;
        }
        byte[] b = new byte[ExtInodeRaw.I_BLOCK_SIZE];
        for (int i = 0; i < 15; i++) {
            Le.put32(b, 4 * i, live.iBlock[i]);
        }
        return b;
    }

    @Override
    public long maxBlocks() {
        return 1L << 32;
    }

    @Override
    public BlockMapping map(long logical) {
        if (logical < 0 || logical >= maxBlocks()) {
            return BlockMapping.hole(1);
        }
        byte[] node = rootBytes();
        long nodeBlock = -1;
        int expectedDepth = -1;
        for (int level = 0; level <= MAX_DEPTH; level++) {
            int entries = Le.u16(node, 2);
            int depth = checkHeader(node, nodeBlock, expectedDepth);
            if (depth == 0) {
                return searchLeaf(node, nodeBlock, entries, logical);
            }
            long child = searchIndex(node, nodeBlock, entries, logical);
            if (child == 0) {
                return BlockMapping.hole(1);
            }
            fs.checkBlocks(ino, child, 1, "extent tree block");
            node = fs.blockBytes(child);
            nodeBlock = child;
            expectedDepth = depth - 1;
            verifyTail(node, nodeBlock);
        }
        throw bad(nodeBlock, "extent tree deeper than " + MAX_DEPTH);
    }

    /** Returns the node's depth after checking its header. */
    private int checkHeader(byte[] node, long block, int expectedDepth) {
        int magic = Le.u16(node, 0);
        int entries = Le.u16(node, 2);
        int max = Le.u16(node, 4);
        int depth = Le.u16(node, 6);
        int capacity = (node.length - HEADER) / ENTRY;
        if (magic != MAGIC) {
            throw bad(block, String.format("extent header magic 0x%04x", magic));
        }
        if (max == 0 || max > capacity) {
            throw bad(block, "extent header max " + max + " beyond capacity " + capacity);
        }
        if (entries > max) {
            throw bad(block, "extent header entries " + entries + " > max " + max);
        }
        if (depth > MAX_DEPTH || (expectedDepth >= 0 && depth != expectedDepth)) {
            throw bad(block, "extent depth " + depth + (expectedDepth >= 0 ? ", expected " + expectedDepth : ""));
        }
        return depth;
    }

    private BlockMapping searchLeaf(byte[] node, long block, int entries, long logical) {
        long prevEnd = 0;
        for (int i = 0; i < entries; i++) {
            int off = HEADER + i * ENTRY;
            long start = Le.u32(node, off);
            int rawLen = Le.u16(node, off + 4);
            long phys = Le.u32(node, off + 8) | (long) Le.u16(node, off + 6) << 32;
            boolean unwritten = rawLen > INIT_MAX_LEN;
            long len = unwritten ? rawLen - INIT_MAX_LEN : rawLen;
            if (len == 0) {
                throw bad(block, "zero-length extent at logical " + start);
            }
            if (start < prevEnd) {
                throw bad(block, "extents out of order or overlapping at logical " + start);
            }
            prevEnd = start + len;
            if (logical < start) {
                return BlockMapping.hole(start - logical);
            }
            if (logical < start + len) {
                fs.checkBlocks(ino, phys, len, "extent");
                return new BlockMapping(phys + (logical - start), len - (logical - start), unwritten);
            }
        }
        return BlockMapping.hole(1);
    }

    /** The child block covering {@code logical}, or 0 when the first index starts after it. */
    private long searchIndex(byte[] node, long block, int entries, long logical) {
        if (entries == 0) {
            throw bad(block, "index node with no entries");
        }
        long child = 0;
        long prev = -1;
        for (int i = 0; i < entries; i++) {
            int off = HEADER + i * ENTRY;
            long start = Le.u32(node, off);
            if (start <= prev) {
                throw bad(block, "extent index keys not ascending at logical " + start);
            }
            prev = start;
            if (start > logical) {
                break;
            }
            child = Le.u32(node, off + 4) | (long) Le.u16(node, off + 8) << 32;
            if (child == 0) {
                throw bad(block, "extent index points at block 0");
            }
        }
        return child;
    }

    private void verifyTail(byte[] node, long block) {
        if (!fs.csum().metadataCsum() || !fs.firstCheck(block)) {
            return;
        }
        int max = Le.u16(node, 4);
        int tail = HEADER + max * ENTRY;
        if (tail + 4 > node.length) {
            return;
        }
        int want = fs.csum().extentBlock(fs.csum().inodeSeed(ino, live != null ? live.generation() : generation), node, tail);
        int stored = Le.s32(node, tail);
        if (want != stored) {
            fs.problems().report(ExtProblem.Code.EXTENT_CHECKSUM, ino, block,
                    String.format("extent block checksum 0x%08x, computed 0x%08x", stored, want));
        }
    }

    private VfsException bad(long block, String what) {
        fs.problems().report(ExtProblem.Code.EXTENT_BAD, ino, block, what);
        return new VfsException(Errno.EUCLEAN, "inode " + ino, what + (block >= 0 ? " in block " + block : ""));
    }
}
