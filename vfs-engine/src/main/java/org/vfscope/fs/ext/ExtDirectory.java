package org.vfscope.fs.ext;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.vfscope.vfs.DirContext;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.VfsException;

/**
 * Reading one directory: its blocks through the block map and the buffer cache (ext4_bread),
 * name lookup through the htree index when there is one (ext4_dx_find_entry) or by scanning
 * (ext4_search_dir), and readdir in on-disk order with the byte offset as position. Inline
 * directories (i_block after the parent number, then the system.data xattr) read the same way.
 * A bad block is recorded and skipped; the rest of the directory stays readable.
 */
public final class ExtDirectory {
    /** Upper bound on blocks visited, whatever i_size claims (4 Mi blocks: 4-16 GiB directories). */
    static final long MAX_BLOCKS = 1L << 22;
    /** A scan gives up after this many unreadable blocks in a row (a directory has no holes). */
    static final int MAX_BAD_RUN = 1024;

    private final ExtFs fs;
    private final ExtInode dir;
    private final ExtInodeRaw raw;
    private final long ino;
    private final int bs;

    public ExtDirectory(ExtFs fs, ExtInode dir) {
        this.fs = fs;
        this.dir = dir;
        this.raw = dir.raw();
        this.ino = dir.ino();
        this.bs = fs.info().blockSize();
    }

    /** dx_dir: the filesystem has dir_index and this directory carries an index. */
    public boolean isIndexed() {
        return fs.info().hasCompat(ExtFeatures.COMPAT_DIR_INDEX) && raw.hasFlag(ExtInodeRaw.FL_INDEX)
                && !dir.hasInlineData() && blockCount() > 1;
    }

    /**
     * Blocks to visit: i_size in blocks, but never more than the inode has allocated (a
     * directory has no holes, so a larger i_size is corrupt) nor {@link #MAX_BLOCKS}.
     */
    long blockCount() {
        long bySize = (dir.size() + bs - 1) / bs;
        long allocated = dir.blocks() * 512 / bs;
        long n = Math.min(bySize, MAX_BLOCKS);
        if (n > allocated && allocated >= 0) {
            fs.problems().report(ExtProblem.Code.DIR_SIZE_BAD, ino, -1, "directory size " + dir.size()
                    + " exceeds its " + allocated + " allocated blocks");
            n = allocated;
        }
        return n;
    }

    int inodeSeed() {
        return fs.csum().inodeSeed(ino, raw.generation());
    }

    long physicalOrMinusOne(long logical) {
        try {
            BlockMapping m = dir.blockMap().map(logical);
            return m.isHole() ? -1 : m.physical();
        } catch (VfsException e) {
            return -1;
        }
    }

    /** Logical block {@code logical} as stored, or null for a hole (recorded). */
    byte[] readIndexBlock(long logical) {
        BlockMapping m = dir.blockMap().map(logical);
        if (m.readsAsZeros()) {
            fs.problems().report(ExtProblem.Code.DIR_HOLE, ino, -1, "directory hole at logical block " + logical);
            return null;
        }
        return fs.blockBytes(m.physical());
    }

    /** A leaf (entry) block, its checksum tail verified once; null for a hole. */
    private byte[] readLeafBlock(long logical) {
        BlockMapping m = dir.blockMap().map(logical);
        if (m.readsAsZeros()) {
            fs.problems().report(ExtProblem.Code.DIR_HOLE, ino, -1, "directory hole at logical block " + logical);
            return null;
        }
        byte[] block = fs.blockBytes(m.physical());
        if (fs.csum().metadataCsum() && fs.firstCheck(m.physical())) {
            verifyLeaf(block, logical, m.physical());
        }
        return block;
    }

    private void verifyLeaf(byte[] block, long logical, long phys) {
        boolean dxBlock = (logical == 0 && isIndexed()) || ExtDirBlock.isDxNode(block);
        if (dxBlock) {
            return; // htree nodes carry a dx_tail, checked by HtreeIndex
        }
        if (!ExtDirBlock.hasTail(block)) {
            fs.problems().report(ExtProblem.Code.DIR_BLOCK_NO_TAIL, ino, phys,
                    "directory block without a checksum tail");
            return;
        }
        int want = fs.csum().dirBlock(inodeSeed(), block);
        int stored = ExtDirBlock.tailChecksum(block);
        if (want != stored) {
            fs.problems().report(ExtProblem.Code.DIR_BLOCK_CHECKSUM, ino, phys,
                    String.format("directory block checksum 0x%08x, computed 0x%08x", stored, want));
        }
    }

    private boolean fileType() {
        return fs.info().hasIncompat(ExtFeatures.INCOMPAT_FILETYPE);
    }

    /** The entries of one leaf block; a bad entry is recorded and ends the block. */
    private List<ExtDirEntry> entries(byte[] block, long logical) {
        ExtDirBlock.Parsed p = ExtDirBlock.parse(block, 0, block.length, fileType(), fs.info().inodesCount());
        if (p.error() != null) {
            fs.problems().report(ExtProblem.Code.DIR_ENTRY_BAD, ino, physicalOrMinusOne(logical),
                    "logical block " + logical + ": " + p.error());
        }
        return p.entries();
    }

    // ---- lookup ---------------------------------------------------------------------------

