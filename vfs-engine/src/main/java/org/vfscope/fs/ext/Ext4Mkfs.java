package org.vfscope.fs.ext;

import java.nio.ByteBuffer;
import java.util.BitSet;
import org.vfscope.block.BlockDevice;
import org.vfscope.fs.Mkfs;
import org.vfscope.vfs.Errno;
import org.vfscope.vfs.FileMode;
import org.vfscope.vfs.VfsException;

/**
 * mkfs for ext4, with the feature set of {@code mke2fs -t ext4} (1.47): has_journal, ext_attr,
 * resize_inode, dir_index, filetype, extent, 64bit, flex_bg, sparse_super, large_file,
 * huge_file, dir_nlink, extra_isize, metadata_csum. Size classes as mke2fs.conf (1 KiB blocks
 * and an inode per 4 KiB below 512 MiB, else 4 KiB blocks and an inode per 16 KiB), 256-byte
 * inodes, 64-byte descriptors. Layout as libext2fs makes it: superblock, descriptors and the
 * reserved GDT blocks (calc_reserved_gdt_blocks) in every group with a backup; the bitmaps
 * and inode tables of each flex group of 16 packed at its start (flexbg_offset); the resize
 * inode (7) mapping the reserved GDT blocks and their backups (ext2fs_create_resize_inode);
 * a journal (inode 8, ext2fs_default_journal_size, one contiguous run in the middle of the
 * filesystem) holding an empty, clean jbd2 superblock; root and lost+found as extent-mapped
 * directories whose blocks end in checksum tails. Groups other than 0 start INODE_UNINIT; every
 * inode table is zeroed (ITABLE_ZEROED). Every checksum is computed by {@link ExtChecksums}
 * from the superblock it writes.
 */
public final class Ext4Mkfs implements Mkfs.Formatter {
    static final int DESC_SIZE = 64;
    static final int FLEX = 16;
    static final long RESIZE_INO = 7;
    static final long JOURNAL_INO = 8;
    static final long LOST_FOUND_INO = MkfsWriter.LOST_FOUND_INO;
    private static final int INODE_SIZE = MkfsWriter.INODE_SIZE;
    private static final int JBD2_MAGIC = 0xC03B3998;

    static final int COMPAT = ExtFeatures.COMPAT_HAS_JOURNAL | ExtFeatures.COMPAT_EXT_ATTR
            | ExtFeatures.COMPAT_RESIZE_INODE | ExtFeatures.COMPAT_DIR_INDEX;
    static final int INCOMPAT = ExtFeatures.INCOMPAT_FILETYPE | ExtFeatures.INCOMPAT_EXTENTS
            | ExtFeatures.INCOMPAT_64BIT | ExtFeatures.INCOMPAT_FLEX_BG;
    static final int RO_COMPAT = ExtFeatures.RO_COMPAT_SPARSE_SUPER | ExtFeatures.RO_COMPAT_LARGE_FILE
            | ExtFeatures.RO_COMPAT_HUGE_FILE | ExtFeatures.RO_COMPAT_DIR_NLINK | ExtFeatures.RO_COMPAT_EXTRA_ISIZE
            | ExtFeatures.RO_COMPAT_METADATA_CSUM;

    /** The geometry of the filesystem to make. */
    record Layout(int bs, long blocks, long first, long bpg, long groups, long ipg, long itb, long descBlocks,
            int reservedGdt, long journalBlocks) {
        long groupStart(long g) {
            return first + g * bpg;
        }

        long groupBlocks(long g) {
            return Math.min(bpg, blocks - groupStart(g));
        }

        long inodes() {
            return groups * ipg;
        }

        /** Superblock, descriptors and reserved GDT blocks of group {@code g}. */
        long baseBlocks(long g) {
            return MkfsWriter.groupHasSuper(g) ? 1 + descBlocks + reservedGdt : 0;
        }
    }

    @Override
    public void format(BlockDevice device, Mkfs.Options options) {
        MkfsWriter.requireWritable(device);
        Layout l = layout(device.size(), options.blockSize());
        new Writer(device, l, options).write();
    }

