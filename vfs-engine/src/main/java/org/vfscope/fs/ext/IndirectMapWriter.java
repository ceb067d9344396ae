package org.vfscope.fs.ext;

import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * The write half of the ext2/ext3 block map (fs/ext2/inode.c): ext2_get_block with create
 * allocates a missing data block together with the indirect blocks on its path, near the
 * inode's previous block (ext2_find_goal / ext2_find_near); ext2_truncate_blocks frees every
 * block from a logical block on, whole subtrees at once and the tails of partial indirect
 * blocks. i_blocks follows every block taken or given back. Callers hold the inode's
 * truncate mutex. A pointer that leads outside the data area is recorded and never freed.
 */
final class IndirectMapWriter implements BlockMapWriter {
    private final ExtFs fs;
    private final int bs;
    private final int per;

    IndirectMapWriter(ExtFs fs) {
        this.fs = fs;
        this.bs = fs.info().blockSize();
        this.per = bs / 4;
    }

    /** ext2_block_to_path: the offsets at each level of the path to {@code logical}; EFBIG past the triple indirect range. */
    int[] path(long ino, long logical) {
        long l = logical;
        if (l < 0) {
            throw new VfsException(Errno.EINVAL, "inode " + ino, "negative block " + logical);
        }
        if (l < IndirectMap.NDIR) {
            return new int[] {(int) l};
        }
        l -= IndirectMap.NDIR;
        if (l < per) {
            return new int[] {12, (int) l};
        }
        l -= per;
        long per2 = (long) per * per;
        if (l < per2) {
            return new int[] {13, (int) (l / per), (int) (l % per)};
        }
        l -= per2;
        if (l < per2 * per) {
            return new int[] {14, (int) (l / per2), (int) ((l / per) % per), (int) (l % per)};
        }
        throw new VfsException(Errno.EFBIG, "inode " + ino, "block " + logical + " beyond the triple indirect limit");
    }

    /** The mapped block of {@code logical}, or 0 for a hole (no allocation). */
    @Override
    public long lookup(ExtInode inode, long logical) {
        int[] offsets = path(inode.ino(), logical);
        long b = inode.iBlock[offsets[0]];
        for (int k = 1; k < offsets.length && b != 0; k++) {
            checkPointer(inode, b);
            b = Le.u32(fs.blockView(b), offsets[k] * 4);
        }
        if (b != 0) {
            checkPointer(inode, b);
        }
        return b;
    }

    /**
     * ext2_get_branch: follows {@code offsets} from i_block into {@code chain}, stopping at the
     * first empty pointer; returns its depth, or -1 when the whole path is there.
     */
    private int branch(ExtInode inode, int[] offsets, long[] chain) {
        chain[0] = inode.iBlock[offsets[0]];
        if (chain[0] == 0) {
            return 0;
        }
        for (int k = 1; k < offsets.length; k++) {
            checkPointer(inode, chain[k - 1]);
            chain[k] = Le.u32(fs.blockView(chain[k - 1]), offsets[k] * 4);
            if (chain[k] == 0) {
                return k;
            }
        }
        return -1;
    }

    /** ext2_get_block(create = 1): the block of {@code logical}, allocated with its path if missing. */
    @Override
    public long getOrAllocate(ExtInode inode, long logical) {
        int[] offsets = path(inode.ino(), logical);
        int depth = offsets.length;
        long[] chain = new long[depth];
        int missing = branch(inode, offsets, chain);
        if (missing < 0) {
            checkPointer(inode, chain[depth - 1]);
            return chain[depth - 1];
        }
        int need = depth - missing;
        long goal = findGoal(inode, logical, chain, missing, offsets);
        long[] fresh = allocate(inode, goal, need);
        // New indirect blocks, deepest first, each pointing at the next block of the branch.
        for (int k = depth - 2; k >= missing; k--) {
            byte[] block = new byte[bs];
            Le.put32(block, offsets[k + 1] * 4, fresh[k + 1 - missing]);
            BufferEdit.overwrite(fs.cache(), fresh[k - missing], block);
        }
        if (missing == 0) {
            inode.iBlock[offsets[0]] = fresh[0];
        } else {
            long parent = chain[missing - 1];
            int at = offsets[missing] * 4;
            fs.editBlock(parent, b -> Le.put32(b, at, fresh[0]));
        }
        inode.addFsBlocks(need);
        long data = fresh[need - 1];
        inode.lastLogical = logical;
        inode.lastPhysical = data;
        return data;
    }

