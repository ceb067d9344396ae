package org.vfscope.fs.ext;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.vfscope.block.BlockDevice;
import org.vfscope.fs.Mkfs;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.VfsException;

/**
 * What our two formatters ({@link ExtMkfs}, {@link Ext4Mkfs}) share: mke2fs.conf's size classes,
 * the identity of a new filesystem (UUID, hash seed, time, label), the superblock fields both
 * feature sets fill alike, directory entries of the first directories, and writing the
 * superblock with its descriptor table into every group that carries a copy.
 */
abstract class MkfsWriter {
    static final int INODE_SIZE = 256;
    static final int EXTRA_ISIZE = 32;
    static final long LOST_FOUND_INO = 11;
    private static final long SMALL = 512L << 20;
    private static final long FLOPPY = 3L << 20;
    private static final int ZERO_CHUNK = 1 << 20;

    final BlockDevice dev;
    final int bs;
    final byte[] label;
    final byte[] uuid = new byte[16];
    final byte[] hashSeed = new byte[16];
    final long now;

    MkfsWriter(BlockDevice dev, int bs, Mkfs.Options options) {
        this.dev = dev;
        this.bs = bs;
        this.label = label(options);
        SecureRandom rnd = new SecureRandom();
        rnd.nextBytes(uuid);
        uuid[6] = (byte) ((uuid[6] & 0x0f) | 0x40); // version 4
        uuid[8] = (byte) ((uuid[8] & 0x3f) | 0x80); // RFC 4122 variant
        rnd.nextBytes(hashSeed);
        this.now = Math.max(0, options.now().getEpochSecond());
    }

    /** EROFS for a read-only device, before any geometry is worked out. */
    static void requireWritable(BlockDevice device) {
        if (device.isReadOnly()) {
            throw new VfsException(Errno.EROFS, device.name(), "mkfs needs a writable device");
        }
    }

    private static byte[] label(Mkfs.Options options) {
        byte[] label = options.label().getBytes(StandardCharsets.UTF_8);
        if (label.length > 16) {
            throw new VfsException(Errno.EINVAL, "label", "longer than 16 bytes");
        }
        return label;
    }

    /**
     * mke2fs.conf's size classes: 1 KiB blocks below 512 MiB ("small", "floppy"), else 4 KiB;
     * EINVAL for a block size ext cannot use.
     */
    static int blockSize(long size, int asked) {
        int bs = asked != 0 ? asked : size < SMALL ? 1024 : 4096;
        if (bs != 1024 && bs != 2048 && bs != 4096) {
            throw new VfsException(Errno.EINVAL, "block size", bs + " (1024, 2048 or 4096)");
        }
        return bs;
    }

    /** Bytes per inode of the size class: 8 KiB ("floppy"), 4 KiB ("small"), 16 KiB ("default"). */
    static long inodeRatio(long size) {
        return size < FLOPPY ? 8192 : size < SMALL ? 4096 : 16384;
    }

    /** Inodes per group: at least 16, whole bitmap bytes and whole inode-table blocks, at most a bitmap's worth. */
    static long inodesPerGroup(long wantInodes, long groups, int bs) {
        long ipg = Math.max(16, (wantInodes + groups - 1) / groups);
        long unit = Math.max(8, bs / INODE_SIZE);
        return Math.min((ipg + unit - 1) / unit * unit, 8L * bs);
    }

    /** sparse_super: groups 0, 1 and powers of 3, 5 and 7 hold a superblock copy. */
    static boolean groupHasSuper(long g) {
        if (g <= 1) {
            return true;
        }
        if ((g & 1) == 0) {
            return false;
        }
        for (long base : new long[] {3, 5, 7}) {
            long p = base;
            while (p < g) {
                p *= base;
            }
            if (p == g) {
                return true;
            }
        }
        return false;
    }

    /** lost+found gets 16 KiB when direct blocks can hold it, as mke2fs pre-sizes it. */
    static int lostFoundBlocks(int bs) {
        return (int) Math.min(IndirectMap.NDIR, 16384 / bs);
    }