    /** ext2fs_default_journal_size, capped at four full extents (the root of an extent tree). */
    static long journalBlocks(long blocks) {
        long j;
        if (blocks < 2048) {
            return -1;
        } else if (blocks < 32768) {
            j = 1024;
        } else if (blocks < 256 * 1024) {
            j = 4096;
        } else if (blocks < 512 * 1024) {
            j = 8192;
        } else if (blocks < 4096 * 1024) {
            j = 16384;
        } else if (blocks < 8192 * 1024) {
            j = 32768;
        } else {
            j = 65536;
        }
        return Math.min(j, 4L * ExtentMapWriter.MAX_LEN);
    }

    /** The geometry for a device of {@code size} bytes; EINVAL when it is too small. */
    static Layout layout(long size, int askedBlockSize) {
        int bs = MkfsWriter.blockSize(size, askedBlockSize);
        long blocks = Math.min(size / bs, 0xFFFFFFFFL);
        long journal = journalBlocks(blocks);
        if (journal < 0) {
            throw new VfsException(Errno.EINVAL, "mkfs", "device of " + size + " bytes is too small for ext4"
                    + " with a journal (2048 blocks at least)");
        }
        long first = bs == 1024 ? 1 : 0;
        long bpg = 8L * bs;
        long wantInodes = Math.max(16, size / MkfsWriter.inodeRatio(size));
        int apb = bs / 4;
        while (true) {
            long groups = (blocks - first + bpg - 1) / bpg;
            long descBlocks = (groups * DESC_SIZE + bs - 1) / bs;
            long maxBlocks = blocks < 0xFFFFFFFFL / 1024 ? blocks * 1024 : 0xFFFFFFFFL;
            long rsvGroups = (maxBlocks - first + bpg - 1) / bpg;
            long rsv = Math.max(0, Math.min(apb, (rsvGroups + bs / DESC_SIZE - 1) / (bs / DESC_SIZE) - descBlocks));
            long ipg = MkfsWriter.inodesPerGroup(wantInodes, groups, bs);
            long itb = ipg * INODE_SIZE / bs;
            long lastStart = first + (groups - 1) * bpg;
            long lastBlocks = blocks - lastStart;
            long lastOverhead = (MkfsWriter.groupHasSuper(groups - 1) ? 1 + descBlocks + rsv : 0) + 2 + itb;
            if (groups > 1 && lastBlocks < lastOverhead + 50) {
                blocks = lastStart; // mke2fs drops a last group this small
                continue;
            }
            long meta = 1 + descBlocks + rsv + groups * (2 + itb) + journal + 16;
            if (meta > blocks - first) {
                throw new VfsException(Errno.EINVAL, "mkfs", "device of " + size + " bytes is too small for ext4");
            }
            return new Layout(bs, blocks, first, bpg, groups, ipg, itb, descBlocks, (int) rsv, journal);
        }
    }

    /** Writes one filesystem: the block map planned in memory, every structure built and then written. */
    private static final class Writer extends MkfsWriter {
        private final Layout l;
        /** Blocks in use, by block number. */
        private final BitSet used = new BitSet();
        private final long[] blockBitmap;
        private final long[] inodeBitmap;
        private final long[] inodeTable;
        private ExtChecksums csum;

        Writer(BlockDevice dev, Layout l, Mkfs.Options options) {
            super(dev, l.bs(), options);
            this.l = l;
            int groups = (int) l.groups();
            this.blockBitmap = new long[groups];
            this.inodeBitmap = new long[groups];
            this.inodeTable = new long[groups];
        }

        /** The first free run of {@code n} blocks at or after {@code goal} (then from the start), marked used. */
        private long take(long goal, long n) {
            for (long from : new long[] {goal, l.first()}) {
                long b = from;
                while (b + n <= l.blocks()) {
                    int clear = used.nextClearBit((int) b);
                    int set = used.nextSetBit(clear);
                    long end = set < 0 ? l.blocks() : set;
                    if (end - clear >= n && clear + n <= l.blocks()) {
                        used.set(clear, (int) (clear + n));
                        return clear;
                    }
                    if (set < 0) {
                        break;
                    }
                    b = set;
                }
            }
            throw new VfsException(Errno.ENOSPC, "mkfs", "no room for " + n + " contiguous blocks");
        }

