package org.vfscope.fs.ext;

import java.util.Arrays;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * Keeping dir_index (htree) directories indexed as they change, as fs/ext4/namei.c does:
 * ext4_dx_add_entry probes the index for the name's leaf and adds there; a full leaf is split
 * at the hash median into a new block whose first hash goes into the index (do_split, with the
 * collision bit when equal hashes straddle the split); a full index node is split, or the root
 * pushed down one level (at most two levels, three with large_dir); make_indexed_dir turns a
 * one-block directory into an indexed one when that block fills. Deleting only clears the leaf
 * entry, without merging blocks, as the kernel. Index nodes keep their dx_tail checksum and
 * leaves written here their ext4_dir_entry_tail under metadata_csum. Callers hold the
 * directory's i_rwsem exclusive.
 */
final class HtreeWriter {
    /** Restarts of one add: each one splits a node or adds a level, so the tree depth bounds them. */
    private static final int MAX_RESTARTS = 8;
    /** EXT4_ENCRYPT_FL and EXT4_CASEFOLD_FL: their directories hash differently (not handled here). */
    private static final int FL_ENCRYPT = 0x800;
    private static final int FL_CASEFOLD = 0x40000000;

    private final ExtFs fs;
    private final ExtDirWriter dirs;
    private final ExtDirTail tail;
    private final int bs;
    private final boolean csum;
    private final long[] seed;

    HtreeWriter(ExtFs fs, ExtDirWriter dirs, ExtDirTail tail) {
        this.fs = fs;
        this.dirs = dirs;
        this.tail = tail;
        this.bs = fs.info().blockSize();
        this.csum = fs.csum().metadataCsum();
        this.seed = fs.info().hashSeed();
    }

    /** One index block on the path to a leaf: where it is, its bytes, its entry array, the entry taken. */
    private static final class Frame {
        long logical;
        long physical;
        byte[] b;
        int entries;
        int at;

        int count() {
            return DxNode.count(b, entries);
        }

        int limit() {
            return DxNode.limit(b, entries);
        }

        long child() {
            return DxNode.block(b, entries, at);
        }
    }

    /** dx_probe's result: the path from the root, the name's hash, and the hash version used. */
    private record Probe(Frame[] frames, int hash, int version) {
        Frame bottom() {
            return frames[frames.length - 1];
        }
    }

    /** is_dx: the filesystem has dir_index and the directory carries an index over more than one block. */
    boolean isIndexed(ExtInode dir) {
        return hasDirIndex() && (dir.flags() & ExtInodeRaw.FL_INDEX) != 0 && !dir.hasInlineData()
                && dir.size() / bs > 1;
    }

    private boolean hasDirIndex() {
        return fs.info().hasCompat(ExtFeatures.COMPAT_DIR_INDEX);
    }

    private int maxLevels() {
        return fs.info().hasIncompat(ExtFeatures.INCOMPAT_LARGEDIR) ? 3 : 2;
    }

    private int inodeSeed(ExtInode dir) {
        return fs.csum().inodeSeed(dir.ino(), dir.generation());
    }

    private int hashVersion(int stored) {
        return stored + (fs.info().unsignedHash() ? 3 : 0);
    }

    // ---- probing -------------------------------------------------------------------------

