package org.vfscope.fs.ext;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.vfscope.block.BlockDevice;
import org.vfscope.fs.Mkfs;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.VfsException;

/**
 * mkfs for ext2 (what {@code mke2fs -t ext2 -O ^resize_inode} makes), written straight to the
 * device. Defaults follow mke2fs.conf's size classes: below 3 MiB "floppy" (1 KiB blocks, an
 * inode per 8 KiB), below 512 MiB "small" (1 KiB blocks, an inode per 4 KiB), else "default"
 * (4 KiB blocks, an inode per 16 KiB); 256-byte inodes; revision 1 with sparse_super,
 * large_file, filetype, ext_attr and dir_index; no resize inode (e2fsck accepts its absence);
 * 5 % reserved for root; a random UUID and hash seed. The root directory holds lost+found,
 * which e2fsck wants. A last group too small for its own metadata and 50 data blocks is dropped,
 * as mke2fs drops it.
 */
public final class ExtMkfs implements Mkfs.Formatter {
    static final int INODE_SIZE = 256;
    static final int EXTRA_ISIZE = 32;
    static final long LOST_FOUND_INO = 11;
    private static final long SMALL = 512L << 20;
    private static final long FLOPPY = 3L << 20;
    private static final int ZERO_CHUNK = 1 << 20;

    /** The geometry of the filesystem to make. */
    record Layout(int bs, long blocks, long first, long bpg, long groups, long ipg, long itb, long descBlocks) {
        long groupStart(long g) {
            return first + g * bpg;
        }

        long groupBlocks(long g) {
            return Math.min(bpg, blocks - groupStart(g));
        }

        long inodes() {
            return groups * ipg;
        }
    }

    @Override
    public void format(BlockDevice device, Mkfs.Options options) {
        if (device.isReadOnly()) {
            throw new VfsException(Errno.EROFS, device.name(), "mkfs needs a writable device");
        }
        Layout l = layout(device.size(), options.blockSize());
        byte[] label = options.label().getBytes(StandardCharsets.UTF_8);
        if (label.length > 16) {
            throw new VfsException(Errno.EINVAL, "label", "longer than 16 bytes");
        }
        new Writer(device, l, options, label).write();
    }