        void write() {
            used.set(0, (int) l.first());
            for (long g = 0; g < l.groups(); g++) {
                long s = l.groupStart(g);
                used.set((int) s, (int) (s + l.baseBlocks(g)));
            }
            // flexbg_offset: each flex group's block bitmaps, inode bitmaps, then inode tables, packed.
            for (long fg = 0; fg < l.groups(); fg += FLEX) {
                int n = (int) Math.min(FLEX, l.groups() - fg);
                long start = take(l.groupStart(fg), n);
                for (int i = 0; i < n; i++) {
                    blockBitmap[(int) fg + i] = start + i;
                }
                start = take(start + n, n);
                for (int i = 0; i < n; i++) {
                    inodeBitmap[(int) fg + i] = start + i;
                }
                long goal = start + n;
                for (int i = 0; i < n; i++) {
                    inodeTable[(int) fg + i] = take(goal, l.itb());
                    goal = inodeTable[(int) fg + i] + l.itb();
                }
            }
            int lpf = lostFoundBlocks(bs);
            long rootBlock = take(l.first(), 1);
            long lpfBlock = take(rootBlock + 1, lpf);
            long dind = l.reservedGdt() > 0 ? take(lpfBlock + lpf, 1) : 0;
            long journal = take(l.groupStart(l.groups() / 2 / FLEX * FLEX), l.journalBlocks());

            byte[] sb0 = superblock(0, 0, 0, journalRoot(journal));
            csum = new ExtChecksums(ExtSuperBlockInfo.parse(sb0));

            for (long g = 0; g < l.groups(); g++) {
                zero(inodeTable[(int) g], l.itb());
            }
            writeDirectories(rootBlock, lpfBlock, lpf);
            writeJournal(journal);
            if (dind != 0) {
                writeResizeInode(dind);
            }

            long totalFree = 0;
            byte[] gdt = new byte[(int) (l.descBlocks() * bs)];
            for (long g = 0; g < l.groups(); g++) {
                byte[] bb = blockBitmapOf(g);
                long free = 0;
                for (long i = 0; i < l.groupBlocks(g); i++) {
                    if (!ExtBlockAllocator.test(bb, (int) i)) {
                        free++;
                    }
                }
                totalFree += free;
                put(blockBitmap[(int) g] * bs, bb);
                byte[] ib = inodeBitmap(g, l.ipg());
                put(inodeBitmap[(int) g] * bs, ib);
                byte[] d = new byte[DESC_SIZE];
                put64(d, 0x0, 0x20, blockBitmap[(int) g]);
                put64(d, 0x4, 0x24, inodeBitmap[(int) g]);
                put64(d, 0x8, 0x28, inodeTable[(int) g]);
                long usedInodes = g == 0 ? LOST_FOUND_INO : 0;
                ExtGroupDesc.setFreeBlocks(d, free);
                ExtGroupDesc.setFreeInodes(d, l.ipg() - usedInodes);
                ExtGroupDesc.setUsedDirs(d, g == 0 ? 2 : 0);
                ExtGroupDesc.setItableUnused(d, l.ipg() - usedInodes);
                int flags = ExtGroupDesc.INODE_ZEROED | (g == 0 ? 0 : ExtGroupDesc.INODE_UNINIT);
                ExtGroupDesc.setFlags(d, flags);
                ExtGroupDesc.setBlockBitmapCsum(d, csum.bitmap(bb, (int) (l.bpg() / 8)));
                ExtGroupDesc.setInodeBitmapCsum(d, g == 0 ? csum.bitmap(ib, (int) (l.ipg() / 8)) : 0);
                Le.put16(d, ExtChecksums.GD_CHECKSUM, csum.groupDesc(g, d));
                System.arraycopy(d, 0, gdt, (int) g * DESC_SIZE, DESC_SIZE);
            }
            long freeInodes = l.inodes() - LOST_FOUND_INO;
            for (long g = 0; g < l.groups(); g++) {
                if (!MkfsWriter.groupHasSuper(g)) {
                    continue;
                }
                byte[] sb = superblock(g, totalFree, freeInodes, journalRoot(journal));
                Le.put32(sb, ExtSuperBlockInfo.CHECKSUM_OFFSET, ExtChecksums.superblock(sb));
                writeSuperblockCopy(l.groupStart(g), g, sb, gdt);
            }
            dev.flush();
        }

        private static void put64(byte[] d, int lo, int hi, long v) {
            Le.put32(d, lo, v);
            Le.put32(d, hi, v >>> 32);
        }

