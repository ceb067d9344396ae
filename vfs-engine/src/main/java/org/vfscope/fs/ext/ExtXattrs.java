package org.vfscope.fs.ext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * Extended attributes on disk (fs/ext4/xattr.h): entries in the inode body after
 * i_extra_isize (magic, then entries whose values are offset from the first entry) and in one
 * shared xattr block (32-byte header, entries, values offset from the block start). An entry
 * names its namespace by index (1 user., 2/3 POSIX ACLs, 4 trusted., 6 security., 7 system.)
 * and a value may live in its own inode (ea_inode). Every offset and size is checked against
 * the area it must stay in; a bad area is recorded and yields the entries before the fault.
 */
public final class ExtXattrs {
    public static final long MAGIC = 0xEA020000L;
    public static final int INDEX_USER = 1;
    public static final int INDEX_POSIX_ACL_ACCESS = 2;
    public static final int INDEX_POSIX_ACL_DEFAULT = 3;
    public static final int INDEX_TRUSTED = 4;
    public static final int INDEX_SECURITY = 6;
    public static final int INDEX_SYSTEM = 7;
    public static final int INDEX_RICHACL = 8;
    /** XATTR_SIZE_MAX: no value is larger, whatever e_value_size says. */
    public static final int VALUE_MAX = 65536;
    private static final int ENTRY_HEADER = 16;
    private static final int BLOCK_HEADER = 32;

    private ExtXattrs() {
    }

    /** One attribute: namespace index, the name after the prefix, the value. */
    public record Entry(int index, String suffix, byte[] value) {

        /** The full name as getxattr takes it, or null for an index without a known prefix. */
        public String fullName() {
            String prefix = prefix(index);
            return prefix == null ? null : prefix + suffix;
        }
    }

    /** The name prefix of an index (ext4_xattr_prefix). */
    public static String prefix(int index) {
        return switch (index) {
            case INDEX_USER -> "user.";
            case INDEX_POSIX_ACL_ACCESS -> "system.posix_acl_access";
            case INDEX_POSIX_ACL_DEFAULT -> "system.posix_acl_default";
            case INDEX_TRUSTED -> "trusted.";
            case INDEX_SECURITY -> "security.";
            case INDEX_SYSTEM -> "system.";
            case INDEX_RICHACL -> "system.richacl";
            default -> null;
        };
    }

    /** The attributes of the inode body (empty for 128-byte inodes or no magic). */
    public static List<Entry> ibody(ExtFs fs, ExtInodeRaw raw) {
        int start = raw.ibodyXattrStart();
        byte[] b = raw.rawBytes();
        if (start < 0 || start + 4 > b.length || Le.u32(b, start) != MAGIC) {
            return List.of();
        }
        int first = start + 4;
        return entries(fs, raw.ino(), -1, b, first, b.length, first, b.length, false);
    }

    /**
     * The attributes of the inode body for a writer that will rewrite the area: a fault is
     * recorded and refused (EUCLEAN naming the inode) instead of yielding a partial list whose
     * rewrite would drop the rest.
     */
    static List<Entry> ibodyForRewrite(ExtFs fs, ExtInodeRaw raw) {
        int start = raw.ibodyXattrStart();
        byte[] b = raw.rawBytes();
        if (start < 0 || start + 4 > b.length || Le.u32(b, start) != MAGIC) {
            return List.of();
        }
        int first = start + 4;
        return entries(fs, raw.ino(), -1, b, first, b.length, first, b.length, true);
    }

    /** The attributes of the inode's xattr block (empty when i_file_acl is 0). */
    public static List<Entry> block(ExtFs fs, ExtInodeRaw raw) {
        long block = raw.fileAcl(fs.info().has64bit());
        if (block == 0) {
            return List.of();
        }
        fs.checkBlocks(raw.ino(), block, 1, "xattr block");
        byte[] b = fs.blockBytes(block);
        if (Le.u32(b, 0) != MAGIC || Le.u32(b, 8) != 1) {
            fs.problems().report(ExtProblem.Code.XATTR_BAD, raw.ino(), block, "bad xattr block header");
            throw new VfsException(Errno.EUCLEAN, "block " + block, "bad xattr block header");
        }
        if (fs.csum().metadataCsum() && fs.firstCheck(block)) {
            int want = fs.csum().xattrBlock(block, b);
            int stored = Le.s32(b, ExtChecksums.XATTR_CHECKSUM);
            if (want != stored) {
                fs.problems().report(ExtProblem.Code.XATTR_CHECKSUM, raw.ino(), block,
                        String.format("xattr block checksum 0x%08x, computed 0x%08x", stored, want));
            }
        }
        return entries(fs, raw.ino(), block, b, BLOCK_HEADER, b.length, 0, b.length, false);
    }