    /**
     * ext2_get_blocks for a run: where only data pointers are missing, the run of empty slots in
     * one pointer array (i_block's direct slots or an indirect block) is filled from one
     * allocator call and one edit of that array (ext2_blks_to_allocate); a block whose indirect
     * blocks are missing gets them through {@link #getOrAllocate}. Stops quietly on ENOSPC or
     * EFBIG, which getOrAllocate then reports at the block.
     */
    @Override
    public long allocateRange(ExtInode inode, long from, long count) {
        long end = from + count;
        long l = from;
        try {
            while (l < end) {
                int[] offsets = path(inode.ino(), l);
                int depth = offsets.length;
                long[] chain = new long[depth];
                int missing = branch(inode, offsets, chain);
                if (missing < 0) {
                    l++;
                } else if (missing < depth - 1) {
                    getOrAllocate(inode, l);
                    l++;
                } else {
                    l += fillSlots(inode, l, end, chain, offsets);
                }
            }
        } catch (VfsException e) {
            if (e.errno() != Errno.ENOSPC && e.errno() != Errno.EFBIG) {
                throw e;
            }
        }
        return l;
    }

    /** The empty data slots from {@code logical}'s on in its pointer array, filled from one run; returns how many. */
    private int fillSlots(ExtInode inode, long logical, long end, long[] chain, int[] offsets) {
        int depth = offsets.length;
        int slot = offsets[depth - 1];
        int slots = depth == 1 ? IndirectMap.NDIR : per;
        byte[] parent = depth == 1 ? null : fs.blockView(chain[depth - 2]);
        int n = 0;
        while (slot + n < slots && logical + n < end
                && (depth == 1 ? inode.iBlock[slot + n] : Le.u32(parent, (slot + n) * 4)) == 0) {
            n++;
        }
        ExtBlockAllocator.Run r = fs.blockAllocator().newBlocks(inode.ino(),
                findGoal(inode, logical, chain, depth - 1, offsets), n);
        int got = r.count();
        try {
            if (depth == 1) {
                for (int i = 0; i < got; i++) {
                    inode.iBlock[slot + i] = r.start() + i;
                }
            } else {
                fs.editBlock(chain[depth - 2], b -> {
                    for (int i = 0; i < got; i++) {
                        Le.put32(b, (slot + i) * 4, r.start() + i);
                    }
                });
            }
        } catch (RuntimeException e) {
            fs.blockAllocator().freeBlocks(inode.ino(), r.start(), got);
            throw e;
        }
        inode.addFsBlocks(got);
        inode.lastLogical = logical + got - 1;
        inode.lastPhysical = r.start() + got - 1;
        return got;
    }

    /** {@code n} blocks near {@code goal}, in as few runs as the bitmaps allow; all or nothing. */
    private long[] allocate(ExtInode inode, long goal, int n) {
        long[] out = new long[n];
        int got = 0;
        try {
            while (got < n) {
                ExtBlockAllocator.Run r = fs.blockAllocator().newBlocks(inode.ino(), goal, n - got);
                for (int i = 0; i < r.count(); i++) {
                    out[got++] = r.start() + i;
                }
                goal = r.start() + r.count();
            }
        } catch (VfsException e) {
            for (int i = 0; i < got; i++) {
                fs.blockAllocator().freeBlocks(inode.ino(), out[i], 1);
            }
            throw e;
        }
        return out;
    }