        /** Group {@code g}'s slice of the block map; bits past the last block set. */
        private byte[] blockBitmapOf(long g) {
            byte[] b = new byte[bs];
            long s = l.groupStart(g);
            long n = l.groupBlocks(g);
            for (long i = 0; i < 8L * bs; i++) {
                if (i >= n || used.get((int) (s + i))) {
                    ExtBlockAllocator.set(b, (int) i);
                }
            }
            return b;
        }


        // ---- inodes ------------------------------------------------------------------------

        private byte[] inode(int mode, int links, long size, long blocks512) {
            byte[] b = new byte[INODE_SIZE];
            Le.put16(b, 0x0, mode);
            Le.put32(b, 0x4, size);
            Le.put32(b, 0x6C, size >>> 32);
            for (int off : new int[] {0x8, 0xC, 0x10, 0x90}) {
                Le.put32(b, off, now);
            }
            Le.put16(b, 0x1A, links);
            Le.put32(b, 0x1C, blocks512);
            Le.put16(b, 0x80, EXTRA_ISIZE);
            return b;
        }

        /** An extent root in i_block: runs of at most 32768 blocks from {@code start}. */
        private static void extents(byte[] inode, long start, long count) {
            Le.put32(inode, 0x20, ExtInodeRaw.FL_EXTENTS);
            int n = (int) ((count + ExtentMapWriter.MAX_LEN - 1) / ExtentMapWriter.MAX_LEN);
            int at = ExtInodeRaw.I_BLOCK;
            Le.put16(inode, at, ExtentMap.MAGIC);
            Le.put16(inode, at + 2, n);
            Le.put16(inode, at + 4, 4);
            Le.put16(inode, at + 6, 0);
            for (int i = 0; i < n; i++) {
                int e = at + 12 + 12 * i;
                long lb = (long) i * ExtentMapWriter.MAX_LEN;
                long len = Math.min(ExtentMapWriter.MAX_LEN, count - lb);
                Le.put32(inode, e, lb);
                Le.put16(inode, e + 4, len);
                Le.put16(inode, e + 6, (start + lb) >>> 32);
                Le.put32(inode, e + 8, start + lb);
            }
        }

        private void writeInode(long ino, byte[] inode) {
            ExtInodeCodec.seal(csum, ino, inode);
            long index = ino - 1; // all in group 0
            put(inodeTable[0] * bs + index * INODE_SIZE, inode);
        }

        private void writeDirectories(long rootBlock, long lpfBlock, int lpf) {
            ExtDirTailWriter tails = new ExtDirTailWriter(csum, bs);
            byte[] root = new byte[bs];
            dirEntry(root, 0, ExtSuper.ROOT_INO, 12, ".");
            dirEntry(root, 12, ExtSuper.ROOT_INO, 12, "..");
            dirEntry(root, 24, LOST_FOUND_INO, bs - 12 - 24, "lost+found");
            put(rootBlock * bs, tails.seal(ExtSuper.ROOT_INO, root));
            byte[] first = new byte[bs];
            dirEntry(first, 0, LOST_FOUND_INO, 12, ".");
            dirEntry(first, 12, ExtSuper.ROOT_INO, bs - 12 - 12, "..");
            put(lpfBlock * bs, tails.seal(LOST_FOUND_INO, first));
            for (int i = 1; i < lpf; i++) {
                byte[] empty = new byte[bs];
                Le.put16(empty, 4, bs - 12);
                put((lpfBlock + i) * bs, tails.seal(LOST_FOUND_INO, empty));
            }
            byte[] r = inode(FileMode.S_IFDIR | 0755, 3, bs, bs / 512);
            extents(r, rootBlock, 1);
            writeInode(ExtSuper.ROOT_INO, r);
            byte[] lf = inode(FileMode.S_IFDIR | 0700, 2, (long) lpf * bs, (long) lpf * bs / 512);
            extents(lf, lpfBlock, lpf);
            writeInode(LOST_FOUND_INO, lf);
        }

        private byte[] journalRoot(long start) {
            byte[] j = inode(FileMode.S_IFREG | 0600, 1, l.journalBlocks() * bs, l.journalBlocks() * bs / 512);
            extents(j, start, l.journalBlocks());
            return j;
        }

