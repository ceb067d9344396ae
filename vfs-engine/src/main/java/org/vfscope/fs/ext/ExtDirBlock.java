package org.vfscope.fs.ext;

import java.util.ArrayList;
import java.util.List;

/**
 * Parsing a run of directory entries (a directory block, or one inline area) the way
 * ext4_check_dir_entry judges them: rec_len at least 12, a multiple of 4, big enough for the
 * name and inside the area; inode number within the filesystem. The first bad entry ends the
 * parse and is reported in {@link Parsed#error()}; the entries before it stay usable.
 */
public final class ExtDirBlock {
    /** sizeof(struct ext4_dir_entry_tail). */
    public static final int TAIL_SIZE = 12;

    private ExtDirBlock() {
    }

    /** The entries of [from, to) of {@code buf}; {@code error} null when all were sound. */
    public record Parsed(List<ExtDirEntry> entries, String error, int errorOffset) {
    }

    public static Parsed parse(byte[] buf, int from, int to, boolean fileType, long maxIno) {
        List<ExtDirEntry> out = new ArrayList<>();
        int off = from;
        while (off < to) {
            if (to - off < 8) {
                return new Parsed(out, "entry header at " + off + " runs past the end", off);
            }
            long ino = Le.u32(buf, off);
            int recLen = Le.u16(buf, off + 4);
            int nameLen = Le.u8(buf, off + 6);
            int type = fileType ? Le.u8(buf, off + 7) : 0;
            if (recLen < 12) {
                return new Parsed(out, "rec_len " + recLen + " too small at " + off, off);
            }
            if (recLen % 4 != 0) {
                return new Parsed(out, "rec_len " + recLen + " not a multiple of 4 at " + off, off);
            }
            if (recLen < ExtDirEntry.recLenFor(nameLen)) {
                return new Parsed(out, "rec_len " + recLen + " too small for name length " + nameLen + " at " + off,
                        off);
            }
            if (recLen > to - off) {
                return new Parsed(out, "rec_len " + recLen + " runs past the end at " + off, off);
            }
            if (ino > maxIno) {
                return new Parsed(out, "inode " + ino + " beyond the inode count at " + off, off);
            }
            out.add(new ExtDirEntry(ino, Le.slice(buf, off + 8, nameLen), type, off, recLen));
            off += recLen;
        }
        return new Parsed(out, null, -1);
    }

    /** Whether the block ends in an ext4_dir_entry_tail (the leaf checksum holder). */
    public static boolean hasTail(byte[] block) {
        int t = block.length - TAIL_SIZE;
        return Le.u32(block, t) == 0 && Le.u16(block, t + 4) == TAIL_SIZE && Le.u8(block, t + 6) == 0
                && Le.u8(block, t + 7) == ExtDirEntry.FT_DIR_CSUM;
    }

    /** The checksum stored in the tail. */
    public static int tailChecksum(byte[] block) {
        return Le.s32(block, block.length - 4);
    }

    /** Whether this looks like an htree interior node: one empty entry spanning the block. */
    public static boolean isDxNode(byte[] block) {
        return Le.u32(block, 0) == 0 && Le.u16(block, 4) == block.length && Le.u8(block, 6) == 0;
    }
}
