package org.vfscope.fs.ext;

import java.util.function.LongUnaryOperator;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * Name lookup through a dir_index (htree) directory, as dx_probe and ext4_htree_next_block do:
 * the dx_root in block 0 (after fake "." and ".." entries), up to two (three with largedir)
 * levels of dx_node blocks, each a sorted array of (hash, logical block) with the count and
 * limit in place of the first hash. The name's hash picks one leaf; following leaves are
 * searched only while their starting hash continues a collision run. Anything that does not
 * add up is EUCLEAN, which makes the caller fall back to a linear scan.
 */
final class HtreeIndex {
    private static final int ROOT_INFO = 24;

    private final ExtFs fs;
    private final ExtDirectory dir;
    private final long ino;

    HtreeIndex(ExtFs fs, ExtDirectory dir, long ino) {
        this.fs = fs;
        this.dir = dir;
        this.ino = ino;
    }

    /** One level of the descent: the node, where its entries start, and which entry we took. */
    private static final class Frame {
        byte[] node;
        long block;
        int entries;
        int count;
        int at;
    }

    /**
     * The inode number of {@code name}, or 0 if the index says it is not there.
     * {@code searchLeaf} scans one logical leaf block and returns the inode or 0.
     */
    long lookup(byte[] name, LongUnaryOperator searchLeaf) {
        byte[] root = dir.readIndexBlock(0);
        if (root == null) {
            throw bad(0, "hole at the root block");
        }
        int version = Le.u8(root, ROOT_INFO + 4);
        int infoLen = Le.u8(root, ROOT_INFO + 5);
        int levels = Le.u8(root, ROOT_INFO + 6);
        int unusedFlags = Le.u8(root, ROOT_INFO + 7);
        if (Le.u32(root, ROOT_INFO) != 0 || (unusedFlags & 1) != 0) {
            throw bad(0, "dx_root reserved fields set");
        }
        if (version > DirHash.TEA) {
            throw bad(0, "unrecognised hash version " + version);
        }
        if (infoLen != 8) {
            throw bad(0, "dx_root info length " + infoLen);
        }
        int maxLevels = fs.info().hasIncompat(ExtFeatures.INCOMPAT_LARGEDIR) ? 3 : 2;
        if (levels >= maxLevels) {
            throw bad(0, "htree depth " + levels + " beyond " + (maxLevels - 1));
        }
        if (fs.info().unsignedHash()) {
            version += 3;
        }
        int hash = DirHash.hash(version, name, fs.info().hashSeed());
        Frame[] frames = new Frame[levels + 1];
        frames[0] = frame(root, 0, ROOT_INFO + infoLen, rootLimit(infoLen));
        descend(frames, 0, levels, hash);
        long leaves = dir.blockCount();
        for (long n = 0; n < leaves; n++) {
            long leaf = blockOf(frames[levels]);
            long found = searchLeaf.applyAsLong(leaf);
            if (found != 0) {
                return found;
            }
            int i = levels;
            while (i >= 0 && frames[i].at + 1 >= frames[i].count) {
                i--;
            }
            if (i < 0) {
                return 0;
            }
            frames[i].at++;
            int next = Le.s32(frames[i].node, frames[i].entries + 8 * frames[i].at);
            if ((next & ~1) != hash) {
                return 0;
            }
            for (int j = i + 1; j <= levels; j++) {
                frames[j] = nodeFrame(blockOf(frames[j - 1]));
                frames[j].at = 0;
            }
        }
        throw bad(0, "leaf chain longer than the directory");
    }

    /** Binary search at each level from {@code from} down, reading the child nodes. */
    private void descend(Frame[] frames, int from, int levels, int hash) {
        for (int level = from; level <= levels; level++) {
            Frame f = frames[level];
            int p = 1;
            int q = f.count - 1;
            while (p <= q) {
                int m = (p + q) >>> 1;
                int mh = Le.s32(f.node, f.entries + 8 * m);
                if (Integer.compareUnsigned(mh, hash) > 0) {
                    q = m - 1;
                } else {
                    p = m + 1;
                }
            }
            f.at = p - 1;
            if (level < levels) {
                frames[level + 1] = nodeFrame(blockOf(f));
            }
        }
    }

    private long blockOf(Frame f) {
        long block = Le.u32(f.node, f.entries + 8 * f.at + 4) & 0x0fffffff;
        if (block == 0 || block >= dir.blockCount()) {
            throw bad(f.block, "index entry points at block " + block + " of " + dir.blockCount());
        }
        return block;
    }

    private Frame nodeFrame(long block) {
        byte[] node = dir.readIndexBlock(block);
        if (node == null) {
            throw bad(block, "index node is a hole");
        }
        if (!ExtDirBlock.isDxNode(node)) {
            throw bad(block, "not an index node");
        }
        return frame(node, block, 8, nodeLimit());
    }

    private Frame frame(byte[] node, long block, int entries, int expectedLimit) {
        int limit = Le.u16(node, entries);
        int count = Le.u16(node, entries + 2);
        if (limit != expectedLimit) {
            throw bad(block, "dx limit " + limit + ", expected " + expectedLimit);
        }
        if (count == 0 || count > limit) {
            throw bad(block, "dx count " + count + " with limit " + limit);
        }
        verify(node, block, entries, count, limit);
        Frame f = new Frame();
        f.node = node;
        f.block = block;
        f.entries = entries;
        f.count = count;
        return f;
    }

    private int tailSize() {
        return fs.csum().metadataCsum() ? 8 : 0;
    }

    private int rootLimit(int infoLen) {
        return (fs.info().blockSize() - 24 - infoLen - tailSize()) / 8;
    }

    private int nodeLimit() {
        return (fs.info().blockSize() - 8 - tailSize()) / 8;
    }

    /** ext4_dx_csum_verify: a mismatch is recorded; the node is still used. */
    private void verify(byte[] node, long block, int entries, int count, int limit) {
        if (!fs.csum().metadataCsum()) {
            return;
        }
        int tail = entries + limit * 8;
        if (tail + 8 > node.length) {
            return;
        }
        int want = fs.csum().dxNode(dir.inodeSeed(), node, entries, count, tail);
        int stored = Le.s32(node, tail + 4);
        if (want != stored) {
            fs.problems().report(ExtProblem.Code.HTREE_CHECKSUM, ino, dir.physicalOrMinusOne(block),
                    String.format("htree node (logical block %d) checksum 0x%08x, computed 0x%08x", block, stored,
                            want));
        }
    }

    private VfsException bad(long logical, String what) {
        return new VfsException(Errno.EUCLEAN, "inode " + ino, "htree: " + what + " (logical block " + logical + ")");
    }
}
