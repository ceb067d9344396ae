package org.vfscope.fs.ext;

import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.VfsException;

/**
 * Changing directory blocks (fs/ext2/dir.c), through the buffer cache like every other piece of
 * metadata: ext2_add_link puts an entry into the first gap big enough (an unused entry, or the
 * slack after an entry, splitting its rec_len) or into a new block appended to the directory;
 * ext2_delete_entry folds an entry's rec_len into the one before it; ext2_set_link repoints an
 * entry; ext2_make_empty writes "." and ".."; ext2_empty_dir. Indexed (htree) directories are
 * kept indexed by {@link HtreeWriter}; when their index cannot be used the index flag
 * (EXT2_INDEX_FL) is dropped, as ext4's dx_fallback, and under metadata_csum the dx blocks are
 * rewritten as sealed leaves. Leaf blocks end in an ext4_dir_entry_tail under metadata_csum
 * ({@link ExtDirTail}). Callers hold the directory's i_rwsem exclusive.
 */
final class ExtDirWriter {
    /** EXT2_NAME_LEN. */
    static final int NAME_MAX = 255;

    private final ExtFs fs;
    private final BlockMapWriter map;
    private final ExtDirTail tail;
    private final int bs;
    private final HtreeWriter htree;

    ExtDirWriter(ExtFs fs, BlockMapWriter map) {
        this.fs = fs;
        this.map = map;
        this.tail = new ExtDirTail(fs);
        this.bs = fs.info().blockSize();
        this.htree = new HtreeWriter(fs, this, tail);
    }

    /** Changes a leaf block through the buffer cache, its checksum tail (if it has one) sealed again. */
    private void editLeaf(ExtInode dir, long phys, java.util.function.Consumer<byte[]> edit) {
        fs.editBlock(phys, b -> {
            boolean sealed = ExtDirBlock.hasTail(b);
            edit.accept(b);
            if (sealed) {
                tail.seal(dir, b);
            }
        });
    }

    /** A new or rebuilt leaf block written whole, its checksum tail (under metadata_csum) sealed. */
    void writeLeaf(ExtInode dir, long phys, byte[] block) {
        tail.seal(dir, block);
        BufferEdit.overwrite(fs.cache(), phys, block);
    }

    /** The bytes of a leaf block entries may use (all of it, or up to the checksum tail). */
    int leafSpace() {
        return tail.space();
    }

    /** Where an entry lives: its block, its offset, and the offset of the entry before it (-1 if first). */
    record Slot(long logical, long physical, ExtDirEntry entry, int prevOffset) {
    }

    private boolean fileType() {
        return fs.info().hasIncompat(ExtFeatures.INCOMPAT_FILETYPE);
    }

    private long blocks(ExtInode dir) {
        return Math.min(dir.size() / bs, ExtDirectory.MAX_BLOCKS);
    }

    /** The physical block of a directory block, 0 for a hole. */
    long physical(ExtInode dir, long logical) {
        synchronized (dir.truncateMutex()) {
            return map.lookup(dir, logical);
        }
    }

    /** The entries of a directory block; a block with a bad entry is refused for writing (EUCLEAN). */
    private ExtDirBlock.Parsed parse(ExtInode dir, byte[] block, long phys) {
        ExtDirBlock.Parsed p = ExtDirBlock.parse(block, 0, tail.entriesEnd(block), fileType(), fs.info().inodesCount());
        if (p.error() != null) {
            fs.problems().report(ExtProblem.Code.DIR_ENTRY_BAD, dir.ino(), phys, p.error());
        }
        return p;
    }

    /** ext2_find_entry: the live entry named {@code name}, or null; through the index when there is one. */
    Slot find(ExtInode dir, byte[] name) {
        if (htree.isIndexed(dir)) {
            try {
                return htree.find(dir, name);
            } catch (VfsException e) {
                if (e.errno() != Errno.EUCLEAN) {
                    throw e;
                }
                fs.problems().report(ExtProblem.Code.HTREE_BAD, dir.ino(), -1, e.getMessage()
                        + "; falling back to a linear scan");
            }
        }
        long n = blocks(dir);
        for (long logical = 0; logical < n; logical++) {
            long phys = physical(dir, logical);
            if (phys == 0) {
                continue;
            }
            ExtDirBlock.Parsed p = parse(dir, fs.blockBytes(phys), phys);
            int prev = -1;
            for (ExtDirEntry e : p.entries()) {
                if (e.ino() != 0 && e.nameEquals(name)) {
                    return new Slot(logical, phys, e, prev);
                }
                prev = e.offset();
            }
        }
        return null;
    }

