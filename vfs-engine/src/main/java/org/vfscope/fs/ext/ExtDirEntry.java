package org.vfscope.fs.ext;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.vfscope.vfs.FileMode;

/**
 * One directory entry ({@code struct ext4_dir_entry_2}) as found in a block or inline area:
 * inode number, name bytes, file type (0 without the filetype feature), its offset in the
 * area and its rec_len.
 */
public record ExtDirEntry(long ino, byte[] name, int fileType, int offset, int recLen) {
    /** EXT4_FT_DIR_CSUM: the file type of the fake entry holding a leaf block's checksum. */
    public static final int FT_DIR_CSUM = 0xDE;

    /** The name as a Java string (UTF-8; invalid bytes become U+FFFD). */
    public String nameString() {
        return new String(name, StandardCharsets.UTF_8);
    }

    public boolean nameEquals(byte[] other) {
        return Arrays.equals(name, other);
    }

    /** The getdents DT_* type for the stored EXT4_FT_* type. */
    public int dtype() {
        return switch (fileType) {
            case 1 -> FileMode.DT_REG;
            case 2 -> FileMode.DT_DIR;
            case 3 -> FileMode.DT_CHR;
            case 4 -> FileMode.DT_BLK;
            case 5 -> FileMode.DT_FIFO;
            case 6 -> FileMode.DT_SOCK;
            case 7 -> FileMode.DT_LNK;
            default -> FileMode.DT_UNKNOWN;
        };
    }

    /** EXT4_DIR_REC_LEN: the smallest rec_len holding a name of {@code nameLen} bytes. */
    public static int recLenFor(int nameLen) {
        return (nameLen + 8 + 3) & ~3;
    }
}