    /** dx_probe: root and nodes checked, then a binary search at each level for the name's hash. */
    private Probe probe(ExtInode dir, byte[] name) {
        long blocks = dir.size() / bs;
        Frame root = read(dir, 0);
        byte[] r = root.b;
        int stored = Le.u8(r, DxNode.ROOT_INFO + 4);
        int levels = Le.u8(r, DxNode.ROOT_INFO + 6);
        if (Le.u32(r, DxNode.ROOT_INFO) != 0 || (Le.u8(r, DxNode.ROOT_INFO + 7) & 1) != 0) {
            throw bad(dir, 0, "dx_root reserved fields set");
        }
        if (stored > DirHash.TEA) {
            throw bad(dir, 0, "unrecognised hash version " + stored);
        }
        if (Le.u8(r, DxNode.ROOT_INFO + 5) != DxNode.ROOT_INFO_LEN) {
            throw bad(dir, 0, "dx_root info length " + Le.u8(r, DxNode.ROOT_INFO + 5));
        }
        if (levels >= maxLevels()) {
            throw bad(dir, 0, "htree depth " + levels + " beyond " + (maxLevels() - 1));
        }
        int version = hashVersion(stored);
        int hash = DirHash.hash(version, name, seed);
        Frame[] frames = new Frame[levels + 1];
        root.entries = DxNode.ROOT_ENTRIES;
        frames[0] = root;
        for (int level = 0; level <= levels; level++) {
            Frame f = frames[level];
            int expected = level == 0 ? DxNode.rootLimit(bs, csum) : DxNode.nodeLimit(bs, csum);
            if (f.limit() != expected || f.count() == 0 || f.count() > f.limit()) {
                throw bad(dir, f.logical, "dx count " + f.count() + ", limit " + f.limit() + " (expected " + expected
                        + ")");
            }
            f.at = search(f, hash);
            long child = f.child();
            if (child == 0 || child >= blocks) {
                throw bad(dir, f.logical, "index entry points at block " + child + " of " + blocks);
            }
            if (level < levels) {
                frames[level + 1] = node(dir, child);
            }
        }
        return new Probe(frames, hash, version);
    }

    /** The last entry whose hash is not above {@code hash} (entry 0 stands for the lowest hashes). */
    private static int search(Frame f, int hash) {
        int p = 1;
        int q = f.count() - 1;
        while (p <= q) {
            int m = (p + q) >>> 1;
            if (Integer.compareUnsigned(DxNode.hash(f.b, f.entries, m), hash) > 0) {
                q = m - 1;
            } else {
                p = m + 1;
            }
        }
        return p - 1;
    }

    private Frame node(ExtInode dir, long logical) {
        Frame f = read(dir, logical);
        if (!ExtDirBlock.isDxNode(f.b)) {
            throw bad(dir, logical, "not an index node");
        }
        f.entries = DxNode.NODE_ENTRIES;
        return f;
    }

    private Frame read(ExtInode dir, long logical) {
        Frame f = new Frame();
        f.logical = logical;
        f.physical = dirs.physical(dir, logical);
        if (f.physical == 0) {
            throw bad(dir, logical, "hole in an indexed directory");
        }
        f.b = fs.blockBytes(f.physical);
        return f;
    }

    private VfsException bad(ExtInode dir, long logical, String what) {
        return new VfsException(Errno.EUCLEAN, "inode " + dir.ino(), "htree: " + what + " (logical block " + logical
                + ")");
    }

    // ---- lookup for unlink and rename ------------------------------------------------------

    /**
     * ext4_dx_find_entry: the live entry named {@code name} through the index, or null; later
     * leaves are searched only while their first hash continues the name's hash (a collision
     * run). EUCLEAN when the index does not add up: the caller scans linearly instead.
     */
    ExtDirWriter.Slot find(ExtInode dir, byte[] name) {
        Probe p = probe(dir, name);
        Frame[] frames = p.frames();
        long blocks = dir.size() / bs;
        for (long n = 0; n < blocks; n++) {
            long leaf = p.bottom().child();
            long phys = dirs.physical(dir, leaf);
            if (phys == 0) {
                throw bad(dir, leaf, "hole in an indexed directory");
            }
            byte[] b = fs.blockBytes(phys);
            ExtDirBlock.Parsed parsed = ExtDirBlock.parse(b, 0, tail.entriesEnd(b),
                    fs.info().hasIncompat(ExtFeatures.INCOMPAT_FILETYPE), fs.info().inodesCount());
            if (parsed.error() != null) {
                fs.problems().report(ExtProblem.Code.DIR_ENTRY_BAD, dir.ino(), phys, parsed.error());
            }
            int prev = -1;
            for (ExtDirEntry e : parsed.entries()) {
                if (e.ino() != 0 && e.nameEquals(name)) {
                    return new ExtDirWriter.Slot(leaf, phys, e, prev);
                }
                prev = e.offset();
            }
            if (!nextLeaf(dir, frames, p.hash())) {
                return null;
            }
        }
        throw bad(dir, 0, "leaf chain longer than the directory");
    }

