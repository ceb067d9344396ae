package org.vfscope.fs.ext;

import java.time.Instant;

/**
 * Serialising an in-memory inode into its on-disk bytes (ext2_write_inode / ext4_do_update_inode):
 * the live fields laid over the bytes last read, so fields this driver does not model (and the
 * in-inode xattr area) survive. Timestamps carry nanoseconds and epoch bits when the inode is
 * large enough (ext4_encode_extra_time), else whole seconds clamped to 32 bits.
 */
final class ExtInodeCodec {
    private static final int EXTRA_ISIZE = 0x80;

    private ExtInodeCodec() {
    }

    static byte[] encode(ExtInode inode) {
        byte[] b = inode.base().clone();
        int extra = b.length > ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE ? Le.u16(b, EXTRA_ISIZE) : 0;
        Le.put16(b, 0x0, inode.mode());
        Le.put16(b, 0x2, inode.uid());
        Le.put16(b, 0x78, inode.uid() >>> 16);
        Le.put16(b, 0x18, inode.gid());
        Le.put16(b, 0x7A, inode.gid() >>> 16);
        Le.put32(b, 0x4, inode.size());
        Le.put32(b, 0x6C, inode.size() >>> 32);
        Le.put16(b, 0x1A, inode.nlink());
        Le.put32(b, 0x1C, inode.blocks());
        Le.put16(b, 0x74, 0);
        Le.put32(b, 0x20, inode.flags());
        for (int i = 0; i < 15; i++) {
            Le.put32(b, ExtInodeRaw.I_BLOCK + 4 * i, inode.iBlock[i]);
        }
        Le.put32(b, 0x14, inode.dtime());
        Le.put32(b, 0x64, inode.generation());
        Le.put32(b, 0x68, inode.fileAcl());
        Le.put16(b, 0x76, 0);
        time(b, extra, 0xC, 0x84, inode.ctime());
        time(b, extra, 0x10, 0x88, inode.mtime());
        time(b, extra, 0x8, 0x8C, inode.atime());
        return b;
    }

    /** ext4_encode_extra_time when the _extra word fits, else seconds clamped to the signed 32-bit range. */
    private static void time(byte[] b, int extra, int off, int extraOff, Instant t) {
        long secs = t.getEpochSecond();
        boolean fitsExtra = extraOff + 4 <= ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE + extra;
        if (!fitsExtra) {
            Le.put32(b, off, Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, secs)));
            return;
        }
        long epoch = ((secs - (int) secs) >> 32) & 3;
        Le.put32(b, off, secs);
        Le.put32(b, extraOff, epoch | ((long) t.getNano() << 2));
    }

    /** A zeroed inode of {@code size} bytes with i_extra_isize set as the kernel does for new inodes. */
    static byte[] fresh(int size, int wantExtraIsize) {
        byte[] b = new byte[size];
        if (size > ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE) {
            int extra = Math.min(wantExtraIsize == 0 ? 32 : wantExtraIsize, size - ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE);
            Le.put16(b, EXTRA_ISIZE, extra & ~3);
        }
        return b;
    }
}
