package org.vfscope.fs.ext;

import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * inline_data (fs/ext4/inline.c): a small file's bytes or a small directory's entries kept in
 * the inode itself, the first 60 bytes in i_block and the rest in the "system.data" xattr of the
 * inode body. A directory's i_block starts with its parent's inode number.
 */
public final class InlineData {
    /** EXT4_MIN_INLINE_DATA_SIZE: what i_block holds. */
    public static final int IBLOCK_SIZE = ExtInodeRaw.I_BLOCK_SIZE;
    /** EXT4_INLINE_DOTDOT_SIZE: the parent inode number at the start of an inline directory. */
    public static final int DOTDOT_SIZE = 4;
    /** EXT4_XATTR_SYSTEM_DATA: the name after "system." of the attribute holding the rest. */
    static final String XATTR_NAME = "data";

    private InlineData() {
    }

    static boolean isSystemData(ExtXattrs.Entry e) {
        return e.index() == ExtXattrs.INDEX_SYSTEM && e.suffix().equals(XATTR_NAME);
    }

    /**
     * The system.data value for a writer: the inode body must parse cleanly and hold the
     * attribute (the kernel's ext4_find_inline_data_nolock finds it, e2fsck requires it), else
     * the inode is refused with EUCLEAN naming it, before anything is changed.
     */
    static byte[] xattrPartForWrite(ExtFs fs, ExtInodeRaw raw) {
        for (ExtXattrs.Entry e : ExtXattrs.ibodyForRewrite(fs, raw)) {
            if (isSystemData(e)) {
                return e.value();
            }
        }
        throw corrupt(fs, raw.ino(), "inline data flag set but no system.data attribute in the inode body");
    }

    /**
     * An inline directory a writer may rebuild: as {@link #dir}, and also i_size equal to the
     * inline area (60 bytes plus system.data, which e2fsck requires), a system.data of whole
     * 4-byte units, and every entry of both regions sound; otherwise EUCLEAN naming the inode.
     */
    static Dir dirForWrite(ExtFs fs, ExtInodeRaw raw) {
        byte[] extra = xattrPartForWrite(fs, raw);
        if (extra.length % 4 != 0) {
            throw corrupt(fs, raw.ino(), "inline directory system.data of " + extra.length
                    + " bytes is not a multiple of 4");
        }
        if (raw.fileSize() != IBLOCK_SIZE + extra.length) {
            throw corrupt(fs, raw.ino(), "inline directory size " + raw.fileSize() + " but its inline area holds "
                    + (IBLOCK_SIZE + extra.length) + " bytes");
        }
        Dir d = dir(fs, raw);
        boolean fileType = fs.info().hasIncompat(ExtFeatures.INCOMPAT_FILETYPE);
        int split = d.bytes().length - d.xattrPart();
        for (int[] region : new int[][] {{0, split}, {split, d.bytes().length}}) {
            ExtDirBlock.Parsed p = ExtDirBlock.parse(d.bytes(), region[0], region[1], fileType, fs.info().inodesCount());
            if (p.error() != null) {
                throw corrupt(fs, raw.ino(), "inline directory: " + p.error());
            }
        }
        return d;
    }

    private static VfsException corrupt(ExtFs fs, long ino, String what) {
        fs.problems().report(ExtProblem.Code.INLINE_DATA_BAD, ino, -1, what);
        return new VfsException(Errno.EUCLEAN, "inode " + ino, what + "; not writing it (run e2fsck)");
    }

    /** The system.data value from the inode body, or an empty array. */
    static byte[] xattrPart(ExtFs fs, ExtInodeRaw raw) {
        for (ExtXattrs.Entry e : ExtXattrs.ibody(fs, raw)) {
            if (isSystemData(e)) {
                return e.value();
            }
        }
        return new byte[0];
    }

    /**
     * A file's inline bytes: the first min(i_size, stored) of i_block then system.data. As in
     * ext4_read_inline_folio, an i_size beyond what is stored (a sparse file mke2fs made
     * inline) reads as zeros past the stored bytes, so fewer bytes than i_size may come back.
     */
    public static byte[] file(ExtFs fs, ExtInodeRaw raw) {
        long size = raw.fileSize();
        if (size < 0) {
            throw new VfsException(Errno.EUCLEAN, "inode " + raw.ino(), "negative inline size " + size);
        }
        byte[] extra = size > IBLOCK_SIZE ? xattrPart(fs, raw) : new byte[0];
        int n = (int) Math.min(size, IBLOCK_SIZE + extra.length);
        byte[] out = new byte[n];
        System.arraycopy(raw.iBlock(), 0, out, 0, Math.min(n, IBLOCK_SIZE));
        if (n > IBLOCK_SIZE) {
            System.arraycopy(extra, 0, out, IBLOCK_SIZE, n - IBLOCK_SIZE);
        }
        return out;
    }

    /**
     * An inline directory: the parent inode, and the entry bytes (i_block after the parent
     * number, then system.data), of which the last {@code xattrPart} came from the xattr.
     */
    public record Dir(long parent, byte[] bytes, int xattrPart) {
    }

    public static Dir dir(ExtFs fs, ExtInodeRaw raw) {
        byte[] iblock = raw.iBlock();
        byte[] extra = xattrPart(fs, raw);
        byte[] all = new byte[IBLOCK_SIZE - DOTDOT_SIZE + extra.length];
        System.arraycopy(iblock, DOTDOT_SIZE, all, 0, IBLOCK_SIZE - DOTDOT_SIZE);
        System.arraycopy(extra, 0, all, IBLOCK_SIZE - DOTDOT_SIZE, extra.length);
        long parent = Le.u32(iblock, 0);
        if (parent == 0 || parent > fs.info().inodesCount()) {
            fs.problems().report(ExtProblem.Code.INLINE_DATA_BAD, raw.ino(), -1, "inline directory parent " + parent);
            throw new VfsException(Errno.EUCLEAN, "inode " + raw.ino(), "inline directory parent " + parent);
        }
        return new Dir(parent, all, extra.length);
    }
}