        /** ext2fs_create_journal_superblock: an empty journal, nothing to replay (s_start 0). */
        private void writeJournal(long start) {
            zero(start, l.journalBlocks());
            ByteBuffer jsb = ByteBuffer.allocate(bs); // jbd2 is big-endian
            jsb.putInt(0x0, JBD2_MAGIC);
            jsb.putInt(0x4, 4); // JBD2_SUPERBLOCK_V2
            jsb.putInt(0xC, bs);
            jsb.putInt(0x10, (int) l.journalBlocks());
            jsb.putInt(0x14, 1); // s_first
            jsb.putInt(0x18, 1); // s_sequence
            jsb.put(0x30, uuid);
            jsb.putInt(0x40, 1); // s_nr_users
            put(start * bs, jsb.array());
            writeInode(JOURNAL_INO, journalRoot(start));
        }

        /**
         * ext2fs_create_resize_inode: the double indirect block lists the primary reserved GDT
         * blocks; each of those lists its copies in the backup groups.
         */
        private long writeResizeInode(long dind) {
            int apb = bs / 4;
            byte[] dindBuf = new byte[bs];
            long blocks = 1;
            java.util.List<Long> backups = new java.util.ArrayList<>();
            for (long g = 1; g < l.groups(); g++) {
                if (MkfsWriter.groupHasSuper(g)) {
                    backups.add(g);
                }
            }
            for (int r = 0; r < l.reservedGdt(); r++) {
                long gdtBlk = l.first() + 1 + l.descBlocks() + r;
                int off = (int) ((l.descBlocks() + r) % apb);
                Le.put32(dindBuf, off * 4, gdtBlk);
                byte[] ind = new byte[bs];
                for (int i = 0; i < backups.size() && i < apb; i++) {
                    Le.put32(ind, i * 4, gdtBlk + backups.get(i) * l.bpg());
                }
                put(gdtBlk * bs, ind);
                blocks += 1 + Math.min(backups.size(), apb);
                for (long g : backups) {
                    put((gdtBlk + g * l.bpg()) * bs, new byte[bs]);
                }
            }
            put(dind * bs, dindBuf);
            long size = ((long) apb * apb + apb + IndirectMap.NDIR) * bs;
            byte[] inode = inode(FileMode.S_IFREG | 0600, 1, size, blocks * (bs / 512));
            Le.put32(inode, ExtInodeRaw.I_BLOCK + 4 * 13, dind);
            writeInode(RESIZE_INO, inode);
            return blocks;
        }


        private byte[] superblock(long group, long freeBlocks, long freeInodes, byte[] journalInode) {
            byte[] s = superblock(l.inodes(), l.blocks(), l.first(), l.bpg(), l.ipg(), group, freeBlocks, freeInodes);
            Le.put32(s, 0x5C, COMPAT);
            Le.put32(s, 0x60, INCOMPAT);
            Le.put32(s, 0x64, RO_COMPAT);
            Le.put16(s, 0xCE, l.reservedGdt());
            Le.put32(s, 0xE0, JOURNAL_INO);
            Le.put8(s, 0xFD, 1); // EXT3_JNL_BACKUP_BLOCKS
            Le.put16(s, 0xFE, DESC_SIZE);
            for (int i = 0; i < 15; i++) {
                Le.put32(s, 0x10C + 4 * i, Le.u32(journalInode, ExtInodeRaw.I_BLOCK + 4 * i));
            }
            Le.put32(s, 0x10C + 4 * 15, Le.u32(journalInode, 0x6C));
            Le.put32(s, 0x10C + 4 * 16, Le.u32(journalInode, 0x4));
            Le.put32(s, 0x150, l.blocks() >>> 32);
            Le.put32(s, 0x154, (l.blocks() / 20) >>> 32);
            Le.put32(s, 0x158, freeBlocks >>> 32);
            Le.put8(s, 0x174, Integer.numberOfTrailingZeros(FLEX));
            Le.put8(s, 0x175, 1); // crc32c
            return s;
        }


    }

    /** The leaf-block tails of the directories mkfs writes (ExtDirTail needs a mounted filesystem). */
    private record ExtDirTailWriter(ExtChecksums csum, int bs) {
        byte[] seal(long ino, byte[] block) {
            int t = bs - ExtDirBlock.TAIL_SIZE;
            Le.put32(block, t, 0);
            Le.put16(block, t + 4, ExtDirBlock.TAIL_SIZE);
            Le.put8(block, t + 6, 0);
            Le.put8(block, t + 7, ExtDirEntry.FT_DIR_CSUM);
            Le.put32(block, t + 8, csum.dirBlock(csum.inodeSeed(ino, 0), block));
            return block;
        }
    }
}