    /**
     * ext2_find_goal: right after the block allocated last when this write continues it; else
     * ext2_find_near: the nearest block pointer before ours at the level being filled, the
     * indirect block holding it, or the start of the inode's group.
     */
    private long findGoal(ExtInode inode, long logical, long[] chain, int missing, int[] offsets) {
        if (inode.lastLogical >= 0 && logical == inode.lastLogical + 1 && inode.lastPhysical != 0) {
            return inode.lastPhysical + 1;
        }
        if (missing == 0) {
            for (int i = offsets[0] - 1; i >= 0; i--) {
                if (inode.iBlock[i] != 0) {
                    return inode.iBlock[i] + 1;
                }
            }
        } else {
            byte[] parent = fs.blockView(chain[missing - 1]);
            for (int i = offsets[missing] - 1; i >= 0; i--) {
                long p = Le.u32(parent, i * 4);
                if (p != 0) {
                    return p + 1;
                }
            }
            return chain[missing - 1] + 1;
        }
        ExtSuperBlockInfo info = fs.info();
        long group = (inode.ino() - 1) / info.inodesPerGroup();
        return info.groupFirstBlock(group);
    }

    private void checkPointer(ExtInode inode, long block) {
        fs.checkBlocks(inode.ino(), block, 1, "block pointer");
    }

    private boolean valid(long block) {
        ExtSuperBlockInfo info = fs.info();
        return block >= info.firstDataBlock() && block < info.blocksCount() && !fs.inSystemZone(block, 1);
    }

    // ---- truncate ------------------------------------------------------------------------------

    /** ext2_truncate_blocks: frees every block mapping logical block {@code from} or later. */
    @Override
    public void truncate(ExtInode inode, long from) {
        BlockFreer freer = new BlockFreer(fs, inode);
        for (int i = (int) Math.max(0, Math.min(from, IndirectMap.NDIR)); i < IndirectMap.NDIR; i++) {
            if (inode.iBlock[i] != 0) {
                freer.free(inode.iBlock[i]);
                inode.iBlock[i] = 0;
            }
        }
        long base = IndirectMap.NDIR;
        long span = per;
        for (int d = 1; d <= 3; d++) {
            int slot = IndirectMap.NDIR - 1 + d;
            long root = inode.iBlock[slot];
            if (root != 0) {
                if (from <= base) {
                    freeTree(freer, root, d);
                    inode.iBlock[slot] = 0;
                } else if (from < base + span) {
                    truncatePartial(freer, root, d, base, from);
                }
            }
            base += span;
            span *= per;
        }
        freer.flush();
        inode.addFsBlocks(-freer.count);
        if (inode.lastLogical >= from) {
            inode.lastLogical = -1;
        }
    }

    /** Frees an indirect tree of {@code depth} levels under {@code block} (0: a data block). */
    private void freeTree(BlockFreer freer, long block, int depth) {
        if (!valid(block)) {
            fs.problems().report(ExtProblem.Code.BLOCK_POINTER_BAD, freer.inode.ino(), block,
                    "not freeing block pointer " + block + " outside the data area");
            return;
        }
        if (depth > 0) {
            byte[] words = fs.blockBytes(block);
            for (int i = 0; i < per; i++) {
                long child = Le.u32(words, i * 4);
                if (child != 0) {
                    freeTree(freer, child, depth - 1);
                }
            }
        }
        freer.free(block);
    }

    /** The part of the tree under {@code block} (covering from {@code base}) at or past {@code from}. */
    private void truncatePartial(BlockFreer freer, long block, int depth, long base, long from) {
        if (!valid(block)) {
            fs.problems().report(ExtProblem.Code.BLOCK_POINTER_BAD, freer.inode.ino(), block,
                    "not following indirect block " + block + " outside the data area");
            return;
        }
        byte[] words = fs.blockBytes(block);
        long childSpan = 1;
        for (int i = 1; i < depth; i++) {
            childSpan *= per;
        }
        boolean changed = false;
        for (int i = 0; i < per; i++) {
            long child = Le.u32(words, i * 4);
            long cb = base + i * childSpan;
            if (child == 0) {
                continue;
            }
            if (cb >= from) {
                freeTree(freer, child, depth - 1);
                Le.put32(words, i * 4, 0);
                changed = true;
            } else if (depth > 1 && from < cb + childSpan) {
                truncatePartial(freer, child, depth - 1, cb, from);
            }
        }
        if (changed) {
            int firstCleared = (int) Math.max(0, Math.min(per, (from - base + childSpan - 1) / childSpan));
            fs.editBlock(block, b -> {
                for (int i = firstCleared; i < per; i++) {
                    Le.put32(b, i * 4, 0);
                }
            });
        }
    }
}