    /** ext4_htree_next_block: on to the next leaf if it continues the hash; false when it does not. */
    private boolean nextLeaf(ExtInode dir, Frame[] frames, int hash) {
        int i = frames.length - 1;
        while (i >= 0 && frames[i].at + 1 >= frames[i].count()) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        frames[i].at++;
        if ((DxNode.hash(frames[i].b, frames[i].entries, frames[i].at) & ~1) != hash) {
            return false;
        }
        for (int j = i + 1; j < frames.length; j++) {
            long child = frames[j - 1].child();
            if (child == 0 || child >= dir.size() / bs) {
                throw bad(dir, frames[j - 1].logical, "index entry points at block " + child);
            }
            frames[j] = node(dir, child);
            frames[j].at = 0;
        }
        return true;
    }

    // ---- adding ----------------------------------------------------------------------------

    /**
     * ext4_dx_add_entry. False when the index cannot be used (the caller then drops the index
     * flag and adds linearly, as ext4's dx_fallback); ENOSPC when the index is full.
     */
    boolean add(ExtInode dir, byte[] name, long ino, int fileType) {
        return add(dir, name, ino, fileType, false);
    }

    private boolean add(ExtInode dir, byte[] name, long ino, int fileType, boolean splitFirst) {
        for (int attempt = 0; attempt < MAX_RESTARTS; attempt++) {
            Probe p;
            try {
                p = probe(dir, name);
            } catch (VfsException e) {
                if (e.errno() != Errno.EUCLEAN) {
                    throw e;
                }
                fs.problems().report(ExtProblem.Code.HTREE_BAD, dir.ino(), -1, e.getMessage()
                        + "; index dropped, entry added without it");
                return false;
            }
            Frame parent = p.bottom();
            long leafLogical = parent.child();
            long leafPhys = dirs.physical(dir, leafLogical);
            if (leafPhys == 0) {
                fs.problems().report(ExtProblem.Code.HTREE_BAD, dir.ino(), -1, "htree: leaf " + leafLogical
                        + " is a hole; index dropped, entry added without it");
                return false;
            }
            byte[] leaf = fs.blockBytes(leafPhys);
            int usable = tail.entriesEnd(leaf);
            boolean mayAdd = !(splitFirst && attempt == 0);
            if (mayAdd && DxLeaf.add(leaf, usable, name, ino, fileType)) {
                rewriteLeaf(dir, leafPhys, leaf);
                return true;
            }
            if (parent.count() >= parent.limit()) {
                growIndex(dir, p);
                continue;
            }
            int version = p.version();
            DxLeaf.Split s = DxLeaf.split(leaf, usable, tail.space(), n -> DirHash.hash(version, n, seed));
            if (s == null) {
                DxLeaf.compact(leaf, usable); // fewer than two live entries: only the free space was scattered
                rewriteLeaf(dir, leafPhys, leaf);
                continue;
            }
            long newLogical = dir.size() / bs;
            long newPhys = dirs.appendBlock(dir);
            DxNode.insert(parent.b, parent.entries, parent.at, s.hash2() | (s.continued() ? 1 : 0), newLogical);
            byte[] target = Integer.compareUnsigned(p.hash(), s.hash2()) >= 0 ? s.high() : s.low();
            boolean added = DxLeaf.add(target, tail.space(), name, ino, fileType);
            dirs.writeLeaf(dir, newPhys, s.high());
            dirs.writeLeaf(dir, leafPhys, s.low());
            writeNode(dir, parent);
            if (added) {
                return true;
            }
        }
        throw new VfsException(Errno.ENOSPC, "inode " + dir.ino(), "htree: no room for the entry after "
                + MAX_RESTARTS + " splits");
    }