    /** The geometry for a device of {@code size} bytes; EINVAL when it is too small for one group. */
    static Layout layout(long size, int askedBlockSize) {
        int bs = askedBlockSize != 0 ? askedBlockSize : size < SMALL ? 1024 : 4096;
        if (bs != 1024 && bs != 2048 && bs != 4096) {
            throw new VfsException(Errno.EINVAL, "block size", bs + " (1024, 2048 or 4096)");
        }
        long ratio = size < FLOPPY ? 8192 : size < SMALL ? 4096 : 16384;
        long blocks = Math.min(size / bs, 0xFFFFFFFFL);
        long first = bs == 1024 ? 1 : 0;
        long bpg = 8L * bs;
        long wantInodes = Math.max(16, size / ratio);
        while (true) {
            long groups = (blocks - first + bpg - 1) / bpg;
            if (groups <= 0 || blocks < 64) {
                throw new VfsException(Errno.EINVAL, "mkfs", "device of " + size + " bytes is too small for ext2");
            }
            int perBlock = bs / INODE_SIZE;
            long ipg = (wantInodes + groups - 1) / groups;
            ipg = Math.max(ipg, 16);
            long unit = Math.max(8, perBlock); // whole inode table blocks, whole bitmap bytes
            ipg = (ipg + unit - 1) / unit * unit;
            ipg = Math.min(ipg, 8L * bs);
            long itb = ipg * INODE_SIZE / bs;
            long descBlocks = (groups * 32 + bs - 1) / bs;
            long lastStart = first + (groups - 1) * bpg;
            long lastBlocks = blocks - lastStart;
            boolean lastHasSuper = groupHasSuper(groups - 1);
            long lastOverhead = (lastHasSuper ? 1 + descBlocks : 0) + 2 + itb;
            if (lastBlocks < lastOverhead + 50 && groups > 1) {
                blocks = lastStart; // mke2fs drops a last group this small
                continue;
            }
            long firstOverhead = 1 + descBlocks + 2 + itb + 1 + lostFoundBlocks(bs);
            if (Math.min(bpg, blocks - first) < firstOverhead + 16) {
                throw new VfsException(Errno.EINVAL, "mkfs", "device of " + size + " bytes is too small for ext2");
            }
            return new Layout(bs, blocks, first, bpg, groups, ipg, itb, descBlocks);
        }
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

    /** Writes one filesystem: every structure built in memory, then written block by block. */
    private static final class Writer {
        private final BlockDevice dev;
        private final Layout l;
        private final byte[] label;
        private final int bs;
        private final byte[] uuid = new byte[16];
        private final byte[] hashSeed = new byte[16];
        private final long now;

        Writer(BlockDevice dev, Layout l, Mkfs.Options options, byte[] label) {
            this.dev = dev;
            this.l = l;
            this.label = label;
            this.bs = l.bs();
            SecureRandom rnd = new SecureRandom();
            rnd.nextBytes(uuid);
            uuid[6] = (byte) ((uuid[6] & 0x0f) | 0x40); // version 4
            uuid[8] = (byte) ((uuid[8] & 0x3f) | 0x80); // RFC 4122 variant
            rnd.nextBytes(hashSeed);
            this.now = Math.max(0, options.now().getEpochSecond());
        }

        private long metaEnd(long g) {
            long pos = l.groupStart(g) + (groupHasSuper(g) ? 1 + l.descBlocks() : 0);
            return pos + 2 + l.itb();
        }

        private long blockBitmap(long g) {
            return l.groupStart(g) + (groupHasSuper(g) ? 1 + l.descBlocks() : 0);
        }

        void write() {
            long rootBlock = metaEnd(0);
            int lpf = lostFoundBlocks(bs);
            long[] freeBlocks = new long[(int) l.groups()];
            long totalFree = 0;
            for (long g = 0; g < l.groups(); g++) {
                long used = metaEnd(g) - l.groupStart(g) + (g == 0 ? 1 + lpf : 0);
                freeBlocks[(int) g] = l.groupBlocks(g) - used;
                totalFree += freeBlocks[(int) g];
                writeBitmaps(g, used);
                zero(blockBitmap(g) + 2, l.itb());
            }
            long totalFreeInodes = l.inodes() - LOST_FOUND_INO;
            byte[] gdt = new byte[(int) (l.descBlocks() * bs)];
            for (long g = 0; g < l.groups(); g++) {
                int off = (int) g * 32;
                Le.put32(gdt, off, blockBitmap(g));
                Le.put32(gdt, off + 4, blockBitmap(g) + 1);
                Le.put32(gdt, off + 8, blockBitmap(g) + 2);
                Le.put16(gdt, off + 0xC, freeBlocks[(int) g]);
                Le.put16(gdt, off + 0xE, g == 0 ? l.ipg() - LOST_FOUND_INO : l.ipg());
                Le.put16(gdt, off + 0x10, g == 0 ? 2 : 0);
            }
            writeRootAndLostFound(rootBlock, lpf);
            for (long g = 0; g < l.groups(); g++) {
                if (groupHasSuper(g)) {
                    byte[] sb = superblock(g, totalFree, totalFreeInodes);
                    if (g == 0) {
                        byte[] block0 = new byte[Math.max(bs, 2048)];
                        System.arraycopy(sb, 0, block0, ExtSuperBlockInfo.OFFSET, sb.length);
                        put(0, block0); // the boot area zeroed, the superblock at byte 1024
                    } else {
                        byte[] b = new byte[bs];
                        System.arraycopy(sb, 0, b, 0, sb.length);
                        put(l.groupStart(g) * bs, b);
                    }
                    put((l.groupStart(g) + 1) * bs, gdt);
                }
            }
            dev.flush();
        }

        private void writeBitmaps(long g, long used) {
            byte[] bb = new byte[bs];
            for (int i = 0; i < used; i++) {
                ExtBlockAllocator.set(bb, i);
            }
            for (long i = l.groupBlocks(g); i < 8L * bs; i++) {
                ExtBlockAllocator.set(bb, (int) i);
            }
            byte[] ib = new byte[bs];
            if (g == 0) {
                for (int i = 0; i < LOST_FOUND_INO; i++) {
                    ExtBlockAllocator.set(ib, i);
                }
            }
            for (long i = l.ipg(); i < 8L * bs; i++) {
                ExtBlockAllocator.set(ib, (int) i);
            }
            put(blockBitmap(g) * bs, bb);
            put((blockBitmap(g) + 1) * bs, ib);
        }

        private void writeRootAndLostFound(long rootBlock, int lpf) {
            byte[] root = new byte[bs];
            entry(root, 0, ExtSuper.ROOT_INO, 12, ".");
            entry(root, 12, ExtSuper.ROOT_INO, 12, "..");
            entry(root, 24, LOST_FOUND_INO, bs - 24, "lost+found");
            put(rootBlock * bs, root);
            byte[] first = new byte[bs];
            entry(first, 0, LOST_FOUND_INO, 12, ".");
            entry(first, 12, ExtSuper.ROOT_INO, bs - 12, "..");
            put((rootBlock + 1) * bs, first);
            byte[] empty = new byte[bs];
            Le.put16(empty, 4, bs);
            for (int i = 1; i < lpf; i++) {
                put((rootBlock + 1 + i) * bs, empty);
            }
            writeInode(ExtSuper.ROOT_INO, dirInode(0755, 3, 1, new long[] {rootBlock}));
            long[] blocks = new long[lpf];
            for (int i = 0; i < lpf; i++) {
                blocks[i] = rootBlock + 1 + i;
            }
            writeInode(LOST_FOUND_INO, dirInode(0700, 2, lpf, blocks));
        }

        private byte[] dirInode(int perm, int links, int blocks, long[] pointers) {
            byte[] b = new byte[INODE_SIZE];
            Le.put16(b, 0x0, FileMode.S_IFDIR | perm);
            Le.put32(b, 0x4, (long) blocks * bs);
            for (int off : new int[] {0x8, 0xC, 0x10, 0x90}) {
                Le.put32(b, off, now);
            }
            Le.put16(b, 0x1A, links);
            Le.put32(b, 0x1C, (long) blocks * (bs / 512));
            for (int i = 0; i < pointers.length; i++) {
                Le.put32(b, ExtInodeRaw.I_BLOCK + 4 * i, pointers[i]);
            }
            Le.put16(b, 0x80, EXTRA_ISIZE);
            return b;
        }

        private void writeInode(long ino, byte[] inode) {
            long index = ino - 1; // both live in group 0
            long at = (blockBitmap(0) + 2) * bs + index * INODE_SIZE;
            put(at, inode);
        }

        private static void entry(byte[] b, int at, long ino, int recLen, String name) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            Le.put32(b, at, ino);
            Le.put16(b, at + 4, recLen);
            Le.put8(b, at + 6, n.length);
            Le.put8(b, at + 7, 2); // every entry here is a directory
            System.arraycopy(n, 0, b, at + 8, n.length);
        }

        private byte[] superblock(long group, long freeBlocks, long freeInodes) {
            byte[] s = new byte[ExtSuperBlockInfo.SIZE];
            Le.put32(s, 0x0, l.inodes());
            Le.put32(s, 0x4, l.blocks());
            Le.put32(s, 0x8, l.blocks() / 20);
            Le.put32(s, 0xC, freeBlocks);
            Le.put32(s, 0x10, freeInodes);
            Le.put32(s, 0x14, l.first());
            int log = Integer.numberOfTrailingZeros(bs) - 10;
            Le.put32(s, 0x18, log);
            Le.put32(s, 0x1C, log);
            Le.put32(s, 0x20, l.bpg());
            Le.put32(s, 0x24, l.bpg());
            Le.put32(s, 0x28, l.ipg());
            Le.put32(s, 0x30, now);
            Le.put16(s, 0x36, 0xFFFF);
            Le.put16(s, 0x38, ExtSuperBlockInfo.MAGIC);
            Le.put16(s, 0x3A, 1); // cleanly unmounted
            Le.put16(s, 0x3C, 1); // errors=continue
            Le.put32(s, 0x40, now);
            Le.put32(s, 0x4C, 1);
            Le.put32(s, 0x54, LOST_FOUND_INO);
            Le.put16(s, 0x58, INODE_SIZE);
            Le.put16(s, 0x5A, group);
            Le.put32(s, 0x5C, ExtFeatures.COMPAT_EXT_ATTR | ExtFeatures.COMPAT_DIR_INDEX);
            Le.put32(s, 0x60, ExtFeatures.INCOMPAT_FILETYPE);
            Le.put32(s, 0x64, ExtFeatures.RO_COMPAT_SPARSE_SUPER | ExtFeatures.RO_COMPAT_LARGE_FILE);
            System.arraycopy(uuid, 0, s, 0x68, 16);
            System.arraycopy(label, 0, s, 0x78, label.length);
            System.arraycopy(hashSeed, 0, s, 0xEC, 16);
            Le.put8(s, 0xFC, DirHash.HALF_MD4);
            Le.put32(s, 0x100, 0x4 | 0x8); // user_xattr, acl
            Le.put32(s, 0x108, now);
            Le.put16(s, 0x15C, EXTRA_ISIZE);
            Le.put16(s, 0x15E, EXTRA_ISIZE);
            Le.put32(s, 0x160, 0x1); // signed directory hash, as x86 mke2fs sets
            return s;
        }

        private void zero(long block, long count) {
            byte[] z = new byte[ZERO_CHUNK];
            long pos = block * bs;
            long end = (block + count) * bs;
            while (pos < end) {
                int n = (int) Math.min(z.length, end - pos);
                dev.write(pos, ByteBuffer.wrap(z, 0, n));
                pos += n;
            }
        }

        private void put(long offset, byte[] data) {
            dev.write(offset, ByteBuffer.wrap(data));
        }
    }
}
