package org.vfscope.fs.ext;

import java.time.Instant;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.VfsException;

/**
 * One on-disk inode ({@code struct ext4_inode}, 128 bytes plus i_extra_isize and the in-inode
 * xattr area) as read from the inode table: a copy of its bytes and typed accessors. The write
 * side edits a copy of {@link #bytes()} and writes it back with a fresh checksum.
 */
public final class ExtInodeRaw {
    // i_flags bits (EXT4_*_FL).
    public static final int FL_INDEX = 0x1000;
    public static final int FL_HUGE_FILE = 0x40000;
    public static final int FL_EXTENTS = 0x80000;
    public static final int FL_EA_INODE = 0x200000;
    public static final int FL_INLINE_DATA = 0x10000000;
    public static final int FL_CASEFOLD = 0x40000000;
    public static final int FL_ENCRYPT = 0x800;
    /** i_block: 15 32-bit words, 60 bytes at offset 0x28. */
    public static final int I_BLOCK = 0x28;
    public static final int I_BLOCK_SIZE = 60;
    private static final int EXTRA_ISIZE = 0x80;
    private static final int CTIME_EXTRA = 0x84;
    private static final int MTIME_EXTRA = 0x88;
    private static final int ATIME_EXTRA = 0x8C;
    private static final int CRTIME = 0x90;
    private static final int CRTIME_EXTRA = 0x94;

    private final long ino;
    private final byte[] b;
    private final int extraIsize;

    /** Wraps the inode's bytes; EUCLEAN when i_extra_isize does not fit (as ext4_iget checks). */
    public ExtInodeRaw(long ino, byte[] bytes) {
        this.ino = ino;
        this.b = bytes;
        if (bytes.length > ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE) {
            int extra = Le.u16(bytes, EXTRA_ISIZE);
            if (extra % 4 != 0 || ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE + extra > bytes.length) {
                throw new VfsException(Errno.EUCLEAN, "inode " + ino, "bad extra_isize " + extra);
            }
            this.extraIsize = extra;
        } else {
            this.extraIsize = 0;
        }
    }

    public long ino() {
        return ino;
    }

    /** A copy of the on-disk bytes. */
    public byte[] bytes() {
        return b.clone();
    }

    byte[] rawBytes() {
        return b;
    }

    public int size() {
        return b.length;
    }

    public int mode() {
        return Le.u16(b, 0x0);
    }

    public int uid() {
        return Le.u16(b, 0x2) | Le.u16(b, 0x78) << 16;
    }

    public int gid() {
        return Le.u16(b, 0x18) | Le.u16(b, 0x7A) << 16;
    }

    /** i_size_lo | i_size_high << 32, as ext4 reads it for every file type. */
    public long fileSize() {
        return Le.u32(b, 0x4) | Le.u32(b, 0x6C) << 32;
    }

    public int linksCount() {
        return Le.u16(b, 0x1A);
    }

    public long dtime() {
        return Le.u32(b, 0x14);
    }

    public int flags() {
        return Le.s32(b, 0x20);
    }

    public boolean hasFlag(int flag) {
        return (flags() & flag) != 0;
    }

    public long generation() {
        return Le.u32(b, 0x64);
    }

    /** i_file_acl: the xattr block, with its high 16 bits on 64bit filesystems. */
    public long fileAcl(boolean is64bit) {
        return Le.u32(b, 0x68) | (is64bit ? (long) Le.u16(b, 0x76) << 32 : 0);
    }

    /** i_blocks in its raw unit (512-byte sectors, or fs blocks with HUGE_FILE_FL). */
    public long blocksRaw(boolean hugeFile) {
        return Le.u32(b, 0x1C) | (hugeFile ? (long) Le.u16(b, 0x74) << 32 : 0);
    }

    /** i_block's 60 bytes: block pointers, extent root, fast symlink or inline data. */
    public byte[] iBlock() {
        return Le.slice(b, I_BLOCK, I_BLOCK_SIZE);
    }

    public long iBlockWord(int i) {
        return Le.u32(b, I_BLOCK + 4 * i);
    }

    public int extraIsize() {
        return extraIsize;
    }

    /** EXT4_FITS_IN_INODE for a field ending at {@code end}. */
    public boolean fits(int end) {
        return end <= ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE + extraIsize;
    }

    public boolean hasChecksumHi() {
        return fits(I_CHECKSUM_HI_END);
    }

    private static final int I_CHECKSUM_HI_END = ExtChecksums.I_CHECKSUM_HI + 2;

    public int storedChecksum() {
        int lo = Le.u16(b, ExtChecksums.I_CHECKSUM_LO);
        return hasChecksumHi() ? lo | Le.u16(b, ExtChecksums.I_CHECKSUM_HI) << 16 : lo;
    }

    public Instant atime() {
        return time(0x8, ATIME_EXTRA);
    }

    public Instant mtime() {
        return time(0x10, MTIME_EXTRA);
    }

    public Instant ctime() {
        return time(0xC, CTIME_EXTRA);
    }

    /** Creation time, only in large inodes; null otherwise. */
    public Instant crtime() {
        return fits(CRTIME + 4) ? time(CRTIME, CRTIME_EXTRA) : null;
    }

    /**
     * ext4_decode_extra_time: the signed 32-bit seconds, plus epoch bits (extending past 2038)
     * and nanoseconds from the _extra word when the inode is large enough to hold it.
     */
    private Instant time(int off, int extraOff) {
        long secs = Le.s32(b, off);
        long nanos = 0;
        if (fits(extraOff + 4)) {
            long extra = Le.u32(b, extraOff);
            secs += (extra & 3) << 32;
            nanos = Math.min(extra >>> 2, 999_999_999L);
        }
        return Instant.ofEpochSecond(secs, nanos);
    }

    /**
     * The device number of a device node, as the userspace dev_t (new_encode_dev): the old
     * 8:8 encoding in i_block[0] when non-zero, else the new 12:20 one in i_block[1].
     */
    public long rdev() {
        long old = iBlockWord(0);
        int major;
        int minor;
        if (old != 0) {
            major = (int) ((old >> 8) & 0xff);
            minor = (int) (old & 0xff);
        } else {
            long dev = iBlockWord(1);
            major = (int) ((dev & 0xfff00) >> 8);
            minor = (int) ((dev & 0xff) | ((dev >> 12) & 0xfff00));
        }
        return makedev(major, minor);
    }

    /** glibc's makedev. */
    public static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12)
                | (minor & 0xffL);
    }

    public static long major(long dev) {
        return ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfffL);
    }

    public static long minor(long dev) {
        return ((dev >>> 12) & 0xffffff00L) | (dev & 0xffL);
    }

    /** Whether the mode names a file type ext knows. */
    public boolean knownType() {
        return switch (mode() & FileMode.S_IFMT) {
            case FileMode.S_IFREG, FileMode.S_IFDIR, FileMode.S_IFLNK, FileMode.S_IFCHR, FileMode.S_IFBLK,
                    FileMode.S_IFIFO, FileMode.S_IFSOCK -> true;
            default -> false;
        };
    }

    /** Start of the in-inode xattr area (after i_extra_isize), or -1 for a 128-byte inode. */
    public int ibodyXattrStart() {
        if (b.length <= ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE) {
            return -1;
        }
        return ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE + extraIsize;
    }
}
