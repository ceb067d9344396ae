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
        ExtSuper sup = ExtSuper.of(inode.sb());
        ExtSuperBlockInfo info = sup.info();
        int flags = blocks(b, inode.blocks(), inode.flags(), info);
        Le.put32(b, 0x20, flags);
        for (int i = 0; i < 15; i++) {
            Le.put32(b, ExtInodeRaw.I_BLOCK + 4 * i, inode.iBlock[i]);
        }
        Le.put32(b, 0x14, inode.dtime());
        Le.put32(b, 0x64, inode.generation());
        Le.put32(b, 0x68, inode.fileAcl());
        Le.put16(b, 0x76, info.has64bit() ? inode.fileAcl() >>> 32 : 0);
        time(b, extra, 0xC, 0x84, inode.ctime());
        time(b, extra, 0x10, 0x88, inode.mtime());
        time(b, extra, 0x8, 0x8C, inode.atime());
        seal(sup.fs().csum(), inode.ino(), b);
        return b;
    }

    /**
     * ext4_inode_blocks_set: i_blocks in 512-byte units, its high 16 bits with huge_file, and
     * in filesystem blocks (HUGE_FILE_FL) beyond 48 bits. Returns i_flags as it must be stored.
     */
    private static int blocks(byte[] b, long sectors, int flags, ExtSuperBlockInfo info) {
        boolean huge = info.hasRoCompat(ExtFeatures.RO_COMPAT_HUGE_FILE);
        long v = sectors;
        int f = flags & ~ExtInodeRaw.FL_HUGE_FILE;
        if (huge && sectors >= 1L << 48) {
            v = sectors / (info.blockSize() / 512);
            f |= ExtInodeRaw.FL_HUGE_FILE;
        }
        Le.put32(b, 0x1C, v);
        Le.put16(b, 0x74, huge ? v >>> 32 : 0);
        return f;
    }

    /** ext4_inode_csum_set: i_checksum_lo, and i_checksum_hi when the inode has room for it. */
    static void seal(ExtChecksums csum, long ino, byte[] b) {
        if (!csum.metadataCsum()) {
            return;
        }
        ExtInodeRaw raw = new ExtInodeRaw(ino, b);
        int c = csum.inode(ino, raw.generation(), b, raw.hasChecksumHi());
        Le.put16(b, ExtChecksums.I_CHECKSUM_LO, c);
        if (raw.hasChecksumHi()) {
            Le.put16(b, ExtChecksums.I_CHECKSUM_HI, c >>> 16);
        }
    }

    /** i_crtime of a new inode, when the inode is large enough to hold it. */
    static void crtime(byte[] b, Instant t) {
        int extra = b.length > ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE ? Le.u16(b, EXTRA_ISIZE) : 0;
        if (0x94 + 4 <= ExtSuperBlockInfo.GOOD_OLD_INODE_SIZE + extra) {
            time(b, extra, 0x90, 0x94, t);
        }
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
