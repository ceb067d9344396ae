package org.vfscope.fs.ext;

import java.util.Arrays;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.VfsException;
import org.vfscope.vfs.icache.InodeState;

/**
 * The write side of inline_data (fs/ext4/inline.c). This driver never grows inline data: a
 * file that is written to, or fallocated, first becomes an ordinary block-mapped file
 * ({@link #convertFile}, ext4_convert_inline_data), and a directory that gains an entry no gap
 * of its inline area can hold becomes an ordinary one-block directory ({@link #convertDir},
 * ext4_convert_inline_dir); after a conversion everything is the block-mapped code path e2fsck
 * already judges. What stays inline: directory entries added into a gap, deleted or repointed
 * in place (system.data is never grown to make room), a truncate down
 * (ext4_inline_data_truncate trims the stored bytes), a truncate up (i_size grows past the
 * stored bytes, which read as zeros, as the kernel and e2fsck accept), a moved inline
 * directory's parent (the first word of i_block), and xattr changes (which keep system.data).
 * Freeing an inline inode drops its system.data ({@link #release}). Every change first checks
 * the inline area (InlineData's *ForWrite) and refuses a corrupt one with EUCLEAN naming the
 * inode, before anything is written.
 */
final class InlineDataWriter {
    private final ExtSuper sup;
    private final ExtFs fs;

    InlineDataWriter(ExtSuper sup) {
        this.sup = sup;
        this.fs = sup.fs();
    }

    /** The inode's in-memory state, kept to undo a conversion that ran out of space. */
    private record Saved(byte[] base, int flags, long[] iBlock, long blocks) {
    }

    private static Saved save(ExtInode inode) {
        return new Saved(inode.base(), inode.flags(), inode.iBlock.clone(), inode.blocks());
    }

    private static void restore(ExtInode inode, Saved s) {
        inode.setBase(s.base());
        inode.setFlags(s.flags());
        System.arraycopy(s.iBlock(), 0, inode.iBlock, 0, s.iBlock().length);
        inode.setBlocks(s.blocks());
        inode.setWritable(null);
    }

    /**
     * ext4_destroy_inline_data_nolock: system.data goes from the inode body, i_block is
     * cleared and the flag dropped; with {@code remap} the inode gets the block map new inodes
     * get (an empty extent tree on ext4, the flag ext4_ext_tree_init sets). Caller holds the
     * truncate mutex.
     */
    private void destroy(ExtInode inode, boolean remap) {
        sup.xattrWriter().setSystemData(inode, null);
        Arrays.fill(inode.iBlock, 0);
        inode.setFlags(inode.flags() & ~ExtInodeRaw.FL_INLINE_DATA);
        inode.setWritable(remap ? sup.newMap(inode) : null);
    }

    /**
     * ext4_convert_inline_data for a regular file: the stored bytes go into newly allocated
     * blocks (written now, so the page cache can read them back from disk), then the inode
     * becomes block-mapped. Out of space: the allocated blocks are freed and the inode is left
     * inline as it was. No-op for a file that is not inline.
     */
    void convertFile(ExtInode inode) {
        synchronized (inode.truncateMutex()) {
            if (!inode.hasInlineData()) {
                return;
            }
            ExtInodeRaw raw = inode.raw();
            InlineData.xattrPartForWrite(fs, raw);
            byte[] bytes = InlineData.file(fs, raw);
            int bs = fs.info().blockSize();
            Saved saved = save(inode);
            try {
                destroy(inode, true);
                for (int off = 0; off < bytes.length; off += bs) {
                    long phys = sup.mapWriter().getOrAllocate(inode, off / bs);
                    byte[] block = new byte[bs];
                    System.arraycopy(bytes, off, block, 0, Math.min(bs, bytes.length - off));
                    fs.writeData(phys, block, 0, 1);
                }
            } catch (RuntimeException e) {
                undo(inode, saved);
                throw e;
            }
        }
        inode.markDirty(InodeState.I_DIRTY_SYNC);
    }

    private void undo(ExtInode inode, Saved saved) {
        if (!inode.hasInlineData() && inode.blockMap() != null) {
            sup.mapWriter().truncate(inode, 0);
        }
        restore(inode, saved);
    }