    /** ext2_add_link: an entry {@code name} -> {@code ino} of type {@code mode}. */
    void addLink(ExtInode dir, byte[] name, long ino, int mode) {
        if (name.length > NAME_MAX) {
            throw new VfsException(Errno.ENAMETOOLONG);
        }
        if ((dir.flags() & ExtInodeRaw.FL_INDEX) != 0) {
            if (htree.isIndexed(dir) && htree.add(dir, name, ino, fileType() ? fileTypeOf(mode) : 0)) {
                return;
            }
            dropIndex(dir); // ext4's dx_fallback: no usable index, add linearly
        }
        int need = ExtDirEntry.recLenFor(name.length);
        long n = blocks(dir);
        for (long logical = 0; logical < n; logical++) {
            long phys = physical(dir, logical);
            if (phys == 0) {
                continue;
            }
            ExtDirBlock.Parsed p = parse(dir, fs.blockBytes(phys), phys);
            if (p.error() != null) {
                continue; // never write into a block we cannot fully read
            }
            for (ExtDirEntry e : p.entries()) {
                int used = e.ino() == 0 ? 0 : ExtDirEntry.recLenFor(e.name().length);
                if (e.recLen() - used < need) {
                    continue;
                }
                int at = e.offset() + used;
                int recLen = e.recLen() - used;
                editLeaf(dir, phys, b -> {
                    if (used > 0) {
                        Le.put16(b, e.offset() + 4, used);
                    }
                    putEntry(b, at, ino, recLen, name, mode);
                });
                return;
            }
        }
        if (n == 1 && htree.makeIndexed(dir, name, ino, fileType() ? fileTypeOf(mode) : 0)) {
            return;
        }
        long phys = appendBlock(dir);
        byte[] block = new byte[bs];
        putEntry(block, 0, ino, tail.space(), name, mode);
        writeLeaf(dir, phys, block);
    }

    /**
     * ext4_append: a block allocated at logical block i_size / blocksize and i_size grown over
     * it; returns the physical block, whose content the caller overwrites.
     */
    long appendBlock(ExtInode dir) {
        long n = dir.size() / bs;
        long phys;
        synchronized (dir.truncateMutex()) {
            phys = map.getOrAllocate(dir, n);
        }
        dir.setSize((n + 1) * bs);
        return phys;
    }

    /** ext2_delete_entry: the entry's space goes to the entry before it, or the entry is marked unused. */
    void deleteEntry(ExtInode dir, Slot s) {
        int off = s.entry().offset();
        int prev = s.prevOffset();
        editLeaf(dir, s.physical(), b -> {
            if (prev >= 0) {
                Le.put16(b, prev + 4, Le.u16(b, prev + 4) + Le.u16(b, off + 4));
            }
            Le.put32(b, off, 0);
        });
    }

    /** ext2_set_link: the entry now names {@code ino} (of type {@code mode}). */
    void setLink(ExtInode dir, Slot s, long ino, int mode) {
        int off = s.entry().offset();
        boolean ft = fileType();
        editLeaf(dir, s.physical(), b -> {
            Le.put32(b, off, ino);
            if (ft) {
                Le.put8(b, off + 7, fileTypeOf(mode));
            }
        });
    }

    /** Points a directory's ".." at {@code parent} (rename to another directory). */
    void setDotDot(ExtInode dir, long parent) {
        if (dir.hasInlineData()) {
            InlineData.dirForWrite(fs, dir.raw());
            synchronized (dir.truncateMutex()) {
                dir.iBlock[0] = parent; // EXT4_INLINE_DOTDOT: an inline directory's parent is i_block's first word
            }
            return;
        }
        if ((dir.flags() & ExtInodeRaw.FL_INDEX) != 0 && tail.on() && !htree.isIndexed(dir)) {
            dropIndex(dir); // ".." lives in a dx root that HtreeWriter cannot keep checksummed
        }
        long phys = physical(dir, 0);
        if (phys == 0) {
            throw bad(dir, "directory without a first block");
        }
        ExtDirBlock.Parsed p = parse(dir, fs.blockBytes(phys), phys);
        if (p.entries().size() < 2 || !p.entries().get(1).nameString().equals("..")) {
            throw bad(dir, "no '..' entry in the first block");
        }
        setLink(dir, new Slot(0, phys, p.entries().get(1), p.entries().get(0).offset()), parent, FileMode.S_IFDIR);
        htree.rootChanged(dir);
    }