    /**
     * The index block over the full leaf is full too: split the lowest ancestor-chain node whose
     * parent has room (its upper half to a new node, whose first hash goes into the parent), or,
     * when every level is full, move the root's entries into a new node under a one-entry root.
     */
    private void growIndex(ExtInode dir, Probe p) {
        Frame[] frames = p.frames();
        int levels = frames.length;
        int f = levels - 1;
        boolean addLevel = true;
        while (f > 0) {
            if (frames[f - 1].count() < frames[f - 1].limit()) {
                addLevel = false;
                break;
            }
            f--;
        }
        if (addLevel && levels >= maxLevels()) {
            throw new VfsException(Errno.ENOSPC, "inode " + dir.ino(), "directory index full at " + levels
                    + " levels" + (maxLevels() < 3 ? " (large_dir is not enabled)" : ""));
        }
        Frame full = frames[f];
        int icount = full.count();
        long newLogical = dir.size() / bs;
        long newPhys = dirs.appendBlock(dir);
        byte[] node2 = DxNode.newNode(bs, csum);
        int e2 = DxNode.NODE_ENTRIES;
        if (!addLevel) {
            int icount1 = icount / 2;
            int icount2 = icount - icount1;
            int hash2 = DxNode.hash(full.b, full.entries, icount1);
            System.arraycopy(full.b, full.entries + 8 * icount1, node2, e2, 8 * icount2);
            DxNode.setLimit(node2, e2, DxNode.nodeLimit(bs, csum));
            DxNode.setCount(node2, e2, icount2);
            DxNode.setCount(full.b, full.entries, icount1);
            clearFrom(full, icount1, icount);
            Frame up = frames[f - 1];
            DxNode.insert(up.b, up.entries, up.at, hash2, newLogical);
            writeNode(dir, newPhys, node2, e2);
            writeNode(dir, full);
            writeNode(dir, up);
        } else {
            System.arraycopy(full.b, full.entries, node2, e2, 8 * icount);
            DxNode.setLimit(node2, e2, DxNode.nodeLimit(bs, csum));
            DxNode.setCount(full.b, full.entries, 1);
            DxNode.setBlock(full.b, full.entries, 0, newLogical);
            clearFrom(full, 1, icount);
            Le.put8(full.b, DxNode.ROOT_INFO + 6, Le.u8(full.b, DxNode.ROOT_INFO + 6) + 1);
            writeNode(dir, newPhys, node2, e2);
            writeNode(dir, full);
        }
    }

    /** Zeroes entries [from, to) that moved elsewhere, so no stale pointer stays in the block. */
    private static void clearFrom(Frame f, int from, int to) {
        Arrays.fill(f.b, f.entries + 8 * from, f.entries + 8 * to, (byte) 0);
    }

    // ---- make_indexed_dir -------------------------------------------------------------------

    /** Whether a one-block directory may become indexed: dir_index, a hash we compute, no special hashing. */
    private boolean canIndex(ExtInode dir) {
        int def = fs.info().defHashVersion();
        return hasDirIndex() && !dir.hasInlineData() && def >= DirHash.LEGACY && def <= DirHash.TEA
                && (dir.flags() & (FL_ENCRYPT | FL_CASEFOLD)) == 0 && dir.size() / bs == 1;
    }