    /**
     * The superblock fields both feature sets fill alike; the caller adds its features and the
     * fields they bring.
     */
    byte[] superblock(long inodes, long blocks, long first, long bpg, long ipg, long group, long freeBlocks,
            long freeInodes) {
        byte[] s = new byte[ExtSuperBlockInfo.SIZE];
        Le.put32(s, 0x0, inodes);
        Le.put32(s, 0x4, blocks);
        Le.put32(s, 0x8, blocks / 20); // 5 % reserved for root
        Le.put32(s, 0xC, freeBlocks);
        Le.put32(s, 0x10, freeInodes);
        Le.put32(s, 0x14, first);
        int log = Integer.numberOfTrailingZeros(bs) - 10;
        Le.put32(s, 0x18, log);
        Le.put32(s, 0x1C, log);
        Le.put32(s, 0x20, bpg);
        Le.put32(s, 0x24, bpg);
        Le.put32(s, 0x28, ipg);
        Le.put32(s, 0x30, now);
        Le.put16(s, 0x36, 0xFFFF);
        Le.put16(s, 0x38, ExtSuperBlockInfo.MAGIC);
        Le.put16(s, 0x3A, 1); // cleanly unmounted
        Le.put16(s, 0x3C, 1); // errors=continue
        Le.put32(s, 0x40, now);
        Le.put32(s, 0x4C, 1); // revision 1 (dynamic)
        Le.put32(s, 0x54, LOST_FOUND_INO); // first non-reserved inode
        Le.put16(s, 0x58, INODE_SIZE);
        Le.put16(s, 0x5A, group);
        System.arraycopy(uuid, 0, s, 0x68, 16);
        System.arraycopy(label, 0, s, 0x78, label.length);
        System.arraycopy(hashSeed, 0, s, 0xEC, 16);
        Le.put8(s, 0xFC, DirHash.HALF_MD4);
        Le.put32(s, 0x100, 0x4 | 0x8); // default mount options: user_xattr, acl
        Le.put32(s, 0x108, now);
        Le.put16(s, 0x15C, EXTRA_ISIZE);
        Le.put16(s, 0x15E, EXTRA_ISIZE);
        Le.put32(s, 0x160, 0x1); // signed directory hash, as x86 mke2fs sets
        return s;
    }

    /**
     * Writes {@code sb} and the descriptor table {@code gdt} where group {@code g} keeps them:
     * group 0's superblock at byte 1024 with the boot area zeroed, a backup at its group's start.
     */
    void writeSuperblockCopy(long groupStart, long g, byte[] sb, byte[] gdt) {
        if (g == 0) {
            byte[] block0 = new byte[Math.max(bs, 2048)];
            System.arraycopy(sb, 0, block0, ExtSuperBlockInfo.OFFSET, sb.length);
            put(0, block0);
        } else {
            byte[] b = new byte[bs];
            System.arraycopy(sb, 0, b, 0, sb.length);
            put(groupStart * bs, b);
        }
        put((groupStart + 1) * bs, gdt);
    }

    /** An inode bitmap: the reserved inodes of group 0 in use, the bits past the group's inodes set. */
    byte[] inodeBitmap(long g, long ipg) {
        byte[] b = new byte[bs];
        if (g == 0) {
            for (int i = 0; i < LOST_FOUND_INO; i++) {
                ExtBlockAllocator.set(b, i);
            }
        }
        for (long i = ipg; i < 8L * bs; i++) {
            ExtBlockAllocator.set(b, (int) i);
        }
        return b;
    }

    /** A directory entry for a directory (file type 2), as the first directories hold only those. */
    static void dirEntry(byte[] b, int at, long ino, int recLen, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        Le.put32(b, at, ino);
        Le.put16(b, at + 4, recLen);
        Le.put8(b, at + 6, n.length);
        Le.put8(b, at + 7, 2);
        System.arraycopy(n, 0, b, at + 8, n.length);
    }

    void zero(long block, long count) {
        byte[] z = new byte[ZERO_CHUNK];
        long pos = block * bs;
        long end = (block + count) * bs;
        while (pos < end) {
            int n = (int) Math.min(z.length, end - pos);
            dev.write(pos, ByteBuffer.wrap(z, 0, n));
            pos += n;
        }
    }

    void put(long offset, byte[] data) {
        dev.write(offset, ByteBuffer.wrap(data));
    }
}