    /**
     * Clears the directory's index flag (see the class comment). With metadata_csum the dx
     * root and interior nodes would no longer check as leaves, so they become plain leaf blocks
     * with tails: the root keeps "." and "..", the nodes become empty leaves.
     */
    void dropIndex(ExtInode dir) {
        dir.setFlags(dir.flags() & ~ExtInodeRaw.FL_INDEX);
        if (!tail.on()) {
            return;
        }
        long n = blocks(dir);
        for (long logical = 0; logical < n; logical++) {
            long phys = physical(dir, logical);
            if (phys == 0) {
                continue;
            }
            byte[] b = fs.blockBytes(phys);
            if (logical == 0 ? tail.unindexRoot(b) : tail.unindexNode(b)) {
                writeLeaf(dir, phys, b);
            }
        }
    }

    /** ext2_make_empty: the first block of a new directory, holding "." and "..". */
    void makeEmpty(ExtInode dir, long parent) {
        long phys;
        synchronized (dir.truncateMutex()) {
            phys = map.getOrAllocate(dir, 0);
        }
        byte[] block = new byte[bs];
        putEntry(block, 0, dir.ino(), 12, new byte[] {'.'}, FileMode.S_IFDIR);
        putEntry(block, 12, parent, tail.space() - 12, new byte[] {'.', '.'}, FileMode.S_IFDIR);
        writeLeaf(dir, phys, block);
        dir.setSize(bs);
    }

    /** ext2_empty_dir: nothing but "." and ".."; a block that cannot be read counts as not empty. */
    boolean isEmpty(ExtInode dir) {
        if (dir.hasInlineData()) {
            return isEmptyInline(dir);
        }
        long n = blocks(dir);
        for (long logical = 0; logical < n; logical++) {
            long phys = physical(dir, logical);
            if (phys == 0) {
                continue;
            }
            ExtDirBlock.Parsed p = parse(dir, fs.blockBytes(phys), phys);
            if (p.error() != null) {
                return false;
            }
            for (ExtDirEntry e : p.entries()) {
                String nm = e.nameString();
                if (e.ino() != 0 && !nm.equals(".") && !nm.equals("..")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** empty_inline_dir: no live entry in either inline region; a corrupt inline area counts as not empty. */
    private boolean isEmptyInline(ExtInode dir) {
        InlineData.Dir d;
        try {
            d = InlineData.dirForWrite(fs, dir.raw());
        } catch (VfsException e) {
            return false;
        }
        int split = d.bytes().length - d.xattrPart();
        for (int[] region : new int[][] {{0, split}, {split, d.bytes().length}}) {
            for (ExtDirEntry e : ExtDirBlock.parse(d.bytes(), region[0], region[1], fileType(),
                    fs.info().inodesCount()).entries()) {
                if (e.ino() != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    void putEntry(byte[] b, int at, long ino, int recLen, byte[] name, int mode) {
        Le.put32(b, at, ino);
        Le.put16(b, at + 4, recLen);
        Le.put8(b, at + 6, name.length);
        Le.put8(b, at + 7, fileType() ? fileTypeOf(mode) : 0);
        System.arraycopy(name, 0, b, at + 8, name.length);
        int end = at + ExtDirEntry.recLenFor(name.length);
        for (int i = at + 8 + name.length; i < end; i++) {
            b[i] = 0;
        }
    }

    /** EXT2_FT_* of a mode. */
    static int fileTypeOf(int mode) {
        return switch (mode & FileMode.S_IFMT) {
            case FileMode.S_IFREG -> 1;
            case FileMode.S_IFDIR -> 2;
            case FileMode.S_IFCHR -> 3;
            case FileMode.S_IFBLK -> 4;
            case FileMode.S_IFIFO -> 5;
            case FileMode.S_IFSOCK -> 6;
            case FileMode.S_IFLNK -> 7;
            default -> 0;
        };
    }

    private VfsException bad(ExtInode dir, String what) {
        fs.problems().report(ExtProblem.Code.DIR_ENTRY_BAD, dir.ino(), -1, what);
        return new VfsException(Errno.EUCLEAN, "inode " + dir.ino(), what);
    }
}