    /**
     * ext4_inline_data_truncate for a shrinking inline file: the bytes past {@code newSize} are
     * zeroed in i_block and cut from system.data (which stays, possibly empty). Growing leaves
     * the stored bytes alone: past them the file reads as zeros. The caller sets i_size.
     */
    void truncate(ExtInode inode, long newSize) {
        synchronized (inode.truncateMutex()) {
            ExtInodeRaw raw = inode.raw();
            byte[] extra = InlineData.xattrPartForWrite(fs, raw);
            if (newSize >= InlineData.IBLOCK_SIZE + extra.length && newSize >= raw.fileSize()) {
                return;
            }
            if (newSize < InlineData.IBLOCK_SIZE) {
                byte[] ib = raw.iBlock();
                Arrays.fill(ib, (int) newSize, InlineData.IBLOCK_SIZE, (byte) 0);
                for (int i = 0; i < 15; i++) {
                    inode.iBlock[i] = Le.u32(ib, 4 * i);
                }
            }
            int keep = (int) Math.max(0, Math.min(extra.length, newSize - InlineData.IBLOCK_SIZE));
            if (keep != extra.length) {
                sup.xattrWriter().setSystemData(inode, Arrays.copyOf(extra, keep));
            }
        }
        inode.markDirty(InodeState.I_DIRTY_SYNC);
    }

    /**
     * ext4_convert_inline_dir: the entries move to a new first block laid out as the kernel
     * does (ext4_finish_convert_inline_dir): "." and ".." of 12 bytes each, the inline entries
     * copied after them unchanged, the last one stretched to the end of the entry space, and the
     * checksum tail under metadata_csum; i_size becomes one block. No-op when not inline.
     */
    void convertDir(ExtInode dir, ExtDirWriter dirs) {
        synchronized (dir.truncateMutex()) {
            if (!dir.hasInlineData()) {
                return;
            }
        }
        InlineData.Dir d = InlineData.dirForWrite(fs, dir.raw());
        int bs = fs.info().blockSize();
        int space = dirs.leafSpace();
        int header = 24;
        if (header + d.bytes().length > space) {
            throw new VfsException(Errno.EUCLEAN, "inode " + dir.ino(),
                    "inline directory of " + d.bytes().length + " bytes does not fit one block");
        }
        byte[] block = new byte[bs];
        dirs.putEntry(block, 0, dir.ino(), 12, new byte[] {'.'}, FileMode.S_IFDIR);
        dirs.putEntry(block, 12, d.parent(), 12, new byte[] {'.', '.'}, FileMode.S_IFDIR);
        System.arraycopy(d.bytes(), 0, block, header, d.bytes().length);
        // ext4_update_final_de: the entry ending the copied run takes the rest of the entry space.
        int last = header;
        for (int off = header; off < header + d.bytes().length; off += Le.u16(block, off + 4)) {
            last = off;
        }
        Le.put16(block, last + 4, space - last);
        Saved saved = save(dir);
        long size = dir.size();
        synchronized (dir.truncateMutex()) {
            try {
                destroy(dir, true);
                long phys = sup.mapWriter().getOrAllocate(dir, 0);
                dirs.writeLeaf(dir, phys, block);
            } catch (RuntimeException e) {
                undo(dir, saved);
                dir.setSize(size);
                throw e;
            }
            dir.setSize(bs);
        }
        dir.markDirty(InodeState.I_DIRTY_SYNC);
    }

    /**
     * ext4_delete_inline_entry: the entry leaves the inline directory in place, so deleting
     * needs no block (and works on a full filesystem): its space joins the entry before it in
     * the same region (i_block or system.data), or, first in its region, it is marked unused.
     * Returns false when no live entry {@code name} names {@code ino}.
     */
    boolean deleteEntry(ExtInode dir, byte[] name, long ino) {
        InlineData.Dir d = InlineData.dirForWrite(fs, dir.raw());
        byte[] bytes = d.bytes().clone();
        int split = bytes.length - d.xattrPart();
        for (int[] region : regions(split, bytes.length)) {
            int prev = -1;
            for (ExtDirEntry e : entries(bytes, region)) {
                if (e.ino() == ino && e.nameEquals(name)) {
                    if (prev >= 0) {
                        Le.put16(bytes, prev + 4, Le.u16(bytes, prev + 4) + e.recLen());
                    }
                    Le.put32(bytes, e.offset(), 0);
                    store(dir, bytes, split, region[0] == 0);
                    return true;
                }
                prev = e.offset();
            }
        }
        return false;
    }

