package org.vfscope.fs.ext;

import java.util.ArrayList;
import java.util.List;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * The write half of the ext4 extent tree (fs/ext4/extents.c). A block is mapped by
 * ext4_ext_map_blocks: the path from the root in i_block down to the leaf is found
 * (ext4_find_extent), a new block is allocated at the goal the neighbouring extent gives
 * (ext4_ext_find_goal: physically right after the previous extent, so files stay contiguous),
 * and the extent is merged into a neighbour when it continues it, else inserted
 * (ext4_ext_insert_extent). A full node is split (ext4_ext_split: an append starts a new node
 * holding only the new entry, so sequential files fill their leaves); a full root moves into a
 * new block one level down (ext4_ext_grow_indepth). Index keys always equal the first key of
 * their child (ext4_ext_correct_indexes), as e2fsck checks. Truncate (ext4_ext_remove_space)
 * frees and trims extents from the end, drops emptied nodes, and pulls a lone child back into
 * the root when it fits (the tree gets shallower again). Unwritten extents come from
 * {@link #preallocate} and are split when written ({@link #mapForWrite}). Every tree block
 * carries its ext4_extent_tail checksum. Callers hold the inode's truncate mutex.
 */
final class ExtentMapWriter implements BlockMapWriter {
    /** EXT_INIT_MAX_LEN and EXT_UNWRITTEN_MAX_LEN. */
    static final int MAX_LEN = 1 << 15;
    static final int MAX_UNWRITTEN_LEN = MAX_LEN - 1;
    private static final int HEADER = ExtentMap.HEADER;
    private static final int ENTRY = ExtentMap.ENTRY;
    private static final int ROOT_MAX = (ExtInodeRaw.I_BLOCK_SIZE - HEADER) / ENTRY;
    /** The widest hole the goal leaves room for (mballoc's stream threshold, s_mb_stream_request). */
    private static final int ROOM_FOR_HOLE = 16;
    /** EXT4_FLEX_SIZE_DIR_ALLOC_SCHEME. */
    private static final int FLEX_SIZE_DIR_ALLOC_SCHEME = 4;

    private final ExtFs fs;
    private final int bs;
    private final int blockMax;

    ExtentMapWriter(ExtFs fs) {
        this.fs = fs;
        this.bs = fs.info().blockSize();
        this.blockMax = (bs - HEADER) / ENTRY;
    }

    // ---- nodes and paths -------------------------------------------------------------------

    /** One tree node: the root (block -1, i_block's 60 bytes) or a tree block. */
    private static final class Node {
        final long block;
        final byte[] b;

        Node(long block, byte[] b) {
            this.block = block;
            this.b = b;
        }

        int entries() {
            return Le.u16(b, 2);
        }

        void setEntries(int n) {
            Le.put16(b, 2, n);
        }

        int max() {
            return Le.u16(b, 4);
        }

        int depth() {
            return Le.u16(b, 6);
        }

        long key(int i) {
            return Le.u32(b, HEADER + i * ENTRY);
        }

        void setKey(int i, long key) {
            Le.put32(b, HEADER + i * ENTRY, key);
        }

        // leaf entries (struct ext4_extent)
        int len(int i) {
            int raw = Le.u16(b, HEADER + i * ENTRY + 4);
            return raw > MAX_LEN ? raw - MAX_LEN : raw;
        }

        boolean unwritten(int i) {
            return Le.u16(b, HEADER + i * ENTRY + 4) > MAX_LEN;
        }

        long phys(int i) {
            int off = HEADER + i * ENTRY;
            return Le.u32(b, off + 8) | (long) Le.u16(b, off + 6) << 32;
        }

        long end(int i) {
            return key(i) + len(i);
        }

        // index entries (struct ext4_extent_idx)
        long child(int i) {
            int off = HEADER + i * ENTRY;
            return Le.u32(b, off + 4) | (long) Le.u16(b, off + 8) << 32;
        }
    }

    private static void putExtent(byte[] b, int at, long start, int len, long phys, boolean unwritten) {
        Le.put32(b, at, start);
        Le.put16(b, at + 4, unwritten ? len + MAX_LEN : len);
        Le.put16(b, at + 6, phys >>> 32);
        Le.put32(b, at + 8, phys);
    }

    private static byte[] extent(long start, int len, long phys, boolean unwritten) {
        byte[] e = new byte[ENTRY];
        putExtent(e, 0, start, len, phys, unwritten);
        return e;
    }

    private static byte[] index(long start, long child) {
        byte[] e = new byte[ENTRY];
        Le.put32(e, 0, start);
        Le.put32(e, 4, child);
        Le.put16(e, 8, child >>> 32);
        return e;
    }

    private static void header(byte[] b, int entries, int max, int depth) {
        Le.put16(b, 0, ExtentMap.MAGIC);
        Le.put16(b, 2, entries);
        Le.put16(b, 4, max);
        Le.put16(b, 6, depth);
        Le.put32(b, 8, 0);
    }

    /** ext4_ext_tree_init: an empty depth-0 root in a new inode's i_block. */
    static void initRoot(ExtInode inode) {
        byte[] b = new byte[ExtInodeRaw.I_BLOCK_SIZE];
        header(b, 0, ROOT_MAX, 0);
        for (int i = 0; i < 15; i++) {
            inode.iBlock[i] = Le.u32(b, 4 * i);
        }
    }

    /** The nodes from the root down to a leaf, and which entry was followed (or found) at each. */
    private static final class Path {
        final List<Node> nodes = new ArrayList<>();
        /** Index levels: the entry followed; the leaf: the last extent starting at or before the key (-1: none). */
        final List<Integer> pos = new ArrayList<>();

        int leafLevel() {
            return nodes.size() - 1;
        }

        Node leaf() {
            return nodes.get(leafLevel());
        }

        int leafPos() {
            return pos.get(leafLevel());
        }
    }

    private Node root(ExtInode inode) {
        byte[] b = new byte[ExtInodeRaw.I_BLOCK_SIZE];
        for (int i = 0; i < 15; i++) {
            Le.put32(b, 4 * i, inode.iBlock[i]);
        }
        Node n = new Node(-1, b);
        check(inode, n, ROOT_MAX, -1);
        return n;
    }

    private Node read(ExtInode inode, long block, int depth) {
        fs.checkBlocks(inode.ino(), block, 1, "extent tree block");
        Node n = new Node(block, fs.blockBytes(block));
        check(inode, n, blockMax, depth);
        return n;
    }

    /** __ext4_ext_check, before anything is changed on the strength of a node. */
    private void check(ExtInode inode, Node n, int capacity, int depth) {
        String why = null;
        if (Le.u16(n.b, 0) != ExtentMap.MAGIC) {
            why = String.format("extent header magic 0x%04x", Le.u16(n.b, 0));
        } else if (n.max() == 0 || n.max() > capacity || n.entries() > n.max()) {
            why = "extent header entries " + n.entries() + " / max " + n.max();
        } else if (n.depth() > ExtentMap.MAX_DEPTH || (depth >= 0 && n.depth() != depth)) {
            why = "extent depth " + n.depth();
        }
        if (why != null) {
            fs.problems().report(ExtProblem.Code.EXTENT_BAD, inode.ino(), n.block, why);
            throw new VfsException(Errno.EUCLEAN, "inode " + inode.ino(), why
                    + (n.block >= 0 ? " in block " + n.block : " in the inode"));
        }
    }

    /** The last entry of {@code n} whose key is at or before {@code logical}, or -1. */
    private static int search(Node n, long logical) {
        int lo = 0;
        int hi = n.entries() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (n.key(mid) <= logical) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** ext4_find_extent. */
    private Path find(ExtInode inode, long logical) {
        Path p = new Path();
        Node n = root(inode);
        for (int level = 0; ; level++) {
            int i = search(n, logical);
            p.nodes.add(n);
            if (n.depth() == 0) {
                p.pos.add(i);
                return p;
            }
            if (n.entries() == 0) {
                throw corrupt(inode, n.block, "index node with no entries");
            }
            int follow = Math.max(i, 0);
            p.pos.add(follow);
            if (level >= ExtentMap.MAX_DEPTH) {
                throw corrupt(inode, n.block, "extent tree deeper than " + ExtentMap.MAX_DEPTH);
            }
            n = read(inode, n.child(follow), n.depth() - 1);
        }
    }

    /** Writes a changed node: the root into i_block, a block through the buffer cache with its tail checksum. */
    private void write(ExtInode inode, Node n) {
        if (n.block < 0) {
            for (int i = 0; i < 15; i++) {
                inode.iBlock[i] = Le.u32(n.b, 4 * i);
            }
            return;
        }
        if (fs.csum().metadataCsum()) {
            int tail = HEADER + n.max() * ENTRY;
            Le.put32(n.b, tail, fs.csum().extentBlock(fs.csum().inodeSeed(inode.ino(), inode.generation()), n.b, tail));
        }
        BufferEdit.overwrite(fs.cache(), n.block, n.b);
    }

    private VfsException corrupt(ExtInode inode, long block, String what) {
        fs.problems().report(ExtProblem.Code.EXTENT_BAD, inode.ino(), block, what);
        return new VfsException(Errno.EUCLEAN, "inode " + inode.ino(), what + (block >= 0 ? " in block " + block : ""));
    }

    // ---- mapping -----------------------------------------------------------------------------

    @Override
    public long lookup(ExtInode inode, long logical) {
        Path p = find(inode, logical);
        Node leaf = p.leaf();
        int i = p.leafPos();
        if (i >= 0 && logical < leaf.end(i)) {
            long phys = leaf.phys(i) + (logical - leaf.key(i));
            fs.checkBlocks(inode.ino(), phys, 1, "extent");
            return phys;
        }
        return 0;
    }

    @Override
    public long getOrAllocate(ExtInode inode, long logical) {
        checkLogical(inode, logical);
        Path p = find(inode, logical);
        Node leaf = p.leaf();
        int i = p.leafPos();
        if (i >= 0 && logical < leaf.end(i)) {
            return leaf.phys(i) + (logical - leaf.key(i));
        }
        long phys = fs.blockAllocator().newBlocks(inode.ino(), goal(inode, p, logical), 1).start();
        try {
            insertExtent(inode, p, logical, 1, phys, false);
        } catch (RuntimeException e) {
            fs.blockAllocator().freeBlocks(inode.ino(), phys, 1);
            throw e;
        }
        inode.addFsBlocks(1);
        inode.lastLogical = logical;
        inode.lastPhysical = phys;
        return phys;
    }

    private static void checkLogical(ExtInode inode, long logical) {
        if (logical < 0 || logical >= (1L << 32) - 1) {
            throw new VfsException(Errno.EFBIG, "inode " + inode.ino(), "block " + logical + " beyond the extent limit");
        }
    }

    /**
     * ext4_ext_find_goal: right after the block allocated last when this one follows it, else
     * where the previous extent would continue to, else near the leaf, else the inode's goal.
     * Past a narrow hole the goal leaves room to fill the hole in place, as the kernel does;
     * past a wide one (a sparse file) it is right after the previous extent, so isolated blocks
     * do not land in the free space ahead that the next file's run would take.
     */
    private long goal(ExtInode inode, Path p, long logical) {
        if (inode.lastLogical >= 0 && logical == inode.lastLogical + 1 && inode.lastPhysical != 0) {
            return inode.lastPhysical + 1;
        }
        Node leaf = p.leaf();
        int i = p.leafPos();
        if (i >= 0) {
            long hole = logical - leaf.end(i);
            return leaf.phys(i) + leaf.len(i) + (hole <= ROOM_FOR_HOLE ? hole : 0);
        }
        if (leaf.entries() > 0 && leaf.phys(0) > leaf.key(0) - logical) {
            return leaf.phys(0) - (leaf.key(0) - logical);
        }
        if (leaf.block >= 0) {
            return leaf.block;
        }
        return inodeGoal(inode);
    }

    /**
     * ext4_inode_to_goal_block: the start of the inode's group; with flex groups of four or
     * more, the flex group's first group for directories and the second for regular files.
     */
    long inodeGoal(ExtInode inode) {
        ExtSuperBlockInfo info = fs.info();
        long group = (inode.ino() - 1) / info.inodesPerGroup();
        int flex = info.hasIncompat(ExtFeatures.INCOMPAT_FLEX_BG) ? 1 << info.logGroupsPerFlex() : 1;
        if (flex >= FLEX_SIZE_DIR_ALLOC_SCHEME) {
            group &= ~(long) (flex - 1);
            if (inode.isRegular()) {
                group++;
            }
        }
        if (group >= info.groupCount()) {
            group = 0;
        }
        return info.groupFirstBlock(group);
    }

    /** A block for the tree itself, near the node it hangs under. */
    private long newTreeBlock(ExtInode inode, Node near) {
        long goal = near.block >= 0 ? near.block + 1 : inodeGoal(inode);
        long b = fs.blockAllocator().newBlocks(inode.ino(), goal, 1).start();
        inode.addFsBlocks(1);
        return b;
    }

    /**
     * ext4_ext_insert_extent: [logical, logical + len) at {@code phys}, merged into the extent
     * before or after it when it continues one, else a new entry (splitting as needed).
     */
    private void insertExtent(ExtInode inode, Path p, long logical, int len, long phys, boolean unwritten) {
        Node leaf = p.leaf();
        int i = p.leafPos();
        int max = unwritten ? MAX_UNWRITTEN_LEN : MAX_LEN;
        if (i >= 0 && leaf.unwritten(i) == unwritten && leaf.end(i) == logical
                && leaf.phys(i) + leaf.len(i) == phys && leaf.len(i) + len <= max) {
            int newLen = leaf.len(i) + len;
            putExtent(leaf.b, HEADER + i * ENTRY, leaf.key(i), newLen, leaf.phys(i), unwritten);
            if (i + 1 < leaf.entries() && leaf.unwritten(i + 1) == unwritten && leaf.key(i + 1) == leaf.end(i)
                    && leaf.phys(i + 1) == leaf.phys(i) + newLen && newLen + leaf.len(i + 1) <= max) {
                putExtent(leaf.b, HEADER + i * ENTRY, leaf.key(i), newLen + leaf.len(i + 1), leaf.phys(i), unwritten);
                removeEntry(leaf, i + 1); // ext4_ext_try_to_merge: the hole between them is filled
            }
            write(inode, leaf);
            return;
        }
        int next = i + 1;
        if (next < leaf.entries() && leaf.unwritten(next) == unwritten && logical + len == leaf.key(next)
                && phys + len == leaf.phys(next) && leaf.len(next) + len <= max) {
            putExtent(leaf.b, HEADER + next * ENTRY, logical, leaf.len(next) + len, phys, unwritten);
            write(inode, leaf);
            if (next == 0) {
                correctIndexes(inode, p, p.leafLevel());
            }
            return;
        }
        insertEntry(inode, p, p.leafLevel(), next, extent(logical, len, phys, unwritten));
    }

    private static void removeEntry(Node n, int at) {
        int e = n.entries();
        System.arraycopy(n.b, HEADER + (at + 1) * ENTRY, n.b, HEADER + at * ENTRY, (e - at - 1) * ENTRY);
        java.util.Arrays.fill(n.b, HEADER + (e - 1) * ENTRY, HEADER + e * ENTRY, (byte) 0);
        n.setEntries(e - 1);
    }

    private static void putEntry(Node n, int at, byte[] entry) {
        int e = n.entries();
        System.arraycopy(n.b, HEADER + at * ENTRY, n.b, HEADER + (at + 1) * ENTRY, (e - at) * ENTRY);
        System.arraycopy(entry, 0, n.b, HEADER + at * ENTRY, ENTRY);
        n.setEntries(e + 1);
    }

    /** Puts {@code entry} at position {@code at} of the node at {@code level}: in place, after a split, or after growing the tree. */
    private void insertEntry(ExtInode inode, Path p, int level, int at, byte[] entry) {
        Node n = p.nodes.get(level);
        if (n.entries() < n.max()) {
            putEntry(n, at, entry);
            write(inode, n);
            if (at == 0) {
                correctIndexes(inode, p, level);
            }
            return;
        }
        if (level == 0) {
            growInDepth(inode, p);
            insertEntry(inode, p, 1, at, entry);
            return;
        }
        split(inode, p, level, at, entry);
    }

    /** ext4_ext_grow_indepth: the root's entries move to a new block one level down; the root indexes it. */
    private void growInDepth(ExtInode inode, Path p) {
        Node root = p.nodes.get(0);
        if (root.depth() >= ExtentMap.MAX_DEPTH) {
            throw new VfsException(Errno.EFBIG, "inode " + inode.ino(), "extent tree at its maximum depth");
        }
        long block = newTreeBlock(inode, root);
        byte[] b = new byte[bs];
        header(b, root.entries(), blockMax, root.depth());
        System.arraycopy(root.b, HEADER, b, HEADER, root.entries() * ENTRY);
        Node child = new Node(block, b);
        write(inode, child);
        byte[] rb = new byte[ExtInodeRaw.I_BLOCK_SIZE];
        header(rb, 1, ROOT_MAX, root.depth() + 1);
        System.arraycopy(index(child.entries() > 0 ? child.key(0) : 0, block), 0, rb, HEADER, ENTRY);
        Node newRoot = new Node(-1, rb);
        write(inode, newRoot);
        int followed = p.pos.get(0);
        p.nodes.set(0, newRoot);
        p.pos.set(0, 0);
        p.nodes.add(1, child);
        p.pos.add(1, followed);
    }

    /**
     * ext4_ext_split: a full node gives the entries from {@code at} on to a new sibling (an
     * append gives it only the new entry), and the parent gets an index for the sibling.
     */
    private void split(ExtInode inode, Path p, int level, int at, byte[] entry) {
        Node n = p.nodes.get(level);
        long block = newTreeBlock(inode, n);
        byte[] b = new byte[bs];
        int e = n.entries();
        Node sibling = new Node(block, b);
        if (at == e) {
            header(b, 1, blockMax, n.depth());
            System.arraycopy(entry, 0, b, HEADER, ENTRY);
        } else {
            int moved = e - at;
            header(b, moved, blockMax, n.depth());
            System.arraycopy(n.b, HEADER + at * ENTRY, b, HEADER, moved * ENTRY);
            java.util.Arrays.fill(n.b, HEADER + at * ENTRY, HEADER + e * ENTRY, (byte) 0);
            n.setEntries(at);
            putEntry(n, at, entry);
            write(inode, n);
            if (at == 0) {
                correctIndexes(inode, p, level);
            }
        }
        write(inode, sibling);
        insertEntry(inode, p, level - 1, p.pos.get(level - 1) + 1, index(sibling.key(0), block));
    }

    /** ext4_ext_correct_indexes: the node's first key, copied up while it is the first entry of its parent. */
    private void correctIndexes(ExtInode inode, Path p, int level) {
        Node n = p.nodes.get(level);
        if (n.entries() == 0) {
            return;
        }
        long key = n.key(0);
        for (int l = level - 1; l >= 0; l--) {
            Node parent = p.nodes.get(l);
            int idx = p.pos.get(l);
            if (parent.key(idx) == key) {
                return;
            }
            parent.setKey(idx, key);
            write(inode, parent);
            if (idx != 0) {
                return;
            }
        }
    }

    // ---- unwritten extents -------------------------------------------------------------------

    /**
     * ext4_ext_convert_to_initialized for one block: an unwritten extent is cut around
     * {@code logical}, which becomes written (joining the written extent before it when it
     * continues it, so sequential writes into preallocated space stay one extent).
     */
    @Override
    public long mapForWrite(ExtInode inode, long logical) {
        Path p = find(inode, logical);
        Node leaf = p.leaf();
        int i = p.leafPos();
        if (i < 0 || logical >= leaf.end(i)) {
            return 0;
        }
        long start = leaf.key(i);
        long phys = leaf.phys(i) + (logical - start);
        fs.checkBlocks(inode.ino(), phys, 1, "extent");
        if (!leaf.unwritten(i)) {
            return phys;
        }
        int len = leaf.len(i);
        long firstPhys = leaf.phys(i);
        if (logical == start && i > 0 && !leaf.unwritten(i - 1) && leaf.end(i - 1) == logical
                && leaf.phys(i - 1) + leaf.len(i - 1) == phys && leaf.len(i - 1) < MAX_LEN) {
            putExtent(leaf.b, HEADER + (i - 1) * ENTRY, leaf.key(i - 1), leaf.len(i - 1) + 1, leaf.phys(i - 1), false);
            if (len == 1) {
                removeEntry(leaf, i);
            } else {
                putExtent(leaf.b, HEADER + i * ENTRY, start + 1, len - 1, phys + 1, true);
            }
            write(inode, leaf);
            return phys;
        }
        // [start, logical) stays unwritten, logical is written, (logical, end) stays unwritten.
        int before = (int) (logical - start);
        int after = len - before - 1;
        if (before > 0) {
            putExtent(leaf.b, HEADER + i * ENTRY, start, before, firstPhys, true);
        } else {
            putExtent(leaf.b, HEADER + i * ENTRY, logical, 1, phys, false);
        }
        write(inode, leaf);
        if (before > 0) {
            insertExtent(inode, find(inode, logical), logical, 1, phys, false);
        }
        if (after > 0) {
            insertExtent(inode, find(inode, logical + 1), logical + 1, after, phys + 1, true);
        }
        return phys;
    }

    /**
     * ext4_fallocate's allocation: every hole in [from, from + count) gets blocks in unwritten
     * extents (read as zeros until written). Returns how many blocks were allocated.
     */
    long preallocate(ExtInode inode, long from, long count) {
        return allocateHoles(inode, from, count, true, new long[1]);
    }

    /**
     * ext4_map_blocks(create) for a whole range, as iomap_begin asks before a buffered write:
     * every hole in [from, from + count) gets written extents, a run per allocator call. Space
     * running out ends it early: the write path then reports ENOSPC at the exact block.
     */
    @Override
    public long allocateRange(ExtInode inode, long from, long count) {
        if (from < 0 || from + count - 1 >= (1L << 32) - 1) {
            return from; // past the extent limit: the block-by-block path reports EFBIG where it applies
        }
        long[] reached = {from};
        try {
            allocateHoles(inode, from, count, false, reached);
        } catch (VfsException e) {
            if (e.errno() != Errno.ENOSPC) {
                throw e;
            }
        }
        return reached[0];
    }

    /** The holes of the range allocated; {@code reached[0]}: the end of the part mapped so far. */
    private long allocateHoles(ExtInode inode, long from, long count, boolean unwritten, long[] reached) {
        long end = from + count;
        checkLogical(inode, end - 1);
        long l = from;
        long allocated = 0;
        while (l < end) {
            Path p = find(inode, l);
            Node leaf = p.leaf();
            int i = p.leafPos();
            if (i >= 0 && l < leaf.end(i)) {
                l = leaf.end(i);
                reached[0] = Math.min(l, end);
                continue;
            }
            long holeEnd = Math.min(end, nextAllocated(p));
            int want = (int) Math.min(holeEnd - l, unwritten ? MAX_UNWRITTEN_LEN : MAX_LEN);
            ExtBlockAllocator.Run r = fs.blockAllocator().newBlocks(inode.ino(), goal(inode, p, l), want);
            try {
                insertExtent(inode, p, l, r.count(), r.start(), unwritten);
            } catch (RuntimeException e) {
                fs.blockAllocator().freeBlocks(inode.ino(), r.start(), r.count());
                throw e;
            }
            inode.addFsBlocks(r.count());
            inode.lastLogical = l + r.count() - 1;
            inode.lastPhysical = r.start() + r.count() - 1;
            allocated += r.count();
            l += r.count();
            reached[0] = l;
        }
        return allocated;
    }

    /** ext4_ext_next_allocated_block: the first key after the path's position, anywhere in the tree. */
    private static long nextAllocated(Path p) {
        for (int level = p.leafLevel(); level >= 0; level--) {
            Node n = p.nodes.get(level);
            int next = p.pos.get(level) + 1;
            if (next < n.entries()) {
                return n.key(next);
            }
        }
        return Long.MAX_VALUE;
    }

    @Override
    public boolean isUnwritten(ExtInode inode, long logical) {
        Path p = find(inode, logical);
        int i = p.leafPos();
        return i >= 0 && logical < p.leaf().end(i) && p.leaf().unwritten(i);
    }

    // ---- truncate ----------------------------------------------------------------------------

    /** ext4_ext_remove_space from {@code from} to the end, then the tree made shallower where it can be. */
    @Override
    public void truncate(ExtInode inode, long from) {
        if (Le.u16(rootBytes(inode), 0) != ExtentMap.MAGIC && allZero(inode)) {
            return; // never initialised (a directory that failed before its first block)
        }
        Node root = root(inode);
        BlockFreer freer = new BlockFreer(fs, inode);
        try {
            if (truncateNode(inode, root, from, freer)) {
                write(inode, root);
            }
            if (root.entries() == 0 && root.depth() > 0) {
                header(root.b, 0, ROOT_MAX, 0);
                write(inode, root);
            }
            collapse(inode, root, freer);
        } finally {
            freer.flush();
            inode.addFsBlocks(-freer.count);
        }
        if (inode.lastLogical >= from) {
            inode.lastLogical = -1;
        }
    }

    private static byte[] rootBytes(ExtInode inode) {
        byte[] b = new byte[ExtInodeRaw.I_BLOCK_SIZE];
        for (int i = 0; i < 15; i++) {
            Le.put32(b, 4 * i, inode.iBlock[i]);
        }
        return b;
    }

    private static boolean allZero(ExtInode inode) {
        for (long w : inode.iBlock) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    /** Removes everything at or past {@code from} under {@code n}; returns whether {@code n} changed (the caller writes it). */
    private boolean truncateNode(ExtInode inode, Node n, long from, BlockFreer freer) {
        int e = n.entries();
        int keep = e;
        boolean changed = false;
        if (n.depth() == 0) {
            for (int i = e - 1; i >= 0; i--) {
                long start = n.key(i);
                int len = n.len(i);
                if (start >= from) {
                    freer.free(n.phys(i), len);
                    keep = i;
                } else if (start + len > from) {
                    int newLen = (int) (from - start);
                    freer.free(n.phys(i) + newLen, len - newLen);
                    putExtent(n.b, HEADER + i * ENTRY, start, newLen, n.phys(i), n.unwritten(i));
                    changed = true;
                    break;
                } else {
                    break;
                }
            }
        } else {
            for (int i = e - 1; i >= 0; i--) {
                Node child = read(inode, n.child(i), n.depth() - 1);
                if (n.key(i) >= from) {
                    freeSubtree(inode, child, freer);
                    keep = i;
                    continue;
                }
                if (truncateNode(inode, child, from, freer)) {
                    if (child.entries() == 0) {
                        freer.free(child.block, 1);
                        keep = i;
                    } else {
                        write(inode, child);
                    }
                }
                break;
            }
        }
        if (keep < e) {
            java.util.Arrays.fill(n.b, HEADER + keep * ENTRY, HEADER + e * ENTRY, (byte) 0);
            n.setEntries(keep);
            changed = true;
        }
        return changed;
    }

    private void freeSubtree(ExtInode inode, Node n, BlockFreer freer) {
        for (int i = n.entries() - 1; i >= 0; i--) {
            if (n.depth() == 0) {
                freer.free(n.phys(i), n.len(i));
            } else {
                freeSubtree(inode, read(inode, n.child(i), n.depth() - 1), freer);
            }
        }
        freer.free(n.block, 1);
    }

    /** A root with one child whose entries fit in i_block takes them over; the child block is freed. */
    private void collapse(ExtInode inode, Node root, BlockFreer freer) {
        while (root.depth() > 0 && root.entries() == 1) {
            Node child = read(inode, root.child(0), root.depth() - 1);
            if (child.entries() > ROOT_MAX) {
                return;
            }
            header(root.b, child.entries(), ROOT_MAX, child.depth());
            java.util.Arrays.fill(root.b, HEADER, root.b.length, (byte) 0);
            System.arraycopy(child.b, HEADER, root.b, HEADER, child.entries() * ENTRY);
            write(inode, root);
            freer.free(child.block, 1);
        }
    }

}
