package org.vfscope.fs.ext;

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
    static final long LOST_FOUND_INO = MkfsWriter.LOST_FOUND_INO;
    private static final int INODE_SIZE = MkfsWriter.INODE_SIZE;

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
        MkfsWriter.requireWritable(device);
        Layout l = layout(device.size(), options.blockSize());
        new Writer(device, l, options).write();
    }

    /** The geometry for a device of {@code size} bytes; EINVAL when it is too small for one group. */
    static Layout layout(long size, int askedBlockSize) {
        int bs = MkfsWriter.blockSize(size, askedBlockSize);
        long blocks = Math.min(size / bs, 0xFFFFFFFFL);
        long first = bs == 1024 ? 1 : 0;
        long bpg = 8L * bs;
        long wantInodes = Math.max(16, size / MkfsWriter.inodeRatio(size));
        while (true) {
            long groups = (blocks - first + bpg - 1) / bpg;
            if (groups <= 0 || blocks < 64) {
                throw new VfsException(Errno.EINVAL, "mkfs", "device of " + size + " bytes is too small for ext2");
            }
            long ipg = MkfsWriter.inodesPerGroup(wantInodes, groups, bs);
            long itb = ipg * INODE_SIZE / bs;
            long descBlocks = (groups * 32 + bs - 1) / bs;
            long lastStart = first + (groups - 1) * bpg;
            long lastBlocks = blocks - lastStart;
            long lastOverhead = (MkfsWriter.groupHasSuper(groups - 1) ? 1 + descBlocks : 0) + 2 + itb;
            if (lastBlocks < lastOverhead + 50 && groups > 1) {
                blocks = lastStart; // mke2fs drops a last group this small
                continue;
            }
            long firstOverhead = 1 + descBlocks + 2 + itb + 1 + MkfsWriter.lostFoundBlocks(bs);
            if (Math.min(bpg, blocks - first) < firstOverhead + 16) {
                throw new VfsException(Errno.EINVAL, "mkfs", "device of " + size + " bytes is too small for ext2");
            }
            return new Layout(bs, blocks, first, bpg, groups, ipg, itb, descBlocks);
        }
    }

    /** Writes one filesystem: every structure built in memory, then written block by block. */
    private static final class Writer extends MkfsWriter {
        private final Layout l;

        Writer(BlockDevice dev, Layout l, Mkfs.Options options) {
            super(dev, l.bs(), options);
            this.l = l;
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
                    byte[] sb = superblock(l.inodes(), l.blocks(), l.first(), l.bpg(), l.ipg(), g, totalFree,
                            totalFreeInodes);
                    Le.put32(sb, 0x5C, ExtFeatures.COMPAT_EXT_ATTR | ExtFeatures.COMPAT_DIR_INDEX);
                    Le.put32(sb, 0x60, ExtFeatures.INCOMPAT_FILETYPE);
                    Le.put32(sb, 0x64, ExtFeatures.RO_COMPAT_SPARSE_SUPER | ExtFeatures.RO_COMPAT_LARGE_FILE);
                    writeSuperblockCopy(l.groupStart(g), g, sb, gdt);
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
            put(blockBitmap(g) * bs, bb);
            put((blockBitmap(g) + 1) * bs, inodeBitmap(g, l.ipg()));
        }

        private void writeRootAndLostFound(long rootBlock, int lpf) {
            byte[] root = new byte[bs];
            dirEntry(root, 0, ExtSuper.ROOT_INO, 12, ".");
            dirEntry(root, 12, ExtSuper.ROOT_INO, 12, "..");
            dirEntry(root, 24, LOST_FOUND_INO, bs - 24, "lost+found");
            put(rootBlock * bs, root);
            byte[] first = new byte[bs];
            dirEntry(first, 0, LOST_FOUND_INO, 12, ".");
            dirEntry(first, 12, ExtSuper.ROOT_INO, bs - 12, "..");
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
    }
}