    /** Body then block, as ext4_listxattr lists them; a bad block is EUCLEAN (and recorded). */
    public static List<Entry> all(ExtFs fs, ExtInodeRaw raw) {
        List<Entry> out = new ArrayList<>(ibody(fs, raw));
        out.addAll(block(fs, raw));
        return out;
    }

    /**
     * Entries from {@code from} up to the 4-byte zero terminator, within [from, end); values at
     * {@code valueBase + e_value_offs}, inside [valueBase, valueEnd). {@code strict}: a fault
     * throws instead of ending the list.
     */
    private static List<Entry> entries(ExtFs fs, long ino, long block, byte[] b, int from, int end, int valueBase,
            int valueEnd, boolean strict) {
        List<Entry> out = new ArrayList<>();
        int off = from;
        while (off + 4 <= end && Le.u32(b, off) != 0) {
            if (off + ENTRY_HEADER > end) {
                return fault(fs, ino, block, out, strict, "entry header at " + off + " runs past the end");
            }
            int nameLen = Le.u8(b, off);
            int index = Le.u8(b, off + 1);
            int valueOffs = Le.u16(b, off + 2);
            long valueInum = Le.u32(b, off + 4);
            long valueSize = Le.u32(b, off + 8);
            int size = (ENTRY_HEADER + nameLen + 3) & ~3;
            if (off + size > end) {
                return fault(fs, ino, block, out, strict, "entry name at " + off + " runs past the end");
            }
            String suffix = new String(b, off + ENTRY_HEADER, nameLen, StandardCharsets.UTF_8);
            byte[] value;
            if (valueSize > VALUE_MAX) {
                return fault(fs, ino, block, out, strict, "value size " + valueSize + " of " + suffix);
            }
            if (valueInum != 0) {
                value = eaInodeValue(fs, ino, valueInum, (int) valueSize);
            } else {
                long vstart = (long) valueBase + valueOffs;
                if (vstart + valueSize > valueEnd || (valueSize > 0 && vstart < from)) {
                    return fault(fs, ino, block, out, strict, "value of " + suffix + " at " + vstart + "+" + valueSize
                            + " outside the area");
                }
                value = Le.slice(b, (int) vstart, (int) valueSize);
            }
            out.add(new Entry(index, suffix, value));
            off += size;
        }
        return out;
    }

    private static List<Entry> fault(ExtFs fs, long ino, long block, List<Entry> sofar, boolean strict, String what) {
        fs.problems().report(ExtProblem.Code.XATTR_BAD, ino, block, what);
        if (strict) {
            throw new VfsException(Errno.EUCLEAN, "inode " + ino, "in-inode xattr area is corrupt (" + what
                    + "); not rewriting it");
        }
        return sofar;
    }

    /** ea_inode: a value stored as the data of its own inode (EA_INODE_FL, i_size = value size). */
    private static byte[] eaInodeValue(ExtFs fs, long ino, long valueIno, int size) {
        ExtInodeRaw ea = fs.inodes().read(valueIno);
        if (!ea.hasFlag(ExtInodeRaw.FL_EA_INODE) || ea.fileSize() != size) {
            fs.problems().report(ExtProblem.Code.XATTR_BAD, ino, -1, "xattr value inode " + valueIno + " is not one");
            throw new VfsException(Errno.EUCLEAN, "inode " + ino, "bad xattr value inode " + valueIno);
        }
        BlockMap map = fs.blockMap(ea);
        int bs = fs.info().blockSize();
        byte[] out = new byte[size];
        for (int pos = 0; pos < size; pos += bs) {
            BlockMapping m = map.map(pos / bs);
            if (!m.readsAsZeros()) {
                byte[] block = fs.blockBytes(m.physical());
                System.arraycopy(block, 0, out, pos, Math.min(bs, size - pos));
            }
        }
        return out;
    }
}