    /**
     * ext4_try_add_inline_entry without growing system.data: the entry goes into the first
     * gap big enough in either region (an unused entry, or the slack after one, whose rec_len
     * is split), as ext4_add_dirent_to_inline does. Returns false when no gap fits; the caller
     * then converts the directory.
     */
    boolean tryAddEntry(ExtInode dir, ExtDirWriter dirs, byte[] name, long ino, int mode) {
        InlineData.Dir d = InlineData.dirForWrite(fs, dir.raw());
        byte[] bytes = d.bytes().clone();
        int split = bytes.length - d.xattrPart();
        int need = ExtDirEntry.recLenFor(name.length);
        for (int[] region : regions(split, bytes.length)) {
            for (ExtDirEntry e : entries(bytes, region)) {
                int used = e.ino() == 0 ? 0 : ExtDirEntry.recLenFor(e.name().length);
                if (e.recLen() - used < need) {
                    continue;
                }
                if (used > 0) {
                    Le.put16(bytes, e.offset() + 4, used);
                }
                dirs.putEntry(bytes, e.offset() + used, ino, e.recLen() - used, name, mode);
                store(dir, bytes, split, region[0] == 0);
                return true;
            }
        }
        return false;
    }

    /** ext2_set_link in an inline directory: the live entry {@code name} -> {@code oldIno} now names {@code ino}. */
    boolean setEntry(ExtInode dir, byte[] name, long oldIno, long ino, int mode) {
        InlineData.Dir d = InlineData.dirForWrite(fs, dir.raw());
        byte[] bytes = d.bytes().clone();
        int split = bytes.length - d.xattrPart();
        for (int[] region : regions(split, bytes.length)) {
            for (ExtDirEntry e : entries(bytes, region)) {
                if (e.ino() == oldIno && e.nameEquals(name)) {
                    Le.put32(bytes, e.offset(), ino);
                    if (fs.info().hasIncompat(ExtFeatures.INCOMPAT_FILETYPE)) {
                        Le.put8(bytes, e.offset() + 7, ExtDirWriter.fileTypeOf(mode));
                    }
                    store(dir, bytes, split, region[0] == 0);
                    return true;
                }
            }
        }
        return false;
    }

    /** The two regions of an inline directory's entry bytes: i_block after the parent, then system.data. */
    private static int[][] regions(int split, int length) {
        return new int[][] {{0, split}, {split, length}};
    }

    private java.util.List<ExtDirEntry> entries(byte[] bytes, int[] region) {
        return ExtDirBlock.parse(bytes, region[0], region[1], fs.info().hasIncompat(ExtFeatures.INCOMPAT_FILETYPE),
                fs.info().inodesCount()).entries();
    }

    /** The entry bytes back into i_block (after the parent number) or into system.data. */
    private void store(ExtInode dir, byte[] bytes, int split, boolean inIblock) {
        synchronized (dir.truncateMutex()) {
            if (inIblock) {
                for (int i = 1; i < 15; i++) {
                    dir.iBlock[i] = Le.u32(bytes, 4 * i - InlineData.DOTDOT_SIZE);
                }
            } else {
                sup.xattrWriter().setSystemData(dir, Arrays.copyOfRange(bytes, split, bytes.length));
            }
        }
        dir.markDirty(InodeState.I_DIRTY_SYNC);
    }

    /** At the last iput of an unlinked inline inode: its system.data and i_block go (nothing to free on disk). */
    void release(ExtInode inode) {
        synchronized (inode.truncateMutex()) {
            try {
                destroy(inode, false);
            } catch (VfsException e) {
                // A corrupt body is left as it is: the inode is being freed and holds no blocks.
                fs.problems().report(ExtProblem.Code.INLINE_DATA_BAD, inode.ino(), -1,
                        "inline data of the freed inode left in place: " + e.getMessage());
                Arrays.fill(inode.iBlock, 0);
                inode.setFlags(inode.flags() & ~ExtInodeRaw.FL_INLINE_DATA);
            }
        }
    }
}