    /** The inode number {@code name} names in this directory, or 0. */
    public long lookup(String name) {
        byte[] want = name.getBytes(StandardCharsets.UTF_8);
        if (dir.hasInlineData()) {
            fs.stats().linearLookups.incrementAndGet();
            return lookupInline(want);
        }
        if (isIndexed()) {
            try {
                long found = new HtreeIndex(fs, this, ino).lookup(want, leaf -> searchBlock(leaf, want));
                fs.stats().htreeLookups.incrementAndGet();
                return found;
            } catch (VfsException e) {
                if (e.errno() != Errno.EUCLEAN) {
                    throw e;
                }
                fs.stats().htreeFallbacks.incrementAndGet();
                String msg = e.where() != null && e.getMessage().startsWith(e.where() + ": ")
                        ? e.getMessage().substring(e.where().length() + 2) : e.getMessage();
                fs.problems().report(ExtProblem.Code.HTREE_BAD, ino, -1, msg + "; falling back to a linear scan");
            }
        }
        fs.stats().linearLookups.incrementAndGet();
        long blocks = blockCount();
        int badRun = 0;
        for (long b = 0; b < blocks && badRun < MAX_BAD_RUN; b++) {
            byte[] block = readLeafBlockOrNull(b);
            badRun = block == null ? badRun + 1 : 0;
            if (block == null) {
                continue;
            }
            for (ExtDirEntry e : entries(block, b)) {
                if (e.ino() != 0 && e.nameEquals(want)) {
                    return e.ino();
                }
            }
        }
        giveUpIfBad(badRun);
        return 0;
    }

    private void giveUpIfBad(int badRun) {
        if (badRun >= MAX_BAD_RUN) {
            fs.problems().report(ExtProblem.Code.DIR_SIZE_BAD, ino, -1,
                    MAX_BAD_RUN + " unreadable blocks in a row; the rest of the directory was not scanned");
        }
    }

    /** A leaf block, or null for a hole or a block that cannot be read (both recorded). */
    private byte[] readLeafBlockOrNull(long logical) {
        try {
            return readLeafBlock(logical);
        } catch (VfsException e) {
            if (e.errno() != Errno.EUCLEAN && e.errno() != Errno.EIO) {
                throw e;
            }
            return null;
        }
    }

    private long searchBlock(long logical, byte[] want) {
        byte[] block = readLeafBlock(logical);
        if (block == null) {
            return 0;
        }
        for (ExtDirEntry e : entries(block, logical)) {
            if (e.ino() != 0 && e.nameEquals(want)) {
                return e.ino();
            }
        }
        return 0;
    }

    private long lookupInline(byte[] want) {
        InlineData.Dir d = InlineData.dir(fs, raw);
        if (want.length == 2 && want[0] == '.' && want[1] == '.') {
            return d.parent();
        }
        for (ExtDirEntry e : inlineEntries(d)) {
            if (e.ino() != 0 && e.nameEquals(want)) {
                return e.ino();
            }
        }
        return 0;
    }

    private List<ExtDirEntry> inlineEntries(InlineData.Dir d) {
        List<ExtDirEntry> out = new java.util.ArrayList<>();
        int split = d.bytes().length - d.xattrPart();
        for (int[] region : new int[][] {{0, split}, {split, d.bytes().length}}) {
            ExtDirBlock.Parsed p = ExtDirBlock.parse(d.bytes(), region[0], region[1], fileType(),
                    fs.info().inodesCount());
            if (p.error() != null) {
                fs.problems().report(ExtProblem.Code.INLINE_DATA_BAD, ino, -1, "inline directory: " + p.error());
            }
            out.addAll(p.entries());
        }
        return out;
    }

    // ---- readdir ---------------------------------------------------------------------------

    /**
     * ext4_readdir in on-disk order: the position is the entry's byte offset in the directory;
     * a position inside a block (after lseek) resumes at the next entry boundary. Blocks that
     * cannot be read are recorded and skipped.
     */
    public void iterate(DirContext ctx) {
        if (dir.hasInlineData()) {
            iterateInline(ctx);
            return;
        }
        long blocks = blockCount();
        int badRun = 0;
        while (ctx.pos() >= 0 && ctx.pos() < blocks * bs) {
            long logical = ctx.pos() / bs;
            int within = (int) (ctx.pos() % bs);
            byte[] block = readLeafBlockOrNull(logical);
            badRun = block == null ? badRun + 1 : 0;
            if (badRun >= MAX_BAD_RUN) {
                giveUpIfBad(badRun);
                ctx.setPos(blocks * bs);
                return;
            }
            if (block != null) {
                for (ExtDirEntry e : entries(block, logical)) {
                    if (e.offset() < within || e.ino() == 0) {
                        continue;
                    }
                    long pos = logical * bs + e.offset();
                    ctx.setPos(pos);
                    if (!ctx.emit(e.nameString(), e.ino(), e.dtype())) {
                        return;
                    }
                }
            }
            ctx.setPos((logical + 1) * bs);
        }
    }

    private void iterateInline(DirContext ctx) {
        InlineData.Dir d = InlineData.dir(fs, raw);
        if (ctx.pos() == 0) {
            if (!ctx.emit(".", ino, FileMode.DT_DIR)) {
                return;
            }
            ctx.setPos(1);
        }
        if (ctx.pos() == 1) {
            if (!ctx.emit("..", d.parent(), FileMode.DT_DIR)) {
                return;
            }
            ctx.setPos(2);
        }
        for (ExtDirEntry e : inlineEntries(d)) {
            long pos = 2L + e.offset();
            if (pos < ctx.pos() || e.ino() == 0) {
                continue;
            }
            ctx.setPos(pos);
            if (!ctx.emit(e.nameString(), e.ino(), e.dtype())) {
                return;
            }
        }
        ctx.setPos(2L + d.bytes().length);
    }
}