    /**
     * make_indexed_dir, for a directory whose only block is full: block 0 becomes the dx_root
     * (its "." and ".." stay), its other entries move to a new block 1, which is then split by
     * hash into block 2 before the new entry is added. False when the directory cannot be
     * indexed (the caller appends a plain block).
     */
    boolean makeIndexed(ExtInode dir, byte[] name, long ino, int fileType) {
        if (!canIndex(dir)) {
            return false;
        }
        long rootPhys = dirs.physical(dir, 0);
        if (rootPhys == 0) {
            return false;
        }
        byte[] root = fs.blockBytes(rootPhys);
        int end = tail.entriesEnd(root);
        int dotDotLen = Le.u16(root, 16);
        int from = 12 + dotDotLen;
        boolean dots = Le.u16(root, 4) == 12 && Le.u8(root, 6) == 1 && root[8] == '.' && Le.u8(root, 18) == 2
                && root[20] == '.' && root[21] == '.';
        if (!dots || dotDotLen < 12 || from >= end) {
            return false; // not the layout dx_root overlays; stay linear
        }
        ExtDirBlock.Parsed rest = ExtDirBlock.parse(root, from, end, false, fs.info().inodesCount());
        if (rest.error() != null || rest.entries().isEmpty()) {
            return false;
        }
        byte[] leaf = new byte[bs];
        int leafEnd = tail.space();
        System.arraycopy(root, from, leaf, 0, end - from);
        int last = rest.entries().get(rest.entries().size() - 1).offset() - from;
        Le.put16(leaf, last + 4, leafEnd - last);

        long leafLogical = dir.size() / bs;
        long leafPhys = dirs.appendBlock(dir);
        Le.put16(root, 16, bs - 12);
        Arrays.fill(root, DxNode.ROOT_INFO, bs, (byte) 0);
        Le.put8(root, DxNode.ROOT_INFO + 4, fs.info().defHashVersion());
        Le.put8(root, DxNode.ROOT_INFO + 5, DxNode.ROOT_INFO_LEN);
        DxNode.setLimit(root, DxNode.ROOT_ENTRIES, DxNode.rootLimit(bs, csum));
        DxNode.setCount(root, DxNode.ROOT_ENTRIES, 1);
        DxNode.setBlock(root, DxNode.ROOT_ENTRIES, 0, leafLogical);
        dirs.writeLeaf(dir, leafPhys, leaf);
        writeNode(dir, rootPhys, root, DxNode.ROOT_ENTRIES);
        dir.setFlags(dir.flags() | ExtInodeRaw.FL_INDEX);
        if (add(dir, name, ino, fileType, true)) {
            return true;
        }
        // The new index was refused (cannot happen unless the blocks changed under us): drop it
        // (under metadata_csum the root becomes a sealed leaf again) and let the caller append.
        dirs.dropIndex(dir);
        return false;
    }

    /** After ".." in the root changed (rename to another parent): the root's checksum covers it. */
    void rootChanged(ExtInode dir) {
        if (!csum || !isIndexed(dir)) {
            return;
        }
        long phys = dirs.physical(dir, 0);
        if (phys != 0) {
            fs.editBlock(phys, b -> DxNode.setChecksum(fs.csum(), inodeSeed(dir), b, DxNode.ROOT_ENTRIES));
        }
    }

    // ---- writing blocks ----------------------------------------------------------------------

    private void writeNode(ExtInode dir, Frame f) {
        writeNode(dir, f.physical, f.b, f.entries);
    }

    private void writeNode(ExtInode dir, long phys, byte[] b, int entries) {
        if (csum) {
            DxNode.setChecksum(fs.csum(), inodeSeed(dir), b, entries);
        }
        BufferEdit.overwrite(fs.cache(), phys, b);
    }

    /** An existing leaf changed in place: sealed again when it carries a checksum tail, else written as it is. */
    private void rewriteLeaf(ExtInode dir, long phys, byte[] b) {
        if (ExtDirBlock.hasTail(b)) {
            dirs.writeLeaf(dir, phys, b);
        } else {
            BufferEdit.overwrite(fs.cache(), phys, b);
        }
    }
}
